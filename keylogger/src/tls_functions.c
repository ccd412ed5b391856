#include "tls_functions.h"

#include <dlfcn.h>
#include <string.h>

/* dlsym gives a data pointer; POSIX guarantees it converts to the function's type. A handle from
 * dlopen also finds the symbols of the object's dependencies: libcrypto's through libssl's. */
#define LOOK_UP(field, name) \
    do { \
        void *address = dlsym(handle, (name)); \
        memcpy(&functions->field, &address, sizeof address); \
        if (address == NULL && *missing == NULL) { \
            *missing = (name); \
        } \
    } while (0)

bool tls_functions_load(struct tls_functions *functions, void *handle, const char **missing) {
    *missing = NULL;
    LOOK_UP(tls_client_method, "TLS_client_method");
    LOOK_UP(ssl_ctx_new, "SSL_CTX_new");
    LOOK_UP(ssl_ctx_free, "SSL_CTX_free");
    LOOK_UP(ssl_ctx_ctrl, "SSL_CTX_ctrl");
    LOOK_UP(ssl_ctx_set_ciphersuites, "SSL_CTX_set_ciphersuites");
    LOOK_UP(ssl_ctx_clear_options, "SSL_CTX_clear_options");
    LOOK_UP(ssl_ctx_set_verify, "SSL_CTX_set_verify");
    LOOK_UP(ssl_ctx_set_info_callback, "SSL_CTX_set_info_callback");
    LOOK_UP(ssl_new, "SSL_new");
    LOOK_UP(ssl_free, "SSL_free");
    LOOK_UP(ssl_set_fd, "SSL_set_fd");
    LOOK_UP(ssl_set_connect_state, "SSL_set_connect_state");
    LOOK_UP(ssl_set_psk_use_session_callback, "SSL_set_psk_use_session_callback");
    LOOK_UP(ssl_do_handshake, "SSL_do_handshake");
    LOOK_UP(ssl_get_error, "SSL_get_error");
    LOOK_UP(ssl_read, "SSL_read");
    LOOK_UP(ssl_write, "SSL_write");
    LOOK_UP(ssl_session_reused, "SSL_session_reused");
    LOOK_UP(ssl_shutdown, "SSL_shutdown");
    LOOK_UP(ssl_cipher_find, "SSL_CIPHER_find");
    LOOK_UP(ssl_session_new, "SSL_SESSION_new");
    LOOK_UP(ssl_session_free, "SSL_SESSION_free");
    LOOK_UP(ssl_session_set1_master_key, "SSL_SESSION_set1_master_key");
    LOOK_UP(ssl_session_set_cipher, "SSL_SESSION_set_cipher");
    LOOK_UP(ssl_session_set_protocol_version, "SSL_SESSION_set_protocol_version");
    LOOK_UP(evp_sha256, "EVP_sha256");
    LOOK_UP(hmac, "HMAC");
    LOOK_UP(err_clear_error, "ERR_clear_error");
    const char *required = *missing;
    LOOK_UP(ssl_ctx_new_ex, "SSL_CTX_new_ex"); /* 3.x only: SSL_CTX_new serves 1.1.1 */
    *missing = required;
    return required == NULL;
}
