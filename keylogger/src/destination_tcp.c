/* SSLKEYLOG_TCP=HOST:PORT with SSLKEYLOG_SECRET or SSLKEYLOG_SECRET_FILE: the secure transport of
 * docs/KEY-TRANSPORT.md. Lines go over TLS 1.3 authenticated by a PSK derived from the shared
 * secret, each ended by LF; the receiver answers "ACK <n>". Every line is held until an ACK
 * covers it and sent again after a reconnect (HELD_LINES_MAX, the oldest dropped when full);
 * failed attempts are retried after the backoff (0.5 s doubling to 30 s, +-20 %).
 *
 * Everything happens on the sender thread and nothing waits on the network: the socket is
 * non-blocking, each call does what the socket allows at once, and the sender comes back for the
 * rest (service). A receiver that hangs therefore delays the other destinations by no more than one
 * handshake step's computation; a connection attempt gives up after CONNECT_TIMEOUT_MS. */
#include "ack_reader.h"
#include "backoff.h"
#include "debug.h"
#include "destination.h"
#include "held_lines.h"
#include "hostport.h"
#include "libssl.h"
#include "monotonic.h"
#include "secret.h"
#include "tls_connection.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* TCP connect and TLS handshake together: a receiver that accepts but never answers is given up. */
#define CONNECT_TIMEOUT_MS 10000u
/* A blank line after this long without writing keeps an idle connection known to be alive. */
#define KEEPALIVE_IDLE_MS 30000u
/* How often the sender comes back while it waits for the network: during a handshake; while lines
 * wait for their ACK (after a second without progress, as seldom as when idle); when idle. */
#define POLL_HANDSHAKE_MS 10u
#define POLL_UNACKNOWLEDGED_MS 50u
#define POLL_IDLE_MS 1000u
/* At exit, a connection attempt due within this long is waited for (the exit waits a second at most). */
#define EXIT_RETRY_WINDOW_MS 1000u
/* Lines go out in writes of up to this much (one TLS record). */
#define BATCH_MAX 16384
#define READ_CHUNK 256
#define SPEC_MAX 80

enum link_state {
    LINK_DOWN,        /* not connected; the next attempt at next_attempt_ms, once there are lines */
    LINK_HANDSHAKING, /* TCP connect and TLS handshake under way */
    LINK_UP,          /* lines and ACKs flow */
    LINK_STOPPED,     /* the process exits, or OpenSSL lacks what is needed: libssl is not used */
};

struct tcp_destination {
    struct destination base; /* first: the sender sees only this part */
    char spec[SPEC_MAX];     /* HOST:PORT as configured */
    struct sockaddr_storage address;
    socklen_t address_length;
    struct secret secret; /* until the PSK is derived from it, then wiped */
    bool client_ready;
    bool unusable; /* the program's OpenSSL lacks what is needed */
    struct tls_client client;
    struct tls_connection connection;
    /* Held by the sender thread while it works here (and uses OpenSSL); taken by fork() (so a
     * child never inherits OpenSSL state half-changed by us) and by the exit. */
    pthread_mutex_t lock;
    enum link_state state;
    uint64_t next_attempt_ms;
    uint64_t attempt_started_ms;
    uint64_t last_write_ms;
    uint64_t last_progress_ms;
    struct backoff backoff;
    struct held_lines held;
    struct ack_reader acks;
    uint64_t numbered; /* lines (blank ones too) given a number on this connection */
    char batch[BATCH_MAX];
    size_t batch_length; /* being written: OpenSSL wants the same bytes again after TLS_WAIT */
    atomic_ulong acknowledged;
    atomic_ulong dropped_full;
    atomic_ulong connections;
    atomic_ulong authentication_failures;
    atomic_ulong connection_failures;
};

/* There is one SSLKEYLOG_TCP: the fork handlers find it here. */
static struct tcp_destination *the_destination;

static uint64_t seed_for_this_process(void) {
    return ((uint64_t) getpid() << 32) ^ monotonic_ms() ^ (uint64_t) (uintptr_t) &the_destination;
}

static void schedule_next_attempt(struct tcp_destination *self, uint64_t now) {
    uint32_t wait = backoff_next_ms(&self->backoff);
    self->next_attempt_ms = now + wait;
    self->state = LINK_DOWN;
    debug_say("%s: next attempt in %u ms", self->base.name, wait);
}

static void disconnect(struct tcp_destination *self) {
    tls_connection_close(&self->connection);
    explicit_bzero(self->batch, self->batch_length);
    self->batch_length = 0;
}

