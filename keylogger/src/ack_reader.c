#include "ack_reader.h"

#include <string.h>

#define ACK_PREFIX "ACK "
#define DIGITS_MAX 20 /* 18446744073709551615 */

void ack_reader_init(struct ack_reader *reader) {
    reader->length = 0;
}

/* "ACK " then 1 to 20 digits, nothing else, the value within uint64_t. */
static enum ack_event parse(const char *line, size_t length, uint64_t *count) {
    size_t prefix = sizeof ACK_PREFIX - 1;
    if (length <= prefix || length > prefix + DIGITS_MAX || memcmp(line, ACK_PREFIX, prefix) != 0) {
        return ACK_MALFORMED;
    }
    uint64_t value = 0;
    for (size_t i = prefix; i < length; i++) {
        if (line[i] < '0' || line[i] > '9') {
            return ACK_MALFORMED;
        }
        uint64_t digit = (uint64_t) (line[i] - '0');
        if (value > (UINT64_MAX - digit) / 10u) {
            return ACK_MALFORMED;
        }
        value = value * 10u + digit;
    }
    *count = value;
    return ACK_RECEIVED;
}

enum ack_event ack_reader_push(struct ack_reader *reader, char byte, uint64_t *count) {
    if (byte != '\n') {
        if (reader->length == ACK_LINE_MAX) { /* said at once: no waiting for the end of an endless line */
            ack_reader_init(reader);
            return ACK_MALFORMED;
        }
        reader->line[reader->length++] = byte;
        return ACK_NONE;
    }
    size_t length = reader->length;
    ack_reader_init(reader);
    return length == 0 ? ACK_NONE : parse(reader->line, length, count);
}
