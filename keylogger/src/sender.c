#include "sender.h"
#include "debug.h"
#include "labels.h"
#include "line_queue.h"
#include "monotonic.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The sender needs little: a line buffer, the destinations' own frames and, for the secure TCP
 * destination, OpenSSL's handshake (a few tens of KiB). */
#define SENDER_STACK_BYTES (256 * 1024)
#define LABEL_MAX 40
/* While the process exits, destinations with lines on their way are served this often. */
#define EXIT_SERVICE_MS 5

static struct destination *destinations[DESTINATIONS_MAX];
static size_t destination_count;
static struct line_queue queue;
static atomic_bool sender_started;
static atomic_bool exiting;
static atomic_bool finished;
static bool exit_handler_registered; /* a child inherits the registration */
static __thread bool on_sender_thread;

static atomic_ulong lines_queued;
static atomic_ulong dropped_queue_full;
static atomic_ulong dropped_too_long;
static atomic_ulong not_forwarded;
static atomic_ulong thread_start_failures;

/* The label of a line, for messages: never the line itself, which holds the secret. */
static void label_of(const char *line, size_t length, char label[LABEL_MAX + 1]) {
    size_t i = 0;
    while (i < length && i < LABEL_MAX && line[i] != ' ') {
        label[i] = line[i];
        i++;
    }
    label[i] = '\0';
}

static void deliver(const char *line, size_t length) {
    char label[LABEL_MAX + 1];
    label_of(line, length, label);
    for (size_t i = 0; i < destination_count; i++) {
        struct destination *destination = destinations[i];
        if (destination->send(destination, line, length)) {
            atomic_fetch_add(&destination->sent, 1);
            debug_say("%s %s %s %s", destination->holds_lines ? "held" : "sent", label,
                      destination->holds_lines ? "for" : "to", destination->name);
        } else {
            atomic_fetch_add(&destination->failed, 1);
        }
    }
}

/* Gives the destinations that ask for it their time between lines; returns the earliest moment
 * (monotonic_ms) one wants it again, 0 for none. */
static uint64_t service_destinations(void) {
    uint64_t next = 0;
    for (size_t i = 0; i < destination_count; i++) {
        struct destination *destination = destinations[i];
        if (destination->service != NULL) {
            uint64_t wanted = destination->service(destination);
            if (wanted != 0 && (next == 0 || wanted < next)) {
                next = wanted;
            }
        }
    }
    if (next != 0 && atomic_load(&exiting)) {
        uint64_t soon = monotonic_ms() + EXIT_SERVICE_MS;
        next = next < soon ? next : soon;
    }
    return next;
}

static void *send_lines(void *unused) {
    (void) unused;
    on_sender_thread = true;
    char line[LINE_QUEUE_LINE_MAX];
    for (;;) {
        uint64_t next = service_destinations();
        long length;
        if (next == 0) {
            length = (long) line_queue_pop(&queue, line);
        } else {
            struct timespec deadline = monotonic_timespec(next);
            length = line_queue_pop_before(&queue, line, &deadline);
        }
        if (length >= 0) {
            deliver(line, (size_t) length);
            memset(line, 0, (size_t) length);
        }
    }
    return NULL;
}

bool sender_on_this_thread(void) {
    return on_sender_thread;
}

static void before_libraries_clean_up(void);

static void start_sender(void) {
    bool expected = false;
    if (!atomic_compare_exchange_strong(&sender_started, &expected, true)) {
        return;
    }
    /* Signals stay with the host program's threads: ours blocks them all. */
    sigset_t all;
    sigset_t previous;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &previous);
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attributes, SENDER_STACK_BYTES);
    pthread_t thread;
    int error = pthread_create(&thread, &attributes, send_lines, NULL);
    pthread_attr_destroy(&attributes);
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    if (error != 0) {
        atomic_fetch_add(&thread_start_failures, 1);
        atomic_store(&sender_started, false); /* the next line tries again */
        return;
    }
    pthread_setname_np(thread, "sslkeylog");
    /* Registered now, from inside a handshake: OpenSSL has registered its own clean-up by then,
     * and exit() runs ours before it. */
    if (!exit_handler_registered) {
        exit_handler_registered = true;
        atexit(before_libraries_clean_up);
    }
}

void sender_submit(const char *line) {
    if (destination_count == 0 || line == NULL) {
        return;
    }
    if (!label_is_forwarded(line)) {
        atomic_fetch_add(&not_forwarded, 1);
        return;
    }
    switch (line_queue_push(&queue, line, strlen(line))) {
    case LINE_QUEUED:
        atomic_fetch_add(&lines_queued, 1);
        if (!atomic_load(&sender_started)) {
            start_sender();
        }
        break;
    case LINE_QUEUE_FULL:
        atomic_fetch_add(&dropped_queue_full, 1);
        break;
    case LINE_TOO_LONG:
        atomic_fetch_add(&dropped_too_long, 1);
        break;
    }
}

