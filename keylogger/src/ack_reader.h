/* What a receiver sends back on the secure TCP connection (docs/KEY-TRANSPORT.md): lines
 * "ACK <n>\n", n the number of lines it has stored from this connection, in decimal. */
#ifndef CALLSCOPE_KEYLOG_ACK_READER_H
#define CALLSCOPE_KEYLOG_ACK_READER_H

#include <stddef.h>
#include <stdint.h>

/* "ACK " and 20 digits (any uint64_t) fit with room to spare: a longer line is not an ACK. */
#define ACK_LINE_MAX 32

enum ack_event {
    ACK_NONE,      /* no complete line yet, or a blank one */
    ACK_RECEIVED,  /* a complete ACK: its count is given */
    ACK_MALFORMED, /* a line that is not "ACK <n>", or longer than any: the connection cannot be
                    * trusted to count */
};

struct ack_reader {
    char line[ACK_LINE_MAX];
    size_t length;
};

void ack_reader_init(struct ack_reader *reader);

/* Takes the next byte from the receiver. On ACK_RECEIVED, *count is the line's n. */
enum ack_event ack_reader_push(struct ack_reader *reader, char byte, uint64_t *count);

#endif
