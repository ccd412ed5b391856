/* A receiver of the secure key transport (docs/KEY-TRANSPORT.md) for the keylogger's tests: TLS 1.3
 * with the external PSK given in hex, key-log lines in, "ACK <n>" out. Serves every connection in
 * a thread of its own and prints what happens on standard output, one event per line:
 *
 *   LISTENING <port>
 *   CONNECTED <id> kex_modes=<hex> cipher=<name> group=<name> psk=<yes|no>
 *   LINE <id> <text>        (a blank line: LINE <id> with nothing after the id)
 *   ACK <id> <n>            (after sending it)
 *   HOLDING <id>            (--hold-after reached: reads and acknowledges nothing more)
 *   CLOSED <id>
 *   FAILED <id> <why>       (the handshake failed)
 *
 * Usage: ack_receiver --psk HEX [--port P] [--ipv6] [--ack] [--hold-after N]
 *   --port P          listen on 127.0.0.1:P (or [::1]:P with --ipv6); 0 (default) picks a port
 *   --ack             acknowledge the lines read, whenever what was read is used up
 *   --hold-after N    after N lines on a connection (acknowledged if --ack), stop reading it */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define IDENTITY "callscope-keylog-v1"
#define LINE_MAX_BYTES 1024
#define PSK_BYTES 32
#define TLSEXT_PSK_KEX_MODES 45

struct options {
    unsigned char psk[PSK_BYTES];
    int port;
    bool ipv6;
    bool ack;
    long hold_after; /* -1: never */
};

struct connection {
    int id;
    int fd;
    SSL *ssl;
    char kex_modes[16];
};

static struct options options;
static pthread_mutex_t output_lock = PTHREAD_MUTEX_INITIALIZER;

static void say(const char *format, ...) __attribute__((format(printf, 1, 2)));

static void say(const char *format, ...) {
    va_list args;
    va_start(args, format);
    pthread_mutex_lock(&output_lock);
    vprintf(format, args);
    putchar('\n');
    fflush(stdout);
    pthread_mutex_unlock(&output_lock);
    va_end(args);
}

static int find_psk(SSL *ssl, const unsigned char *identity, size_t identity_length, SSL_SESSION **session) {
    *session = NULL;
    if (identity_length != strlen(IDENTITY) || memcmp(identity, IDENTITY, identity_length) != 0) {
        return 1; /* not ours: no PSK, and without a certificate the handshake fails */
    }
    static const unsigned char aes_128_gcm_sha256[2] = {0x13, 0x01};
    const SSL_CIPHER *cipher = SSL_CIPHER_find(ssl, aes_128_gcm_sha256);
    SSL_SESSION *psk = SSL_SESSION_new();
    if (cipher == NULL || psk == NULL || SSL_SESSION_set1_master_key(psk, options.psk, PSK_BYTES) != 1
            || SSL_SESSION_set_cipher(psk, cipher) != 1 || SSL_SESSION_set_protocol_version(psk, TLS1_3_VERSION) != 1) {
        SSL_SESSION_free(psk);
        return 0;
    }
    *session = psk;
    return 1;
}

/* Notes which PSK key exchange modes the client offers (RFC 8446 §4.2.9). */
static int note_hello(SSL *ssl, int *alert, void *unused) {
    (void) alert;
    (void) unused;
    struct connection *connection = SSL_get_app_data(ssl);
    const unsigned char *modes = NULL;
    size_t length = 0;
    strcpy(connection->kex_modes, "none");
    if (SSL_client_hello_get0_ext(ssl, TLSEXT_PSK_KEX_MODES, &modes, &length) == 1 && length >= 1
            && (size_t) modes[0] + 1 == length && length * 2 < sizeof connection->kex_modes) {
        for (size_t i = 1; i < length; i++) {
            sprintf(connection->kex_modes + 2 * (i - 1), "%02x", modes[i]);
        }
    }
    return SSL_CLIENT_HELLO_SUCCESS;
}

static bool send_ack(struct connection *connection, unsigned long count) {
    char ack[40];
    int length = snprintf(ack, sizeof ack, "ACK %lu\n", count);
    if (SSL_write(connection->ssl, ack, length) != length) {
        return false;
    }
    say("ACK %d %lu", connection->id, count);
    return true;
}

static void hold(struct connection *connection) {
    say("HOLDING %d", connection->id);
    for (;;) {
        pause();
    }
}

