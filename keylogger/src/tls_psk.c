#include "tls_psk.h"

#include <string.h>

/* TLS_AES_128_GCM_SHA256's code point (RFC 8446 §B.4). */
static const unsigned char AES_128_GCM_SHA256[2] = {0x13, 0x01};

bool tls_psk_derive(const struct tls_functions *functions, const struct secret *secret,
                    unsigned char psk[TLS_PSK_BYTES]) {
    unsigned int length = 0;
    const EVP_MD *sha256 = functions->evp_sha256();
    return sha256 != NULL
           && functions->hmac(sha256, secret->bytes, (int) secret->length, (const unsigned char *) TLS_PSK_LABEL,
                              strlen(TLS_PSK_LABEL), psk, &length) != NULL
           && length == TLS_PSK_BYTES;
}

SSL_SESSION *tls_psk_session(const struct tls_functions *functions, SSL *ssl, const unsigned char psk[TLS_PSK_BYTES]) {
    const SSL_CIPHER *cipher = functions->ssl_cipher_find(ssl, AES_128_GCM_SHA256);
    SSL_SESSION *session = cipher != NULL ? functions->ssl_session_new() : NULL;
    if (session == NULL) {
        return NULL;
    }
    if (functions->ssl_session_set1_master_key(session, psk, TLS_PSK_BYTES) != 1
            || functions->ssl_session_set_cipher(session, cipher) != 1
            || functions->ssl_session_set_protocol_version(session, TLS_1_3_VERSION) != 1) {
        functions->ssl_session_free(session);
        return NULL;
    }
    return session;
}