/* fork(): the queue's lock is held across it; the child starts with an empty queue (the parent
 * sends what was queued), no sender thread (threads do not survive fork) and no inherited
 * descriptors, and starts its own sender on its first line. */
static void before_fork(void) {
    line_queue_lock(&queue);
}

static void after_fork_in_parent(void) {
    line_queue_unlock(&queue);
}

static void after_fork_in_child(void) {
    line_queue_init(&queue);
    atomic_store(&sender_started, false);
    atomic_store(&exiting, false);
    atomic_store(&finished, false);
    /* The child counts its own lines: the parent reports those it had. */
    atomic_store(&lines_queued, 0);
    atomic_store(&dropped_queue_full, 0);
    atomic_store(&dropped_too_long, 0);
    atomic_store(&not_forwarded, 0);
    atomic_store(&thread_start_failures, 0);
    for (size_t i = 0; i < destination_count; i++) {
        destinations[i]->drop_inherited(destinations[i]);
        atomic_store(&destinations[i]->sent, 0);
        atomic_store(&destinations[i]->failed, 0);
    }
}

void sender_init(struct destination *const *configured, size_t count) {
    line_queue_init(&queue);
    for (size_t i = 0; i < count && i < DESTINATIONS_MAX; i++) {
        destinations[i] = configured[i];
    }
    destination_count = count < DESTINATIONS_MAX ? count : DESTINATIONS_MAX;
    if (destination_count > 0) {
        pthread_atfork(before_fork, after_fork_in_parent, after_fork_in_child);
    }
}

bool sender_active(void) {
    return destination_count > 0;
}

/* With SSLKEYLOG_DEBUG, at exit, from a process that had secrets to send. */
static void report(unsigned left) {
    unsigned long seen = atomic_load(&lines_queued) + atomic_load(&dropped_queue_full)
                         + atomic_load(&dropped_too_long) + atomic_load(&not_forwarded);
    if (!debug_on() || seen == 0) {
        return;
    }
    debug_say("pid %ld: %lu lines queued, %lu dropped (queue full), %lu dropped (too long), %lu not forwarded (label)%s",
              (long) getpid(), atomic_load(&lines_queued), atomic_load(&dropped_queue_full),
              atomic_load(&dropped_too_long), atomic_load(&not_forwarded),
              atomic_load(&thread_start_failures) > 0 ? ", sender thread could not start" : "");
    for (size_t i = 0; i < destination_count; i++) {
        debug_say("pid %ld: %s: %lu %s, %lu failed", (long) getpid(), destinations[i]->name,
                  atomic_load(&destinations[i]->sent), destinations[i]->holds_lines ? "held" : "sent",
                  atomic_load(&destinations[i]->failed));
        if (destinations[i]->report != NULL) {
            destinations[i]->report(destinations[i]);
        }
    }
    if (left > 0) {
        debug_say("pid %ld: exit: %u lines not sent within %d ms", (long) getpid(), left, SENDER_EXIT_FLUSH_MS);
    }
}

static bool a_destination_is_busy(void) {
    for (size_t i = 0; i < destination_count; i++) {
        if (destinations[i]->busy != NULL && destinations[i]->busy(destinations[i])) {
            return true;
        }
    }
    return false;
}

/* Waits until deadline (monotonic_ms) at most for the queue to drain and the destinations to have
 * delivered; returns how many lines were still queued. */
static unsigned drain(uint64_t deadline_ms) {
    struct timespec deadline = monotonic_timespec(deadline_ms);
    unsigned left = line_queue_wait_idle(&queue, &deadline);
    while (left == 0 && a_destination_is_busy() && monotonic_ms() < deadline_ms) {
        struct timespec pause = { .tv_sec = 0, .tv_nsec = EXIT_SERVICE_MS * 1000000L };
        nanosleep(&pause, NULL);
        left = line_queue_wait_idle(&queue, &deadline);
    }
    return left;
}

/* The first call waits up to SENDER_EXIT_FLUSH_MS (if the sender runs), then stops the
 * destinations' use of libssl; later calls only count what is left. */
static unsigned finish(void) {
    if (atomic_exchange(&finished, true)) {
        return drain(monotonic_ms());
    }
    atomic_store(&exiting, true);
    line_queue_wake(&queue);
    uint64_t deadline = monotonic_ms() + (atomic_load(&sender_started) ? SENDER_EXIT_FLUSH_MS : 0);
    unsigned left = drain(deadline);
    for (size_t i = 0; i < destination_count; i++) {
        if (destinations[i]->stop != NULL) {
            destinations[i]->stop(destinations[i]);
        }
    }
    return left;
}

static void before_libraries_clean_up(void) {
    if (destination_count > 0) {
        finish();
    }
}

void sender_flush_at_exit(void) {
    if (destination_count == 0) {
        return;
    }
    report(finish());
}