/* status: what the failed call returned. A socket the program closed says nothing about the
 * receiver: the next attempt is made at once. */
static void connection_lost(struct tcp_destination *self, uint64_t now, enum tls_status status, const char *why) {
    debug_say("FAILED %s: connection lost: %s", self->base.name, why);
    disconnect(self);
    if (status == TLS_SOCKET_TAKEN) {
        self->state = LINK_DOWN;
        self->next_attempt_ms = now;
    } else {
        schedule_next_attempt(self, now);
    }
}

/* The TLS client, made on the first attempt: OpenSSL is called only once the program used it. */
static bool client_ready(struct tcp_destination *self, void *libssl_handle) {
    if (self->client_ready) {
        return true;
    }
    char why[200] = "the program has no libssl loaded";
    bool ready = libssl_handle != NULL && tls_client_init(&self->client, libssl_handle, &self->secret, why, sizeof why);
    secret_wipe(&self->secret);
    if (!ready) {
        debug_say("FAILED %s: %s; no keys sent over TCP", self->base.name, why);
        self->state = LINK_STOPPED;
        self->unusable = true;
        return false;
    }
    self->client_ready = true;
    return true;
}

static void start_attempt(struct tcp_destination *self, uint64_t now, void *libssl_handle) {
    if (!client_ready(self, libssl_handle)) {
        return;
    }
    if (!tls_connection_open(&self->connection, &self->client, (const struct sockaddr *) &self->address,
                             self->address_length)) {
        atomic_fetch_add(&self->connection_failures, 1);
        debug_say("FAILED %s: %s", self->base.name, self->connection.failure);
        schedule_next_attempt(self, now);
        return;
    }
    self->state = LINK_HANDSHAKING;
    self->attempt_started_ms = now;
}

static void continue_handshake(struct tcp_destination *self, uint64_t now) {
    enum tls_status status = tls_connection_handshake(&self->connection);
    if (status == TLS_WAIT && now - self->attempt_started_ms < CONNECT_TIMEOUT_MS) {
        return;
    }
    if (status == TLS_DONE) {
        self->state = LINK_UP;
        backoff_reset(&self->backoff);
        held_lines_resend_all(&self->held);
        ack_reader_init(&self->acks);
        self->numbered = 0;
        self->last_write_ms = now;
        self->last_progress_ms = now;
        atomic_fetch_add(&self->connections, 1);
        debug_say("OK connect %s (TLS 1.3, external PSK): %zu lines to send", self->base.name,
                  held_lines_count(&self->held));
        return;
    }
    if (status == TLS_SOCKET_TAKEN) {
        connection_lost(self, now, status, self->connection.failure);
        return;
    }
    if (status == TLS_AUTH_FAILED) {
        atomic_fetch_add(&self->authentication_failures, 1);
        debug_say("TCP %s authentication failed (wrong secret?)", self->spec);
    } else {
        atomic_fetch_add(&self->connection_failures, 1);
        debug_say("FAILED %s: %s", self->base.name,
                  status == TLS_WAIT ? "no handshake within the time allowed" : self->connection.failure);
    }
    disconnect(self);
    schedule_next_attempt(self, now);
}

/* Reads what the receiver sent: ACKs forget the lines they cover. False when the connection is lost. */
static bool read_acknowledgements(struct tcp_destination *self, uint64_t now) {
    char buffer[READ_CHUNK];
    for (;;) {
        size_t got = 0;
        enum tls_status status = tls_connection_read(&self->connection, buffer, sizeof buffer, &got);
        if (status == TLS_WAIT) {
            return true;
        }
        if (status != TLS_DONE) {
            connection_lost(self, now, status, self->connection.failure);
            return false;
        }
        for (size_t i = 0; i < got; i++) {
            uint64_t count = 0;
            switch (ack_reader_push(&self->acks, buffer[i], &count)) {
            case ACK_NONE:
                break;
            case ACK_RECEIVED: {
                if (count > self->numbered) {
                    connection_lost(self, now, TLS_FAILED, "the receiver acknowledged lines it was never sent");
                    return false;
                }
                size_t forgotten = held_lines_acknowledge(&self->held, count);
                if (forgotten > 0) {
                    atomic_fetch_add(&self->acknowledged, forgotten);
                    self->last_progress_ms = now;
                    debug_say("%s: ACK %llu, %zu lines held", self->base.name, (unsigned long long) count,
                              held_lines_count(&self->held));
                }
                break;
            }
            case ACK_MALFORMED:
                connection_lost(self, now, TLS_FAILED, "the receiver sent something other than ACK <n>");
                return false;
            }
        }
    }
}

