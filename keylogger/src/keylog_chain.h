/* Our keylog callback on every SSL_CTX, in front of the program's own. */
#ifndef CALLSCOPE_KEYLOG_KEYLOG_CHAIN_H
#define CALLSCOPE_KEYLOG_KEYLOG_CHAIN_H

#include "libssl.h"

/* Makes ours the keylog callback of ctx. A callback the program had set there is kept in the
 * SSL_CTX's ex_data and called after ours with every line; where it cannot be kept, the program's
 * callback stays and ours is not set. Cheap when ours is already there. */
void keylog_install(struct libssl *library, SSL_CTX *ctx);

/* What OpenSSL calls for each secret: queue the line, then hand it to the program's callback. */
void keylog_line(struct libssl *library, const SSL *ssl, const char *line);

#endif
