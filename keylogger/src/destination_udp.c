/* SSLKEYLOG_UDP=IP:PORT: one key log line per datagram, without line terminator, as VoIPmonitor's
 * keylogger sends them, so its receivers (ssl_sessionkey_udp) take them unchanged. */
#include "destination.h"
#include "debug.h"
#include "hostport.h"
#include "owned_fd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* A full socket buffer clears in microseconds on the same host; a few short pauses ride it out. */
#define SEND_ATTEMPTS 3

struct udp_destination {
    struct destination base; /* first: the sender sees only this part */
    struct sockaddr_storage address;
    socklen_t address_length;
    struct owned_fd socket;
};

static int open_socket(struct udp_destination *self) {
    int fd = owned_fd_check(&self->socket);
    if (fd >= 0) {
        return fd;
    }
    fd = socket(self->address.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        debug_say("FAILED create socket for %s: %s", self->base.name, strerror(errno));
        return -1;
    }
    if (!owned_fd_adopt(&self->socket, fd)) {
        return -1;
    }
    debug_say("OK create socket for %s", self->base.name);
    return fd;
}

static bool transient(int error) {
    return error == EAGAIN || error == EWOULDBLOCK || error == ENOBUFS || error == EINTR;
}

static bool udp_send(struct destination *base, const char *line, size_t length) {
    struct udp_destination *self = (struct udp_destination *) base;
    for (int attempt = 1; attempt <= SEND_ATTEMPTS; attempt++) {
        int fd = open_socket(self);
        if (fd < 0) {
            return false;
        }
        ssize_t sent = sendto(fd, line, length, MSG_NOSIGNAL, (const struct sockaddr *) &self->address,
                              self->address_length);
        if (sent == (ssize_t) length) {
            return true;
        }
        int error = sent < 0 ? errno : EMSGSIZE;
        if (!transient(error) || attempt == SEND_ATTEMPTS) {
            debug_say("FAILED send to %s: %s", base->name, strerror(error));
            if (error == EBADF || error == ENOTSOCK) {
                owned_fd_close(&self->socket);
            }
            return false;
        }
        struct timespec pause = { .tv_sec = 0, .tv_nsec = attempt * 1000000L };
        nanosleep(&pause, NULL);
    }
    return false;
}

static void udp_drop_inherited(struct destination *base) {
    owned_fd_close(&((struct udp_destination *) base)->socket);
}

struct destination *udp_destination_from_environment(void) {
    const char *spec = getenv("SSLKEYLOG_UDP");
    if (spec == NULL || spec[0] == '\0') {
        return NULL;
    }
    struct udp_destination *self = calloc(1, sizeof *self);
    if (self == NULL) {
        return NULL;
    }
    char error[128];
    if (!hostport_parse(spec, &self->address, &self->address_length, error, sizeof error)) {
        debug_say("FAILED SSLKEYLOG_UDP=%.80s: %s; no keys sent over UDP", spec, error);
        free(self);
        return NULL;
    }
    atomic_init(&self->socket.fd, -1);
    snprintf(self->base.name, sizeof self->base.name, "udp %.80s", spec);
    self->base.send = udp_send;
    self->base.drop_inherited = udp_drop_inherited;
    return &self->base;
}
