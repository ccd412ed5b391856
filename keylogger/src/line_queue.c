#include "line_queue.h"

#include <errno.h>
#include <string.h>

void line_queue_init(struct line_queue *queue) {
    pthread_mutex_init(&queue->lock, NULL);
    pthread_condattr_t monotonic;
    pthread_condattr_init(&monotonic);
    pthread_condattr_setclock(&monotonic, CLOCK_MONOTONIC);
    pthread_cond_init(&queue->not_empty, &monotonic);
    pthread_cond_init(&queue->idle, &monotonic);
    pthread_condattr_destroy(&monotonic);
    queue->head = 0;
    queue->count = 0;
    queue->consumer_busy = false;
    queue->wake = false;
}

enum line_queue_push_result line_queue_push(struct line_queue *queue, const char *line, size_t length) {
    if (length > LINE_QUEUE_LINE_MAX) {
        return LINE_TOO_LONG;
    }
    pthread_mutex_lock(&queue->lock);
    if (queue->count == LINE_QUEUE_CAPACITY) {
        pthread_mutex_unlock(&queue->lock);
        return LINE_QUEUE_FULL;
    }
    unsigned slot = (queue->head + queue->count) % LINE_QUEUE_CAPACITY;
    memcpy(queue->lines[slot], line, length);
    queue->lengths[slot] = (unsigned short) length;
    queue->count++;
    pthread_cond_signal(&queue->not_empty);
    pthread_mutex_unlock(&queue->lock);
    return LINE_QUEUED;
}

/* Under the lock, with a line queued. */
static size_t take_head(struct line_queue *queue, char *out) {
    unsigned slot = queue->head;
    size_t length = queue->lengths[slot];
    memcpy(out, queue->lines[slot], length);
    memset(queue->lines[slot], 0, length); /* secrets do not linger in the ring */
    queue->head = (slot + 1) % LINE_QUEUE_CAPACITY;
    queue->count--;
    queue->consumer_busy = true;
    return length;
}

size_t line_queue_pop(struct line_queue *queue, char *out) {
    pthread_mutex_lock(&queue->lock);
    queue->consumer_busy = false;
    while (queue->count == 0) {
        pthread_cond_broadcast(&queue->idle);
        pthread_cond_wait(&queue->not_empty, &queue->lock);
    }
    size_t length = take_head(queue, out);
    pthread_mutex_unlock(&queue->lock);
    return length;
}

long line_queue_pop_before(struct line_queue *queue, char *out, const struct timespec *deadline) {
    pthread_mutex_lock(&queue->lock);
    queue->consumer_busy = false;
    while (queue->count == 0) {
        pthread_cond_broadcast(&queue->idle);
        if (queue->wake || (pthread_cond_timedwait(&queue->not_empty, &queue->lock, deadline) == ETIMEDOUT
                            && queue->count == 0)) {
            queue->wake = false;
            pthread_mutex_unlock(&queue->lock);
            return -1;
        }
    }
    long length = (long) take_head(queue, out);
    pthread_mutex_unlock(&queue->lock);
    return length;
}

void line_queue_wake(struct line_queue *queue) {
    pthread_mutex_lock(&queue->lock);
    queue->wake = true;
    pthread_cond_broadcast(&queue->not_empty);
    pthread_mutex_unlock(&queue->lock);
}

unsigned line_queue_wait_idle(struct line_queue *queue, const struct timespec *deadline) {
    pthread_mutex_lock(&queue->lock);
    while (queue->count > 0 || queue->consumer_busy) {
        if (pthread_cond_timedwait(&queue->idle, &queue->lock, deadline) == ETIMEDOUT) {
            break;
        }
    }
    unsigned left = queue->count + (queue->consumer_busy ? 1u : 0u);
    pthread_mutex_unlock(&queue->lock);
    return left;
}

void line_queue_lock(struct line_queue *queue) {
    pthread_mutex_lock(&queue->lock);
}

void line_queue_unlock(struct line_queue *queue) {
    pthread_mutex_unlock(&queue->lock);
}
