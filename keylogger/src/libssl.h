/* The OpenSSL functions this library calls, found at run time with dlsym so one build works with
 * libssl 1.1.1 and 3.x and links against neither. A process may hold more than one libssl (a
 * module dlopen()ed with its own copy): each gets its own table, and each hook uses the one its
 * caller is linked with. */
#ifndef CALLSCOPE_KEYLOG_LIBSSL_H
#define CALLSCOPE_KEYLOG_LIBSSL_H

#include <stdatomic.h>
#include <stdbool.h>

typedef struct ssl_st SSL;
typedef struct ssl_ctx_st SSL_CTX;
typedef struct ssl_method_st SSL_METHOD;
typedef void (*keylog_callback)(const SSL *ssl, const char *line);

/* OpenSSL's CRYPTO_EX_INDEX_SSL_CTX, the same in 1.1.1 and 3.x (crypto.h). */
#define CRYPTO_EX_INDEX_SSL_CTX 1

#define LIBSSL_PATH_MAX 256

struct libssl {
    void *base; /* load address: tells one copy from another */
    char path[LIBSSL_PATH_MAX];
    /* the real functions behind the hooks; SSL_CTX_new_ex is absent from 1.1.1 */
    SSL *(*ssl_new)(SSL_CTX *ctx);
    SSL_CTX *(*ssl_ctx_new)(const SSL_METHOD *method);
    SSL_CTX *(*ssl_ctx_new_ex)(void *libctx, const char *propq, const SSL_METHOD *method);
    SSL_CTX *(*ssl_set_ssl_ctx)(SSL *ssl, SSL_CTX *ctx);
    /* what logging needs (1.1.1 and later) */
    void (*ssl_ctx_set_keylog_callback)(SSL_CTX *ctx, keylog_callback callback);
    keylog_callback (*ssl_ctx_get_keylog_callback)(const SSL_CTX *ctx);
    SSL_CTX *(*ssl_get_ssl_ctx)(const SSL *ssl);
    /* what keeping the program's own callback needs */
    void *(*ssl_ctx_get_ex_data)(const SSL_CTX *ctx, int index);
    int (*ssl_ctx_set_ex_data)(SSL_CTX *ctx, int index, void *data);
    int (*crypto_get_ex_new_index)(int class_index, long argl, void *argp, void *new_function,
                                   void *dup_function, void *free_function);
    bool can_log;
    bool can_chain;
    keylog_callback own_callback; /* ours, set on every SSL_CTX of this copy */
    /* SSL_CTX ex_data slot holding the program's own keylog callback; -1 until one is seen */
    atomic_int app_callback_index;
};

/* The libssl that code at return_address (a hook's caller) is linked with; NULL only if there is
 * no libssl in the process. Fast after the first call from each place. */
struct libssl *libssl_for_caller(const void *return_address);

/* Around each call of a real function from a hook: libssl_enter returns what libssl_leave
 * restores. */
struct libssl *libssl_enter(struct libssl *library);
void libssl_leave(struct libssl *outer);

/* A handle (dlopen with RTLD_NOLOAD) on a copy of libssl the program uses, for the library's own
 * TLS connections; NULL when there is none yet. */
void *libssl_handle_for_own_use(void);

/* At start-up: if libssl is already loaded, look it up now and, with SSLKEYLOG_DEBUG, say what was
 * found. Calls no OpenSSL function (a program may still have to configure OpenSSL first). */
void libssl_probe(void);

#endif
