/* Moves key log lines from the host program's threads to the destinations: the keylog callback
 * only queues (sender_submit), one thread of ours, started on the first line, does the I/O. */
#ifndef CALLSCOPE_KEYLOG_SENDER_H
#define CALLSCOPE_KEYLOG_SENDER_H

#include "destination.h"

#include <stdbool.h>
#include <stddef.h>

/* How long a process that exits waits for its queued lines to go out. */
#define SENDER_EXIT_FLUSH_MS 1000

/* Called once, from the library constructor, with the configured destinations. */
void sender_init(struct destination *const *destinations, size_t count);

/* Whether there is anywhere to send to (otherwise the hooks leave OpenSSL alone). */
bool sender_active(void);

/* From the keylog callback: queues the line if its label is forwarded. Never blocks on I/O. */
void sender_submit(const char *line);

/* Whether the caller runs on the sender thread: TLS made there is the library's own (a destination's
 * connection) and is never logged. */
bool sender_on_this_thread(void);

/* From the library destructor: waits up to SENDER_EXIT_FLUSH_MS for the queue to drain and the
 * destinations to deliver (unless an exit handler registered when the sender started already did,
 * before OpenSSL's own clean-up), then reports with SSLKEYLOG_DEBUG. */
void sender_flush_at_exit(void);

#endif
