/* The shared secret of the secure TCP destination: SSLKEYLOG_SECRET=..., or SSLKEYLOG_SECRET_FILE
 * naming a file whose first line (up to the first CR or LF) is the secret. Its bytes are taken as
 * they are (no trimming); docs/KEY-TRANSPORT.md derives the TLS PSK from them. */
#ifndef CALLSCOPE_KEYLOG_SECRET_H
#define CALLSCOPE_KEYLOG_SECRET_H

#include <stdbool.h>
#include <stddef.h>

/* Shorter secrets are refused by both ends (docs/KEY-TRANSPORT.md). */
#define SECRET_MIN_BYTES 16
/* Longer than any passphrase or encoded key; a file whose first line is longer is refused. */
#define SECRET_MAX_BYTES 1024

struct secret {
    unsigned char bytes[SECRET_MAX_BYTES];
    size_t length;
};

/* From value (SSLKEYLOG_SECRET) or the file at path (SSLKEYLOG_SECRET_FILE); exactly one of them
 * may be set (NULL or "" is unset). A file that others can read or write is refused; one its group
 * can read is used, with a warning in warning (else warning is ""). On failure returns false and
 * says why in why, never quoting the secret. */
bool secret_load(const char *value, const char *path, struct secret *secret, char *why, size_t why_size,
                 char *warning, size_t warning_size);

void secret_wipe(struct secret *secret);

#endif
