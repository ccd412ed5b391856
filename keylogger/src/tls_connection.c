#include "tls_connection.h"
#include "tcp_socket.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define GROUPS "X25519:P-256"
#define ALERT_FATAL 2

/* TLS alert descriptions (RFC 8446 §6) a handshake ends with when the two ends hold different
 * PSKs: the receiver's binder check fails (decrypt_error; OpenSSL 3.0 sends illegal_parameter),
 * it does not know the identity (unknown_psk_identity, or handshake_failure when it has nothing
 * else to offer), or a peer that took the PSK anyway cannot decrypt (bad_record_mac). A peer that
 * answers with a certificate instead gets one of ours about it: it did not prove it holds the
 * secret either. */
enum {
    BAD_RECORD_MAC = 20, HANDSHAKE_FAILURE = 40, BAD_CERTIFICATE = 42, UNSUPPORTED_CERTIFICATE = 43,
    CERTIFICATE_UNKNOWN = 46, ILLEGAL_PARAMETER = 47, UNKNOWN_CA = 48, DECRYPT_ERROR = 51, PROTOCOL_VERSION = 70,
    INTERNAL_ERROR = 80, MISSING_EXTENSION = 109, UNKNOWN_PSK_IDENTITY = 115, CERTIFICATE_REQUIRED = 116,
};

/* The connection whose OpenSSL call runs on this thread: the callbacks' way back to it. */
static __thread struct tls_connection *active;

static const char *alert_name(int description) {
    switch (description) {
    case BAD_RECORD_MAC: return "bad_record_mac";
    case HANDSHAKE_FAILURE: return "handshake_failure";
    case BAD_CERTIFICATE: return "bad_certificate";
    case UNSUPPORTED_CERTIFICATE: return "unsupported_certificate";
    case CERTIFICATE_UNKNOWN: return "certificate_unknown";
    case UNKNOWN_CA: return "unknown_ca";
    case DECRYPT_ERROR: return "decrypt_error";
    case UNKNOWN_PSK_IDENTITY: return "unknown_psk_identity";
    case CERTIFICATE_REQUIRED: return "certificate_required";
    case ILLEGAL_PARAMETER: return "illegal_parameter";
    case PROTOCOL_VERSION: return "protocol_version";
    case INTERNAL_ERROR: return "internal_error";
    case MISSING_EXTENSION: return "missing_extension";
    default: return "another";
    }
}

static bool says_wrong_secret(int description, bool ours) {
    switch (description) {
    case DECRYPT_ERROR:
    case BAD_RECORD_MAC:
    case HANDSHAKE_FAILURE:
    case UNKNOWN_PSK_IDENTITY:
        return true;
    case ILLEGAL_PARAMETER:
        return !ours;
    case BAD_CERTIFICATE:
    case UNSUPPORTED_CERTIFICATE:
    case CERTIFICATE_UNKNOWN:
    case UNKNOWN_CA:
    case CERTIFICATE_REQUIRED:
        return ours;
    default:
        return false;
    }
}

static void note_alert(const SSL *ssl, int where, int value) {
    (void) ssl;
    if (active != NULL && (where & TLS_CB_ALERT) != 0 && (value >> 8) == ALERT_FATAL
            && active->fatal_alert < 0) {
        active->fatal_alert = value & 0xff;
        active->alert_was_ours = (where & TLS_CB_WRITE) != 0;
    }
}

static int offer_psk(SSL *ssl, const EVP_MD *md, const unsigned char **id, size_t *id_length, SSL_SESSION **session) {
    (void) md; /* our only suite's hash: OpenSSL asks again after a HelloRetryRequest with SHA-256 */
    *id = NULL;
    *id_length = 0;
    *session = NULL;
    if (active == NULL) {
        return 1; /* no PSK offered: without a certificate the receiver would accept, the handshake fails */
    }
    SSL_SESSION *psk = tls_psk_session(&active->client->functions, ssl, active->client->psk);
    if (psk == NULL) {
        return 0;
    }
    *id = (const unsigned char *) TLS_PSK_IDENTITY;
    *id_length = sizeof TLS_PSK_IDENTITY - 1;
    *session = psk;
    return 1;
}

/* Certificates are never accepted: a receiver proves itself with the PSK alone. */
static int refuse_certificates(int preverified, void *store) {
    (void) preverified;
    (void) store;
    return 0;
}