/* The next write: held lines not yet sent on this connection, or a keep-alive blank line. */
static void fill_batch(struct tcp_destination *self, uint64_t now) {
    size_t length = 0;
    while (length + HELD_LINE_MAX + 1 <= sizeof self->batch) {
        size_t line_length = 0;
        const char *line = held_lines_take_next(&self->held, self->numbered, &line_length);
        if (line == NULL) {
            break;
        }
        memcpy(self->batch + length, line, line_length);
        self->batch[length + line_length] = '\n';
        length += line_length + 1;
        self->numbered++;
    }
    if (length == 0 && now - self->last_write_ms >= KEEPALIVE_IDLE_MS) {
        self->batch[length++] = '\n';
        self->numbered++;
    }
    self->batch_length = length;
}

/* Writes until everything is out or the socket is full. False when the connection is lost. */
static bool write_lines(struct tcp_destination *self, uint64_t now) {
    for (;;) {
        if (self->batch_length == 0) {
            fill_batch(self, now);
        }
        if (self->batch_length == 0) {
            return true;
        }
        enum tls_status status = tls_connection_write(&self->connection, self->batch, self->batch_length);
        if (status == TLS_WAIT) {
            return true;
        }
        if (status != TLS_DONE) {
            connection_lost(self, now, status, self->connection.failure);
            return false;
        }
        explicit_bzero(self->batch, self->batch_length);
        self->batch_length = 0;
        self->last_write_ms = now;
        self->last_progress_ms = now;
    }
}

/* When an established connection wants to be looked at again. */
static uint64_t next_look(const struct tcp_destination *self, uint64_t now) {
    if ((self->batch_length > 0 || held_lines_count(&self->held) > 0)
            && now - self->last_progress_ms < POLL_IDLE_MS) {
        return now + POLL_UNACKNOWLEDGED_MS;
    }
    uint64_t keepalive = self->last_write_ms + KEEPALIVE_IDLE_MS;
    return keepalive < now + POLL_IDLE_MS ? keepalive : now + POLL_IDLE_MS;
}

/* Under the lock: moves the connection on as far as the network allows; returns when to come back
 * (0: when the next line comes). libssl_handle: see libssl_handle_outside_the_lock. */
static uint64_t progress(struct tcp_destination *self, void *libssl_handle) {
    uint64_t now = monotonic_ms();
    if (self->state == LINK_DOWN) {
        if (held_lines_count(&self->held) == 0) {
            return 0;
        }
        if (now < self->next_attempt_ms) {
            return self->next_attempt_ms;
        }
        start_attempt(self, now, libssl_handle);
    }
    if (self->state == LINK_HANDSHAKING) {
        continue_handshake(self, now);
    }
    if (self->state == LINK_UP && read_acknowledgements(self, now) && write_lines(self, now)) {
        return next_look(self, now);
    }
    switch (self->state) {
    case LINK_HANDSHAKING:
        return now + POLL_HANDSHAKE_MS;
    case LINK_DOWN:
        return self->next_attempt_ms;
    default:
        return 0;
    }
}

/* Until the client is made: libssl's handle, looked up before our lock is taken. The look-up takes
 * libssl.c's lock, which fork() takes before ours: taking it while holding ours could deadlock. */
static void *libssl_handle_outside_the_lock(const struct tcp_destination *self) {
    return self->client_ready || self->unusable ? NULL : libssl_handle_for_own_use(); /* sender thread's fields */
}

static bool tcp_send(struct destination *base, const char *line, size_t length) {
    struct tcp_destination *self = (struct tcp_destination *) base;
    if (self->unusable) {
        return false;
    }
    void *libssl_handle = libssl_handle_outside_the_lock(self);
    pthread_mutex_lock(&self->lock);
    enum held_add_result result = held_lines_add(&self->held, line, length);
    if (result == HELD_ADDED_OLDEST_DROPPED) {
        atomic_fetch_add(&self->dropped_full, 1);
    }
    if (result != HELD_NO_MEMORY && self->state != LINK_STOPPED) {
        progress(self, libssl_handle);
    }
    pthread_mutex_unlock(&self->lock);
    return result != HELD_NO_MEMORY;
}

static uint64_t tcp_service(struct destination *base) {
    struct tcp_destination *self = (struct tcp_destination *) base;
    void *libssl_handle = libssl_handle_outside_the_lock(self);
    pthread_mutex_lock(&self->lock);
    uint64_t next = self->state == LINK_STOPPED ? 0 : progress(self, libssl_handle);
    pthread_mutex_unlock(&self->lock);
    return next;
}

