/* The OpenSSL functions the library's own TLS client (the secure TCP destination) calls, looked up
 * with dlsym in a libssl the program has loaded, and in the libcrypto that libssl depends on. Each
 * exists with the same signature in OpenSSL 1.1.1 and 3.x (SSL_CTX_new_ex, 3.x only, is optional). */
#ifndef CALLSCOPE_KEYLOG_TLS_FUNCTIONS_H
#define CALLSCOPE_KEYLOG_TLS_FUNCTIONS_H

#include "libssl.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ssl_session_st SSL_SESSION;
typedef struct ssl_cipher_st SSL_CIPHER;
typedef struct evp_md_st EVP_MD;

typedef int (*tls_psk_use_session_callback)(SSL *ssl, const EVP_MD *md, const unsigned char **id, size_t *id_length,
                                            SSL_SESSION **session);
typedef void (*tls_info_callback)(const SSL *ssl, int where, int value);
typedef int (*tls_verify_callback)(int preverified, void *store);

/* Values from OpenSSL's headers, the same in 1.1.1 and 3.x. */
#define TLS_1_3_VERSION 0x0304
#define TLS_CTRL_SET_GROUPS_LIST 92
#define TLS_CTRL_SET_MIN_PROTO_VERSION 123
#define TLS_CTRL_SET_MAX_PROTO_VERSION 124
#define TLS_OP_ALLOW_NO_DHE_KEX (1u << 10)
#define TLS_VERIFY_PEER 0x01
#define TLS_CB_READ 0x04
#define TLS_CB_WRITE 0x08
#define TLS_CB_ALERT 0x4000
#define TLS_ERROR_SSL 1
#define TLS_ERROR_WANT_READ 2
#define TLS_ERROR_WANT_WRITE 3
#define TLS_ERROR_SYSCALL 5
#define TLS_ERROR_ZERO_RETURN 6

struct tls_functions {
    const SSL_METHOD *(*tls_client_method)(void);
    SSL_CTX *(*ssl_ctx_new)(const SSL_METHOD *method);
    SSL_CTX *(*ssl_ctx_new_ex)(void *libctx, const char *propq, const SSL_METHOD *method); /* 3.x */
    void (*ssl_ctx_free)(SSL_CTX *ctx);
    long (*ssl_ctx_ctrl)(SSL_CTX *ctx, int command, long number, void *pointer);
    int (*ssl_ctx_set_ciphersuites)(SSL_CTX *ctx, const char *suites);
    /* uint64_t in 3.x, unsigned long in 1.1.1: the same on LP64; on 32-bit targets the low half of
     * the argument is where 1.1.1 reads it, and the result is not used. */
    uint64_t (*ssl_ctx_clear_options)(SSL_CTX *ctx, uint64_t options);
    void (*ssl_ctx_set_verify)(SSL_CTX *ctx, int mode, tls_verify_callback callback);
    void (*ssl_ctx_set_info_callback)(SSL_CTX *ctx, tls_info_callback callback);
    SSL *(*ssl_new)(SSL_CTX *ctx);
    void (*ssl_free)(SSL *ssl);
    int (*ssl_set_fd)(SSL *ssl, int fd);
    void (*ssl_set_connect_state)(SSL *ssl);
    void (*ssl_set_psk_use_session_callback)(SSL *ssl, tls_psk_use_session_callback callback);
    int (*ssl_do_handshake)(SSL *ssl);
    int (*ssl_get_error)(const SSL *ssl, int result);
    int (*ssl_read)(SSL *ssl, void *buffer, int size);
    int (*ssl_write)(SSL *ssl, const void *data, int length);
    int (*ssl_session_reused)(const SSL *ssl);
    int (*ssl_shutdown)(SSL *ssl);
    const SSL_CIPHER *(*ssl_cipher_find)(SSL *ssl, const unsigned char *code);
    SSL_SESSION *(*ssl_session_new)(void);
    void (*ssl_session_free)(SSL_SESSION *session);
    int (*ssl_session_set1_master_key)(SSL_SESSION *session, const unsigned char *key, size_t length);
    int (*ssl_session_set_cipher)(SSL_SESSION *session, const SSL_CIPHER *cipher);
    int (*ssl_session_set_protocol_version)(SSL_SESSION *session, int version);
    /* libcrypto */
    const EVP_MD *(*evp_sha256)(void);
    unsigned char *(*hmac)(const EVP_MD *md, const void *key, int key_length, const unsigned char *data,
                           size_t data_length, unsigned char *out, unsigned int *out_length);
    void (*err_clear_error)(void);
};

/* Looks every function up through handle (a libssl). False when one is missing: *missing names it. */
bool tls_functions_load(struct tls_functions *functions, void *handle, const char **missing);

#endif
