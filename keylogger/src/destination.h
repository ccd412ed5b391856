/* Where key log lines go. Each kind lives in its own file (destination_udp.c,
 * destination_file.c, destination_tcp.c) and is listed once in destinations.c. Only the sender
 * thread sends. */
#ifndef CALLSCOPE_KEYLOG_DESTINATION_H
#define CALLSCOPE_KEYLOG_DESTINATION_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DESTINATION_NAME_MAX 300

struct destination {
    char name[DESTINATION_NAME_MAX]; /* for messages: "udp 127.0.0.1:1234", "file /var/log/keys" */
    /* Sends one line (without line terminator); false when it could not. Opens what it needs on
     * first use and again after a failure. */
    bool (*send)(struct destination *self, const char *line, size_t length);
    /* In a child process right after fork(): close what was opened in the parent. */
    void (*drop_inherited)(struct destination *self);
    /* The rest may be NULL: only a destination that keeps lines after send() needs them. */
    /* Work between lines (acknowledgements, reconnecting), on the sender thread; returns when it
     * wants to be called again (monotonic_ms), or 0 for not before the next line. */
    uint64_t (*service)(struct destination *self);
    /* Whether lines it took are still on their way: the exit waits (a bounded time) while so. */
    bool (*busy)(struct destination *self);
    /* At exit, from the exiting thread, before OpenSSL frees its own state: use libssl no more. */
    void (*stop)(struct destination *self);
    /* With SSLKEYLOG_DEBUG, at exit: says what its own counters hold. */
    void (*report)(struct destination *self);
    /* send() returning true means the line is held for delivery, not yet delivered. */
    bool holds_lines;
    atomic_ulong sent;
    atomic_ulong failed;
};

/* Each returns the destination its environment variable configures, or NULL when the variable is
 * unset or invalid (said why with SSLKEYLOG_DEBUG). */
struct destination *udp_destination_from_environment(void);
struct destination *file_destination_from_environment(void);
struct destination *tcp_destination_from_environment(void);

#define DESTINATIONS_MAX 4

/* The configured destinations, in list order; returns how many. */
size_t destinations_from_environment(struct destination *found[DESTINATIONS_MAX]);

#endif
