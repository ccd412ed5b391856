/* The external pre-shared key of the secure TCP transport (docs/KEY-TRANSPORT.md, RFC 8446 §2.2):
 * PSK = HMAC-SHA256(key = secret, message = "callscope keylog psk v1"), offered under the identity
 * "callscope-keylog-v1" for TLS_AES_128_GCM_SHA256. */
#ifndef CALLSCOPE_KEYLOG_TLS_PSK_H
#define CALLSCOPE_KEYLOG_TLS_PSK_H

#include "secret.h"
#include "tls_functions.h"

#include <stdbool.h>

#define TLS_PSK_IDENTITY "callscope-keylog-v1"
#define TLS_PSK_LABEL "callscope keylog psk v1"
#define TLS_PSK_BYTES 32
#define TLS_PSK_CIPHERSUITE "TLS_AES_128_GCM_SHA256"

bool tls_psk_derive(const struct tls_functions *functions, const struct secret *secret,
                    unsigned char psk[TLS_PSK_BYTES]);

/* What SSL_set_psk_use_session_callback's callback hands OpenSSL for psk: a session holding it as
 * the resumption key, with the cipher suite and version it is for (OpenSSL takes the reference).
 * NULL when OpenSSL could not make one. */
SSL_SESSION *tls_psk_session(const struct tls_functions *functions, SSL *ssl, const unsigned char psk[TLS_PSK_BYTES]);

#endif
