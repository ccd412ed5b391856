/* The only symbols this library exports: OpenSSL functions that hand us every SSL_CTX before it
 * is used for a handshake, so our keylog callback can be put on it. Each calls the real function
 * of the libssl its caller is linked with, and changes nothing else. */
#include "hooks.h"
#include "keylog_chain.h"

#include <stddef.h>

/* A new context gets ours at once, before any SSL is made from it (some, like a context chosen
 * by server name, never pass through SSL_new). */
HOOK SSL_CTX *SSL_CTX_new(const SSL_METHOD *method) {
    struct libssl *library = libssl_for_caller(__builtin_return_address(0));
    if (library == NULL || library->ssl_ctx_new == NULL) {
        return NULL;
    }
    struct libssl *outer = libssl_enter(library);
    SSL_CTX *ctx = library->ssl_ctx_new(method);
    libssl_leave(outer);
    keylog_install(library, ctx);
    return ctx;
}

/* OpenSSL 3.x. */
HOOK SSL_CTX *SSL_CTX_new_ex(void *libctx, const char *propq, const SSL_METHOD *method) {
    struct libssl *library = libssl_for_caller(__builtin_return_address(0));
    if (library == NULL || library->ssl_ctx_new_ex == NULL) {
        return NULL;
    }
    struct libssl *outer = libssl_enter(library);
    SSL_CTX *ctx = library->ssl_ctx_new_ex(libctx, propq, method);
    libssl_leave(outer);
    keylog_install(library, ctx);
    return ctx;
}

/* Again at each SSL: a program that set its own keylog callback after creating the context
 * replaced ours, and gets it back in front of its own. */
HOOK SSL *SSL_new(SSL_CTX *ctx) {
    struct libssl *library = libssl_for_caller(__builtin_return_address(0));
    if (library == NULL || library->ssl_new == NULL) {
        return NULL;
    }
    keylog_install(library, ctx);
    struct libssl *outer = libssl_enter(library);
    SSL *ssl = library->ssl_new(ctx);
    libssl_leave(outer);
    return ssl;
}

/* A server switching context by server name (SNI): the secrets are then logged through the new
 * context's callback. */
HOOK SSL_CTX *SSL_set_SSL_CTX(SSL *ssl, SSL_CTX *ctx) {
    struct libssl *library = libssl_for_caller(__builtin_return_address(0));
    if (library == NULL || library->ssl_set_ssl_ctx == NULL) {
        return NULL;
    }
    struct libssl *outer = libssl_enter(library);
    SSL_CTX *now = library->ssl_set_ssl_ctx(ssl, ctx);
    libssl_leave(outer);
    keylog_install(library, now);
    return now;
}
