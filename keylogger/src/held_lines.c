#include "held_lines.h"

#include <stdlib.h>
#include <string.h>

void held_lines_init(struct held_lines *held, size_t capacity) {
    memset(held, 0, sizeof *held);
    held->capacity = capacity;
}

static size_t slot(const struct held_lines *held, uint64_t id) {
    return (size_t) (id % held->capacity);
}

static bool allocate(struct held_lines *held) {
    if (held->text != NULL) {
        return true;
    }
    held->text = calloc(held->capacity, sizeof *held->text);
    held->length = calloc(held->capacity, sizeof *held->length);
    held->number = calloc(held->capacity, sizeof *held->number);
    if (held->text == NULL || held->length == NULL || held->number == NULL) {
        free(held->text);
        free(held->length);
        free(held->number);
        held->text = NULL;
        held->length = NULL;
        held->number = NULL;
        return false;
    }
    return true;
}

static void drop_first(struct held_lines *held) {
    size_t at = slot(held, held->first);
    memset(held->text[at], 0, held->length[at]); /* secrets do not linger */
    held->first++;
    if (held->next_to_send < held->first) {
        held->next_to_send = held->first;
    }
}

enum held_add_result held_lines_add(struct held_lines *held, const char *line, size_t length) {
    if (length > HELD_LINE_MAX || !allocate(held)) {
        return HELD_NO_MEMORY;
    }
    enum held_add_result result = HELD_ADDED;
    if (held_lines_count(held) == held->capacity) {
        drop_first(held);
        result = HELD_ADDED_OLDEST_DROPPED;
    }
    size_t at = slot(held, held->end);
    memcpy(held->text[at], line, length);
    held->length[at] = (uint16_t) length;
    held->end++;
    return result;
}

size_t held_lines_count(const struct held_lines *held) {
    return (size_t) (held->end - held->first);
}

bool held_lines_unsent(const struct held_lines *held) {
    return held->next_to_send < held->end;
}

const char *held_lines_take_next(struct held_lines *held, uint64_t number, size_t *length) {
    if (!held_lines_unsent(held)) {
        return NULL;
    }
    size_t at = slot(held, held->next_to_send);
    held->number[at] = number;
    held->next_to_send++;
    *length = held->length[at];
    return held->text[at];
}

size_t held_lines_acknowledge(struct held_lines *held, uint64_t count) {
    size_t forgotten = 0;
    while (held->first < held->next_to_send && held->number[slot(held, held->first)] < count) {
        drop_first(held);
        forgotten++;
    }
    return forgotten;
}

void held_lines_resend_all(struct held_lines *held) {
    held->next_to_send = held->first;
}

void held_lines_forget(struct held_lines *held) {
    held->first = held->end;
    held->next_to_send = held->end;
}