static void serve(struct connection *connection) {
    SSL *ssl = connection->ssl;
    if (SSL_accept(ssl) != 1) {
        char why[256];
        ERR_error_string_n(ERR_get_error(), why, sizeof why);
        say("FAILED %d %s", connection->id, why);
        return;
    }
    const char *group = SSL_group_to_name(ssl, SSL_get_negotiated_group(ssl));
    say("CONNECTED %d kex_modes=%s cipher=%s group=%s psk=%s", connection->id, connection->kex_modes,
        SSL_get_cipher_name(ssl), group != NULL ? group : "?", SSL_session_reused(ssl) ? "yes" : "no");
    if (options.hold_after == 0) {
        hold(connection);
    }
    char line[LINE_MAX_BYTES + 1];
    size_t line_length = 0;
    unsigned long lines = 0;
    char buffer[4096];
    for (;;) {
        int got = SSL_read(ssl, buffer, sizeof buffer);
        if (got <= 0) {
            say("CLOSED %d", connection->id);
            return;
        }
        for (int i = 0; i < got; i++) {
            if (buffer[i] != '\n') {
                if (line_length == LINE_MAX_BYTES) {
                    say("FAILED %d a line over %d bytes", connection->id, LINE_MAX_BYTES);
                    return;
                }
                line[line_length++] = buffer[i];
                continue;
            }
            line[line_length] = '\0';
            if (line_length > 0) {
                say("LINE %d %s", connection->id, line);
            } else {
                say("LINE %d", connection->id);
            }
            line_length = 0;
            lines++;
            if (options.hold_after > 0 && lines == (unsigned long) options.hold_after) {
                if (options.ack) {
                    send_ack(connection, lines);
                }
                hold(connection);
            }
        }
        if (options.ack && SSL_pending(ssl) == 0 && !send_ack(connection, lines)) {
            say("CLOSED %d", connection->id);
            return;
        }
    }
}

static void *connection_thread(void *argument) {
    struct connection *connection = argument;
    serve(connection);
    SSL_free(connection->ssl);
    close(connection->fd);
    free(connection);
    return NULL;
}

static bool parse_hex(const char *hex, unsigned char *out, size_t size) {
    if (strlen(hex) != 2 * size) {
        return false;
    }
    for (size_t i = 0; i < size; i++) {
        unsigned value;
        if (sscanf(hex + 2 * i, "%2x", &value) != 1) {
            return false;
        }
        out[i] = (unsigned char) value;
    }
    return true;
}

static int listen_socket(void) {
    int fd = socket(options.ipv6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int on = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_storage address;
    socklen_t length;
    memset(&address, 0, sizeof address);
    if (options.ipv6) {
        struct sockaddr_in6 *v6 = (struct sockaddr_in6 *) &address;
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons((uint16_t) options.port);
        v6->sin6_addr = in6addr_loopback;
        length = sizeof *v6;
    } else {
        struct sockaddr_in *v4 = (struct sockaddr_in *) &address;
        v4->sin_family = AF_INET;
        v4->sin_port = htons((uint16_t) options.port);
        v4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        length = sizeof *v4;
    }
    if (fd < 0 || bind(fd, (struct sockaddr *) &address, length) != 0 || listen(fd, 16) != 0
            || getsockname(fd, (struct sockaddr *) &address, &length) != 0) {
        perror("ack_receiver: listen");
        exit(1);
    }
    say("LISTENING %d", ntohs(options.ipv6 ? ((struct sockaddr_in6 *) &address)->sin6_port
                                            : ((struct sockaddr_in *) &address)->sin_port));
    return fd;
}

int main(int argc, char **argv) {
    bool have_psk = false;
    options.hold_after = -1;
    for (int i = 1; i < argc; i++) {
        bool value = i + 1 < argc;
        if (strcmp(argv[i], "--psk") == 0 && value) {
            have_psk = parse_hex(argv[++i], options.psk, PSK_BYTES);
        } else if (strcmp(argv[i], "--port") == 0 && value) {
            options.port = atoi(argv[++i]);
        } else if (strcmp(argv[i], "--ipv6") == 0) {
            options.ipv6 = true;
        } else if (strcmp(argv[i], "--ack") == 0) {
            options.ack = true;
        } else if (strcmp(argv[i], "--hold-after") == 0 && value) {
            options.hold_after = atol(argv[++i]);
        } else {
            fprintf(stderr, "ack_receiver: unknown option %s\n", argv[i]);
            return 2;
        }
    }
    if (!have_psk) {
        fprintf(stderr, "ack_receiver: --psk with 64 hex digits is required\n");
        return 2;
    }
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    if (ctx == NULL || SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) != 1
            || SSL_CTX_set_ciphersuites(ctx, "TLS_AES_128_GCM_SHA256") != 1) {
        fprintf(stderr, "ack_receiver: cannot make the TLS context\n");
        return 1;
    }
    SSL_CTX_set_psk_find_session_callback(ctx, find_psk);
    SSL_CTX_set_client_hello_cb(ctx, note_hello, NULL);
    SSL_CTX_set_num_tickets(ctx, 0);
    int listener = listen_socket();
    for (int id = 1;; id++) {
        int fd = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
        if (fd < 0) {
            continue;
        }
        struct connection *connection = calloc(1, sizeof *connection);
        connection->id = id;
        connection->fd = fd;
        connection->ssl = SSL_new(ctx);
        SSL_set_app_data(connection->ssl, connection);
        SSL_set_fd(connection->ssl, fd);
        pthread_t thread;
        pthread_create(&thread, NULL, connection_thread, connection);
        pthread_detach(thread);
    }
}
