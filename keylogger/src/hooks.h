/* The functions this library exports in OpenSSL's name (same signatures as libssl's). */
#ifndef CALLSCOPE_KEYLOG_HOOKS_H
#define CALLSCOPE_KEYLOG_HOOKS_H

#include "libssl.h"

#define HOOK __attribute__((visibility("default"), noinline))

HOOK SSL_CTX *SSL_CTX_new(const SSL_METHOD *method);
HOOK SSL_CTX *SSL_CTX_new_ex(void *libctx, const char *propq, const SSL_METHOD *method);
HOOK SSL *SSL_new(SSL_CTX *ctx);
HOOK SSL_CTX *SSL_set_SSL_CTX(SSL *ssl, SSL_CTX *ctx);

#endif
