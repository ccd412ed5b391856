#include "tls_pair.h"

#include <fcntl.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define SNI_NAME "second.callscope.test"
#define HANDSHAKE_ROUNDS_MAX 100
#define CLOSE_FDS_UP_TO 1024
#define VICTIM_OPENS 8
/* Time for our sender thread to have written the first handshake's lines before fds are closed. */
#define SETTLE_MICROSECONDS 300000

struct options {
    const char *cert;
    const char *key;
    int version;
    const char *own_callback_file;
    bool sni;
    int handshakes;
    int pause_milliseconds;
    int linger_milliseconds;
    bool fork_after_first;
    const char *close_fds_victim;
};

static FILE *own_callback_out;
static SSL_CTX *second_context;

static int complain(const char *what) {
    fprintf(stderr, "tls_pair: %s\n", what);
    ERR_print_errors_fp(stderr);
    return 1;
}

static void own_callback(const SSL *ssl, const char *line) {
    fprintf(own_callback_out, "%s %s\n", SSL_is_server(ssl) ? "server" : "client", line);
    fflush(own_callback_out);
}

static int switch_context(SSL *ssl, int *alert, void *unused) {
    (void) alert;
    (void) unused;
    const char *name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
    if (name != NULL && strcmp(name, SNI_NAME) == 0) {
        SSL_set_SSL_CTX(ssl, second_context);
    }
    return SSL_TLSEXT_ERR_OK;
}

static SSL_CTX *context(const struct options *options, bool server) {
    SSL_CTX *ctx = SSL_CTX_new(server ? TLS_server_method() : TLS_client_method());
    if (ctx == NULL) {
        return NULL;
    }
    SSL_CTX_set_min_proto_version(ctx, options->version);
    SSL_CTX_set_max_proto_version(ctx, options->version);
    if (options->version == TLS1_2_VERSION && SSL_CTX_set_cipher_list(ctx, "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256") != 1) {
        SSL_CTX_free(ctx);
        return NULL;
    }
    if (server && (SSL_CTX_use_certificate_chain_file(ctx, options->cert) != 1
                   || SSL_CTX_use_PrivateKey_file(ctx, options->key, SSL_FILETYPE_PEM) != 1)) {
        SSL_CTX_free(ctx);
        return NULL;
    }
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    if (options->own_callback_file != NULL) {
        SSL_CTX_set_keylog_callback(ctx, own_callback);
    }
    return ctx;
}

static bool progress(SSL *ssl) {
    int result = SSL_do_handshake(ssl);
    if (result == 1) {
        return true;
    }
    int error = SSL_get_error(ssl, result);
    return error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE;
}

static int handshake(const struct options *options, SSL_CTX *client_ctx, SSL_CTX *server_ctx) {
    SSL *client = SSL_new(client_ctx);
    SSL *server = SSL_new(server_ctx);
    BIO *client_side = NULL;
    BIO *server_side = NULL;
    if (client == NULL || server == NULL || BIO_new_bio_pair(&client_side, 0, &server_side, 0) != 1) {
        return complain("cannot make the SSL objects");
    }
    SSL_set_bio(client, client_side, client_side);
    SSL_set_bio(server, server_side, server_side);
    SSL_set_connect_state(client);
    SSL_set_accept_state(server);
    if (options->sni) {
        SSL_set_tlsext_host_name(client, SNI_NAME);
    }
    int rounds = 0;
    while (!SSL_is_init_finished(client) || !SSL_is_init_finished(server)) {
        if (!progress(client) || !progress(server) || ++rounds > HANDSHAKE_ROUNDS_MAX) {
            SSL_free(client);
            SSL_free(server);
            return complain("handshake failed");
        }
    }
    /* A record each way, so TLS 1.3 servers' tickets are read too. */
    char buffer[16];
    SSL_write(client, "ping", 4);
    SSL_read(server, buffer, sizeof buffer);
    SSL_write(server, "pong", 4);
    SSL_read(client, buffer, sizeof buffer);
    if (options->sni && SSL_get_SSL_CTX(server) != second_context) {
        SSL_free(client);
        SSL_free(server);
        return complain("the server did not switch context by server name");
    }
    SSL_free(client);
    SSL_free(server);
    return 0;
}

