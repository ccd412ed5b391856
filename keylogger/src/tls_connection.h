/* The secure TCP destination's TLS 1.3 client (docs/KEY-TRANSPORT.md): external PSK in psk_dhe_ke
 * mode, TLS_AES_128_GCM_SHA256, X25519 or P-256, no certificates; over a non-blocking socket, so
 * each call does what it can at once and says TLS_WAIT for the rest. Runs on the sender thread
 * only, where the hooks leave TLS alone: nothing of it is key-logged. */
#ifndef CALLSCOPE_KEYLOG_TLS_CONNECTION_H
#define CALLSCOPE_KEYLOG_TLS_CONNECTION_H

#include "owned_fd.h"
#include "secret.h"
#include "tls_functions.h"
#include "tls_psk.h"

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

enum tls_status {
    TLS_DONE,        /* the handshake completed / everything was written / something was read */
    TLS_WAIT,        /* the socket is not ready: call again later (a write with the same bytes) */
    TLS_CLOSED,      /* the receiver ended the connection */
    TLS_FAILED,      /* the connection failed: failure says why */
    TLS_AUTH_FAILED, /* the handshake failed on the shared secret (the PSK did not match) */
    TLS_SOCKET_TAKEN, /* the program closed the socket (as daemons close every descriptor): not the
                       * receiver's doing */
};

/* What every connection shares: the functions, the context and the PSK. */
struct tls_client {
    struct tls_functions functions;
    SSL_CTX *ctx;
    unsigned char psk[TLS_PSK_BYTES];
};

/* Looks the functions up through libssl_handle, derives the PSK from secret, makes the context.
 * Calls OpenSSL: only once the program has used it (the sender thread runs). */
bool tls_client_init(struct tls_client *client, void *libssl_handle, const struct secret *secret, char *why,
                     size_t why_size);

struct tls_connection {
    struct tls_client *client;
    SSL *ssl; /* NULL until the TCP connection is made */
    struct owned_fd socket;
    int fatal_alert; /* description of the handshake's fatal alert, -1 for none */
    bool alert_was_ours;
    char failure[160];
};

void tls_connection_init(struct tls_connection *connection);

/* Starts connecting; false (failure says why) if that failed at once. */
bool tls_connection_open(struct tls_connection *connection, struct tls_client *client,
                         const struct sockaddr *address, socklen_t address_length);

/* Carries the TCP connect and then the handshake on. */
enum tls_status tls_connection_handshake(struct tls_connection *connection);

/* All of data, or nothing yet (TLS_WAIT: call again with the same bytes). */
enum tls_status tls_connection_write(struct tls_connection *connection, const char *data, size_t length);

/* What the receiver sent, up to size bytes, in *got. */
enum tls_status tls_connection_read(struct tls_connection *connection, char *buffer, size_t size, size_t *got);

bool tls_connection_is_open(const struct tls_connection *connection);

/* Sends close_notify if the socket takes it at once, so the receiver knows the end was meant. */
void tls_connection_say_goodbye(struct tls_connection *connection);

void tls_connection_close(struct tls_connection *connection);

/* In a child after fork(): lets go of the parent's connection without calling OpenSSL. */
void tls_connection_abandon(struct tls_connection *connection);

#endif
