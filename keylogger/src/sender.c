#include "sender.h"
#include "debug.h"
#include "labels.h"
#include "line_queue.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The sender needs little: a line buffer and the destinations' own small frames. */
#define SENDER_STACK_BYTES (128 * 1024)
#define LABEL_MAX 40

static struct destination *destinations[DESTINATIONS_MAX];
static size_t destination_count;
static struct line_queue queue;
static atomic_bool sender_started;

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

static void *send_lines(void *unused) {
    (void) unused;
    char line[LINE_QUEUE_LINE_MAX];
    for (;;) {
        size_t length = line_queue_pop(&queue, line);
        char label[LABEL_MAX + 1];
        label_of(line, length, label);
        for (size_t i = 0; i < destination_count; i++) {
            struct destination *destination = destinations[i];
            if (destination->send(destination, line, length)) {
                atomic_fetch_add(&destination->sent, 1);
                debug_say("sent %s to %s", label, destination->name);
            } else {
                atomic_fetch_add(&destination->failed, 1);
            }
        }
        memset(line, 0, length);
    }
    return NULL;
}

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
        debug_say("pid %ld: %s: %lu sent, %lu failed", (long) getpid(), destinations[i]->name,
                  atomic_load(&destinations[i]->sent), atomic_load(&destinations[i]->failed));
    }
    if (left > 0) {
        debug_say("pid %ld: exit: %u lines not sent within %d ms", (long) getpid(), left, SENDER_EXIT_FLUSH_MS);
    }
}

void sender_flush_at_exit(void) {
    if (destination_count == 0) {
        return;
    }
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    if (atomic_load(&sender_started)) { /* else nothing would empty the queue: just count it */
        deadline.tv_sec += SENDER_EXIT_FLUSH_MS / 1000;
        deadline.tv_nsec += (SENDER_EXIT_FLUSH_MS % 1000) * 1000000L;
        if (deadline.tv_nsec >= 1000000000L) {
            deadline.tv_sec++;
            deadline.tv_nsec -= 1000000000L;
        }
    }
    report(line_queue_wait_idle(&queue, &deadline));
}