static bool tcp_busy(struct destination *base) {
    struct tcp_destination *self = (struct tcp_destination *) base;
    pthread_mutex_lock(&self->lock);
    bool held = held_lines_count(&self->held) > 0;
    bool attempt_soon = self->state == LINK_DOWN && self->next_attempt_ms < monotonic_ms() + EXIT_RETRY_WINDOW_MS;
    bool busy = self->state == LINK_HANDSHAKING || (held && (self->state == LINK_UP || attempt_soon));
    pthread_mutex_unlock(&self->lock);
    return busy;
}

static void tcp_stop(struct destination *base) {
    struct tcp_destination *self = (struct tcp_destination *) base;
    pthread_mutex_lock(&self->lock);
    if (self->state == LINK_UP) {
        tls_connection_say_goodbye(&self->connection);
    }
    self->state = LINK_STOPPED;
    pthread_mutex_unlock(&self->lock);
}

static void tcp_report(struct destination *base) {
    struct tcp_destination *self = (struct tcp_destination *) base;
    pthread_mutex_lock(&self->lock);
    size_t held = held_lines_count(&self->held);
    pthread_mutex_unlock(&self->lock);
    debug_say("pid %ld: %s: %lu acknowledged, %zu not acknowledged, %lu dropped (buffer full), %lu connections, "
              "%lu authentication failures, %lu failed connection attempts",
              (long) getpid(), base->name, atomic_load(&self->acknowledged), held, atomic_load(&self->dropped_full),
              atomic_load(&self->connections), atomic_load(&self->authentication_failures),
              atomic_load(&self->connection_failures));
}

/* In the child after fork(), after after_fork_in_child unlocked: the parent keeps the connection
 * and the held lines. */
static void tcp_drop_inherited(struct destination *base) {
    struct tcp_destination *self = (struct tcp_destination *) base;
    tls_connection_abandon(&self->connection);
    held_lines_forget(&self->held);
    self->batch_length = 0;
    self->state = self->state == LINK_STOPPED ? LINK_STOPPED : LINK_DOWN;
    self->next_attempt_ms = 0;
    backoff_init(&self->backoff, seed_for_this_process());
    atomic_store(&self->acknowledged, 0);
    atomic_store(&self->dropped_full, 0);
    atomic_store(&self->connections, 0);
    atomic_store(&self->authentication_failures, 0);
    atomic_store(&self->connection_failures, 0);
}

static void before_fork(void) {
    pthread_mutex_lock(&the_destination->lock);
}

static void after_fork(void) {
    pthread_mutex_unlock(&the_destination->lock);
}

struct destination *tcp_destination_from_environment(void) {
    const char *spec = getenv("SSLKEYLOG_TCP");
    if (spec == NULL || spec[0] == '\0') {
        return NULL;
    }
    struct tcp_destination *self = calloc(1, sizeof *self);
    if (self == NULL) {
        return NULL;
    }
    char why[300];
    char warning[300];
    if (!hostport_parse(spec, &self->address, &self->address_length, why, sizeof why)) {
        debug_say("FAILED SSLKEYLOG_TCP=%.80s: %s; no keys sent over TCP", spec, why);
        free(self);
        return NULL;
    }
    if (!secret_load(getenv("SSLKEYLOG_SECRET"), getenv("SSLKEYLOG_SECRET_FILE"), &self->secret, why, sizeof why,
                     warning, sizeof warning)) {
        debug_say("FAILED SSLKEYLOG_TCP=%.80s: %s; no keys sent over TCP", spec, why);
        secret_wipe(&self->secret);
        free(self);
        return NULL;
    }
    if (warning[0] != '\0') {
        debug_say("WARNING SSLKEYLOG_SECRET_FILE: %s (chmod 600 it, or keep the group to the service)", warning);
    }
    snprintf(self->spec, sizeof self->spec, "%.79s", spec);
    snprintf(self->base.name, sizeof self->base.name, "tcp %.80s", spec);
    self->base.send = tcp_send;
    self->base.drop_inherited = tcp_drop_inherited;
    self->base.service = tcp_service;
    self->base.busy = tcp_busy;
    self->base.stop = tcp_stop;
    self->base.report = tcp_report;
    self->base.holds_lines = true;
    pthread_mutex_init(&self->lock, NULL);
    tls_connection_init(&self->connection);
    held_lines_init(&self->held, HELD_LINES_MAX);
    ack_reader_init(&self->acks);
    backoff_init(&self->backoff, seed_for_this_process());
    self->state = LINK_DOWN;
    the_destination = self;
    pthread_atfork(before_fork, after_fork, after_fork);
    return &self->base;
}