static void close_descriptors_and_take_their_numbers(const char *victim) {
    for (int fd = 3; fd < CLOSE_FDS_UP_TO; fd++) {
        if (own_callback_out == NULL || fd != fileno(own_callback_out)) {
            close(fd);
        }
    }
    for (int i = 0; i < VICTIM_OPENS; i++) {
        if (open(victim, O_WRONLY | O_APPEND | O_CREAT, 0600) < 0) {
            perror("tls_pair: victim file");
        }
    }
}

static int parse(int argc, char **argv, struct options *options) {
    *options = (struct options) {.version = TLS1_3_VERSION, .handshakes = 1};
    for (int i = 1; i < argc; i++) {
        const char *value = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(argv[i], "--cert") == 0 && value) {
            options->cert = argv[++i];
        } else if (strcmp(argv[i], "--key") == 0 && value) {
            options->key = argv[++i];
        } else if (strcmp(argv[i], "--tls") == 0 && value) {
            options->version = strcmp(argv[++i], "1.2") == 0 ? TLS1_2_VERSION : TLS1_3_VERSION;
        } else if (strcmp(argv[i], "--own-callback") == 0 && value) {
            options->own_callback_file = argv[++i];
        } else if (strcmp(argv[i], "--sni") == 0) {
            options->sni = true;
        } else if (strcmp(argv[i], "--handshakes") == 0 && value) {
            options->handshakes = atoi(argv[++i]);
        } else if (strcmp(argv[i], "--pause") == 0 && value) {
            options->pause_milliseconds = atoi(argv[++i]);
        } else if (strcmp(argv[i], "--linger") == 0 && value) {
            options->linger_milliseconds = atoi(argv[++i]);
        } else if (strcmp(argv[i], "--fork") == 0) {
            options->fork_after_first = true;
        } else if (strcmp(argv[i], "--close-fds") == 0 && value) {
            options->close_fds_victim = argv[++i];
        } else {
            fprintf(stderr, "tls_pair: unknown option %s\n", argv[i]);
            return 2;
        }
    }
    if (options->cert == NULL || options->key == NULL) {
        fprintf(stderr, "tls_pair: --cert and --key are required\n");
        return 2;
    }
    return 0;
}

int tls_pair_run(int argc, char **argv) {
    struct options options;
    int status = parse(argc, argv, &options);
    if (status != 0) {
        return status;
    }
    if (options.own_callback_file != NULL && (own_callback_out = fopen(options.own_callback_file, "a")) == NULL) {
        perror("tls_pair: own callback file");
        return 1;
    }
    SSL_CTX *client_ctx = context(&options, false);
    SSL_CTX *server_ctx = context(&options, true);
    if (client_ctx == NULL || server_ctx == NULL) {
        return complain("cannot make the contexts");
    }
    if (options.sni) {
        second_context = context(&options, true);
        if (second_context == NULL) {
            return complain("cannot make the second server context");
        }
        /* After creation, as a program configures a context: replaces whatever callback was there. */
        SSL_CTX_set_keylog_callback(second_context, options.own_callback_file != NULL ? own_callback : NULL);
        SSL_CTX_set_tlsext_servername_callback(server_ctx, switch_context);
    }
    for (int i = 0; i < options.handshakes && status == 0; i++) {
        if (i > 0 && options.pause_milliseconds > 0) {
            usleep((useconds_t) options.pause_milliseconds * 1000);
        }
        status = handshake(&options, client_ctx, server_ctx);
    }
    if (status == 0 && options.fork_after_first) {
        if (own_callback_out != NULL) {
            fflush(own_callback_out);
        }
        pid_t child = fork();
        if (child < 0) {
            return complain("fork failed");
        }
        if (child == 0) {
            exit(handshake(&options, client_ctx, server_ctx));
        }
        int child_status;
        if (waitpid(child, &child_status, 0) != child || !WIFEXITED(child_status) || WEXITSTATUS(child_status) != 0) {
            return complain("the child's handshake failed");
        }
        status = handshake(&options, client_ctx, server_ctx);
    }
    if (status == 0 && options.close_fds_victim != NULL) {
        usleep(SETTLE_MICROSECONDS);
        close_descriptors_and_take_their_numbers(options.close_fds_victim);
        status = handshake(&options, client_ctx, server_ctx);
    }
    if (status == 0 && options.linger_milliseconds > 0) {
        usleep((useconds_t) options.linger_milliseconds * 1000);
    }
    SSL_CTX_free(client_ctx);
    SSL_CTX_free(server_ctx);
    if (second_context != NULL) {
        SSL_CTX_free(second_context);
    }
    if (own_callback_out != NULL) {
        fclose(own_callback_out);
    }
    return status;
}
