/* The lines a secure TCP destination has taken and the receiver has not yet acknowledged
 * (docs/KEY-TRANSPORT.md): kept in order until an ACK covers them, sent again after a reconnect,
 * bounded, the oldest dropped when full. Each line has an id that only grows; a line sent on the
 * current connection also has its number there (blank keep-alive lines take numbers too, which is
 * why the two differ). Used by the sender thread only. */
#ifndef CALLSCOPE_KEYLOG_HELD_LINES_H
#define CALLSCOPE_KEYLOG_HELD_LINES_H

#include "line_queue.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The keylogger's bound (docs/KEY-TRANSPORT.md): a TLS 1.3 handshake gives five lines per side,
 * so about a thousand handshakes while the receiver is away. */
#define HELD_LINES_MAX 10000
#define HELD_LINE_MAX LINE_QUEUE_LINE_MAX

enum held_add_result { HELD_ADDED, HELD_ADDED_OLDEST_DROPPED, HELD_NO_MEMORY };

struct held_lines {
    size_t capacity;
    /* allocated on the first line, so a process that never logs costs nothing */
    char (*text)[HELD_LINE_MAX];
    uint16_t *length;
    uint64_t *number; /* on the current connection; valid for ids below next_to_send */
    uint64_t first;        /* id of the oldest line held */
    uint64_t end;          /* id the next line added will have */
    uint64_t next_to_send; /* lines from first up to here were sent on the current connection */
};

/* No allocation yet; capacity HELD_LINES_MAX (tests use smaller ones). */
void held_lines_init(struct held_lines *held, size_t capacity);

enum held_add_result held_lines_add(struct held_lines *held, const char *line, size_t length);

size_t held_lines_count(const struct held_lines *held);

/* Whether some line was not sent on the current connection yet. */
bool held_lines_unsent(const struct held_lines *held);

/* The oldest line not sent on the current connection yet, which now counts as sent there under
 * number; NULL when all were sent. The text stays valid until the next call that changes held. */
const char *held_lines_take_next(struct held_lines *held, uint64_t number, size_t *length);

/* The receiver stored the first count lines of the current connection: forgets (and wipes) the
 * held lines it covers; returns how many. */
size_t held_lines_acknowledge(struct held_lines *held, uint64_t count);

/* A new connection: every line held is sent again, oldest first. */
void held_lines_resend_all(struct held_lines *held);

/* In a child after fork(): holds nothing (the parent delivers what it held). */
void held_lines_forget(struct held_lines *held);

#endif
