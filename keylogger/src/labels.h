/* Which key log lines leave the process. */
#ifndef CALLSCOPE_KEYLOG_LABELS_H
#define CALLSCOPE_KEYLOG_LABELS_H

#include <stdbool.h>

/* Whether line starts with a label of the NSS key log format (RFC 9850) followed by a space:
 * CLIENT_RANDOM, the TLS 1.3 early, handshake and first traffic secrets, and the exporter
 * secrets. Everything else is kept back: OpenSSL 3.0 also reports every TLS 1.3 KeyUpdate under
 * the made-up labels CLIENT_TRAFFIC_SECRET_N / SERVER_TRAFFIC_SECRET_N, which a receiver can only
 * refuse (it derives those secrets itself), and a receiver rejects a datagram with a label it does
 * not know. */
bool label_is_forwarded(const char *line);

#endif
