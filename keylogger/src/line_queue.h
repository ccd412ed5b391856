/* The bounded queue between the keylog callback (any thread of the host program) and the sender
 * thread: a fixed ring of fixed-size slots, so putting a line in never allocates and never waits
 * for anything but a short critical section. */
#ifndef CALLSCOPE_KEYLOG_LINE_QUEUE_H
#define CALLSCOPE_KEYLOG_LINE_QUEUE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* Lines waiting to be sent: a TLS 1.3 handshake gives five per side, so this holds about a hundred
 * handshakes' worth while the destinations are slow. */
#define LINE_QUEUE_CAPACITY 512
/* The longest line kept: the longest label (31) + client random (64) + a 64-byte secret (128)
 * and two spaces is 225 characters. */
#define LINE_QUEUE_LINE_MAX 255

enum line_queue_push_result { LINE_QUEUED, LINE_QUEUE_FULL, LINE_TOO_LONG };

struct line_queue {
    pthread_mutex_t lock;
    pthread_cond_t not_empty;
    pthread_cond_t idle; /* empty and the consumer is not holding a line */
    unsigned head;
    unsigned count;
    bool consumer_busy;
    bool wake; /* line_queue_wake was called: the next line_queue_pop_before returns at once */
    unsigned short lengths[LINE_QUEUE_CAPACITY];
    char lines[LINE_QUEUE_CAPACITY][LINE_QUEUE_LINE_MAX];
};

/* Also what a child process does after fork(): the parent still holds and sends what was queued. */
void line_queue_init(struct line_queue *queue);

enum line_queue_push_result line_queue_push(struct line_queue *queue, const char *line, size_t length);

/* Waits for a line, copies it into out (LINE_QUEUE_LINE_MAX bytes, not terminated) and returns its
 * length. The consumer counts as busy with it until its next call. */
size_t line_queue_pop(struct line_queue *queue, char *out);

/* The same, but gives up at deadline (CLOCK_MONOTONIC) or when woken: returns -1 then, and the
 * consumer is idle. */
long line_queue_pop_before(struct line_queue *queue, char *out, const struct timespec *deadline);

/* Makes a consumer waiting in line_queue_pop_before (now or next) return without a line. */
void line_queue_wake(struct line_queue *queue);

/* Waits until the queue is empty and the consumer idle, or deadline (CLOCK_MONOTONIC) passes;
 * returns how many lines were still queued or being sent. */
unsigned line_queue_wait_idle(struct line_queue *queue, const struct timespec *deadline);

/* For pthread_atfork: hold the lock across fork() so the child never inherits it half-taken. */
void line_queue_lock(struct line_queue *queue);
void line_queue_unlock(struct line_queue *queue);

#endif
