#include "keylog_chain.h"
#include "sender.h"

#include <pthread.h>
#include <stddef.h>
#include <string.h>

_Static_assert(sizeof(void *) == sizeof(keylog_callback), "a callback is kept in a void * slot");

/* Taken only when a context does not have our callback yet: two threads making their first SSL
 * from one context must not both grow its ex_data. */
static pthread_mutex_t install_lock = PTHREAD_MUTEX_INITIALIZER;

static void *as_data(keylog_callback callback) {
    void *data;
    memcpy(&data, &callback, sizeof data);
    return data;
}

static keylog_callback as_callback(void *data) {
    keylog_callback callback;
    memcpy(&callback, &data, sizeof callback);
    return callback;
}

/* Under install_lock. Stores the program's callback (or clears a stale one); false if it cannot. */
static bool keep_app_callback(struct libssl *library, SSL_CTX *ctx, keylog_callback app) {
    int index = atomic_load(&library->app_callback_index);
    if (app == NULL) {
        if (index >= 0 && library->ssl_ctx_get_ex_data(ctx, index) != NULL) {
            return library->ssl_ctx_set_ex_data(ctx, index, NULL) == 1;
        }
        return true;
    }
    if (!library->can_chain) {
        return false;
    }
    if (index < 0) {
        /* Allocated only now, not at start-up: a program may first have to set OpenSSL's memory
         * functions, which OpenSSL refuses once it has allocated anything. */
        index = library->crypto_get_ex_new_index(CRYPTO_EX_INDEX_SSL_CTX, 0, NULL, NULL, NULL, NULL);
        if (index < 0) {
            return false;
        }
        atomic_store(&library->app_callback_index, index);
    }
    return library->ssl_ctx_set_ex_data(ctx, index, as_data(app)) == 1;
}

void keylog_install(struct libssl *library, SSL_CTX *ctx) {
    /* The sender thread makes only the library's own connections: those stay unlogged. */
    if (ctx == NULL || !library->can_log || !sender_active() || sender_on_this_thread()) {
        return;
    }
    if (library->ssl_ctx_get_keylog_callback(ctx) == library->own_callback) {
        return;
    }
    pthread_mutex_lock(&install_lock);
    keylog_callback current = library->ssl_ctx_get_keylog_callback(ctx);
    if (current != library->own_callback && keep_app_callback(library, ctx, current)) {
        library->ssl_ctx_set_keylog_callback(ctx, library->own_callback);
    }
    pthread_mutex_unlock(&install_lock);
}

void keylog_line(struct libssl *library, const SSL *ssl, const char *line) {
    if (sender_on_this_thread()) {
        return;
    }
    sender_submit(line);
    int index = atomic_load(&library->app_callback_index);
    if (index < 0 || ssl == NULL) {
        return;
    }
    SSL_CTX *ctx = library->ssl_get_ssl_ctx(ssl);
    keylog_callback app = ctx != NULL ? as_callback(library->ssl_ctx_get_ex_data(ctx, index)) : NULL;
    if (app != NULL && app != library->own_callback) {
        app(ssl, line);
    }
}

static void before_fork(void) {
    pthread_mutex_lock(&install_lock);
}

static void after_fork(void) {
    pthread_mutex_unlock(&install_lock);
}

__attribute__((constructor)) static void register_fork_handlers(void) {
    pthread_atfork(before_fork, after_fork, after_fork);
}