bool tls_client_init(struct tls_client *client, void *libssl_handle, const struct secret *secret, char *why,
                     size_t why_size) {
    const char *missing = NULL;
    struct tls_functions *f = &client->functions;
    if (!tls_functions_load(f, libssl_handle, &missing)) {
        snprintf(why, why_size, "no %s in the program's OpenSSL", missing);
        return false;
    }
    if (!tls_psk_derive(f, secret, client->psk)) {
        snprintf(why, why_size, "OpenSSL could not compute HMAC-SHA256 for the PSK");
        return false;
    }
    const SSL_METHOD *method = f->tls_client_method();
    client->ctx = f->ssl_ctx_new_ex != NULL ? f->ssl_ctx_new_ex(NULL, NULL, method) : f->ssl_ctx_new(method);
    SSL_CTX *ctx = client->ctx;
    if (ctx == NULL
            || f->ssl_ctx_ctrl(ctx, TLS_CTRL_SET_MIN_PROTO_VERSION, TLS_1_3_VERSION, NULL) != 1
            || f->ssl_ctx_ctrl(ctx, TLS_CTRL_SET_MAX_PROTO_VERSION, TLS_1_3_VERSION, NULL) != 1
            || f->ssl_ctx_set_ciphersuites(ctx, TLS_PSK_CIPHERSUITE) != 1
            || f->ssl_ctx_ctrl(ctx, TLS_CTRL_SET_GROUPS_LIST, 0, (void *) GROUPS) != 1) {
        snprintf(why, why_size, "OpenSSL refused the TLS 1.3 settings");
        if (ctx != NULL) {
            f->ssl_ctx_free(ctx);
            client->ctx = NULL;
        }
        return false;
    }
    /* psk_dhe_ke only (OpenSSL offers psk_ke too when this option is on, e.g. from openssl.cnf). */
    f->ssl_ctx_clear_options(ctx, TLS_OP_ALLOW_NO_DHE_KEX);
    f->ssl_ctx_set_verify(ctx, TLS_VERIFY_PEER, refuse_certificates);
    f->ssl_ctx_set_info_callback(ctx, note_alert);
    return true;
}

void tls_connection_init(struct tls_connection *connection) {
    memset(connection, 0, sizeof *connection);
    atomic_init(&connection->socket.fd, -1);
    connection->fatal_alert = -1;
}

bool tls_connection_is_open(const struct tls_connection *connection) {
    return atomic_load(&connection->socket.fd) >= 0;
}

bool tls_connection_open(struct tls_connection *connection, struct tls_client *client,
                         const struct sockaddr *address, socklen_t address_length) {
    tls_connection_close(connection);
    connection->client = client;
    connection->fatal_alert = -1;
    connection->alert_was_ours = false;
    connection->failure[0] = '\0';
    int fd = tcp_socket_connect(address, address_length, connection->failure, sizeof connection->failure);
    if (fd < 0) {
        return false;
    }
    if (!owned_fd_adopt(&connection->socket, fd)) {
        snprintf(connection->failure, sizeof connection->failure, "fstat of the new socket failed");
        return false;
    }
    return true;
}

/* The descriptor, if it is still ours (a daemon may have closed it and reused the number). */
static int our_socket(struct tls_connection *connection) {
    int fd = owned_fd_check(&connection->socket);
    if (fd < 0) {
        snprintf(connection->failure, sizeof connection->failure, "the program closed the socket");
    }
    return fd;
}

static bool start_tls(struct tls_connection *connection, int fd) {
    const struct tls_functions *f = &connection->client->functions;
    SSL *ssl = f->ssl_new(connection->client->ctx);
    if (ssl == NULL || f->ssl_set_fd(ssl, fd) != 1) {
        if (ssl != NULL) {
            f->ssl_free(ssl);
        }
        snprintf(connection->failure, sizeof connection->failure, "OpenSSL could not make the connection object");
        return false;
    }
    f->ssl_set_connect_state(ssl);
    f->ssl_set_psk_use_session_callback(ssl, offer_psk);
    connection->ssl = ssl;
    return true;
}

/* After an OpenSSL call returned result: the status it stands for. */
static enum tls_status status_of(struct tls_connection *connection, int result, const char *doing) {
    int saved_errno = errno;
    int error = connection->client->functions.ssl_get_error(connection->ssl, result);
    switch (error) {
    case TLS_ERROR_WANT_READ:
    case TLS_ERROR_WANT_WRITE:
        return TLS_WAIT;
    case TLS_ERROR_ZERO_RETURN:
        snprintf(connection->failure, sizeof connection->failure, "the receiver closed the connection");
        return TLS_CLOSED;
    case TLS_ERROR_SYSCALL:
        if (saved_errno == EPIPE) {
            tcp_socket_discard_sigpipe();
        }
        if (saved_errno == 0 || saved_errno == EPIPE || saved_errno == ECONNRESET) {
            snprintf(connection->failure, sizeof connection->failure, "%s: the receiver closed the connection",
                     doing);
            return TLS_CLOSED;
        }
        snprintf(connection->failure, sizeof connection->failure, "%s: %s", doing, strerror(saved_errno));
        return TLS_FAILED;
    default:
        if (connection->fatal_alert >= 0) {
            snprintf(connection->failure, sizeof connection->failure, "%s: alert %s (%d) %s", doing,
                     alert_name(connection->fatal_alert), connection->fatal_alert,
                     connection->alert_was_ours ? "sent" : "received");
        } else {
            snprintf(connection->failure, sizeof connection->failure, "%s: TLS error", doing);
        }
        return TLS_FAILED;
    }
}

enum tls_status tls_connection_handshake(struct tls_connection *connection) {
    int fd = our_socket(connection);
    if (fd < 0) {
        return TLS_SOCKET_TAKEN;
    }
    if (connection->ssl == NULL) {
        switch (tcp_socket_connect_state(fd, connection->failure, sizeof connection->failure)) {
        case TCP_CONNECTING:
            return TLS_WAIT;
        case TCP_FAILED:
            return TLS_FAILED;
        case TCP_CONNECTED:
            if (!start_tls(connection, fd)) {
                return TLS_FAILED;
            }
            break;
        }
    }
    const struct tls_functions *f = &connection->client->functions;
    active = connection;
    f->err_clear_error();
    errno = 0;
    int result = f->ssl_do_handshake(connection->ssl);
    active = NULL;
    if (result == 1) {
        if (f->ssl_session_reused(connection->ssl) != 1) { /* refuse_certificates makes this unreachable */
            snprintf(connection->failure, sizeof connection->failure, "the receiver did not use the PSK");
            return TLS_AUTH_FAILED;
        }
        return TLS_DONE;
    }
    enum tls_status status = status_of(connection, result, "handshake");
    if (status != TLS_WAIT && connection->fatal_alert >= 0
            && says_wrong_secret(connection->fatal_alert, connection->alert_was_ours)) {
        return TLS_AUTH_FAILED;
    }
    return status == TLS_CLOSED ? TLS_FAILED : status;
}

enum tls_status tls_connection_write(struct tls_connection *connection, const char *data, size_t length) {
    if (our_socket(connection) < 0) {
        return TLS_SOCKET_TAKEN;
    }
    const struct tls_functions *f = &connection->client->functions;
    active = connection;
    f->err_clear_error();
    errno = 0;
    int result = f->ssl_write(connection->ssl, data, (int) length);
    active = NULL;
    return result > 0 ? TLS_DONE : status_of(connection, result, "write");
}

enum tls_status tls_connection_read(struct tls_connection *connection, char *buffer, size_t size, size_t *got) {
    *got = 0;
    if (our_socket(connection) < 0) {
        return TLS_SOCKET_TAKEN;
    }
    const struct tls_functions *f = &connection->client->functions;
    active = connection;
    f->err_clear_error();
    errno = 0;
    int result = f->ssl_read(connection->ssl, buffer, (int) size);
    active = NULL;
    if (result > 0) {
        *got = (size_t) result;
        return TLS_DONE;
    }
    return status_of(connection, result, "read");
}

void tls_connection_say_goodbye(struct tls_connection *connection) {
    if (connection->ssl != NULL && our_socket(connection) >= 0) {
        connection->client->functions.err_clear_error();
        connection->client->functions.ssl_shutdown(connection->ssl); /* one try: no waiting for the answer */
        connection->client->functions.err_clear_error();
    }
}

void tls_connection_close(struct tls_connection *connection) {
    if (connection->ssl != NULL) {
        /* SSL_set_fd's BIO does not own the descriptor: freeing writes nothing and closes nothing. */
        connection->client->functions.ssl_free(connection->ssl);
        connection->ssl = NULL;
    }
    owned_fd_close(&connection->socket);
}

void tls_connection_abandon(struct tls_connection *connection) {
    connection->ssl = NULL; /* the parent's: freeing it here could meet a lock held across fork() */
    owned_fd_close(&connection->socket);
}
