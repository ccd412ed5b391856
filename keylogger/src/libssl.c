#include "libssl.h"
#include "debug.h"
#include "keylog_chain.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* Distinct copies of libssl in one process: in practice one, rarely two. */
#define LIBSSL_MAX 4
/* Call sites remembered with the copy they use. A miss costs a dladdr and a dlopen. */
#define CALLERS_MAX 64

static struct libssl libraries[LIBSSL_MAX];
static unsigned library_count; /* under resolve_lock */

struct caller {
    const void *address;
    struct libssl *library;
};
static struct caller callers[CALLERS_MAX];
static atomic_uint caller_count; /* entries below it are complete */

static pthread_mutex_t resolve_lock = PTHREAD_MUTEX_INITIALIZER;

/* One keylog callback per copy, so a callback knows which copy's functions to use. */
#define TRAMPOLINE(n) \
    static void keylog_from_##n(const SSL *ssl, const char *line) { keylog_line(&libraries[n], ssl, line); }
TRAMPOLINE(0)
TRAMPOLINE(1)
TRAMPOLINE(2)
TRAMPOLINE(3)
static const keylog_callback TRAMPOLINES[LIBSSL_MAX] = {keylog_from_0, keylog_from_1, keylog_from_2, keylog_from_3};

static void *our_base; /* set by libssl_probe, at start-up */

static bool is_ours(const void *address) {
    Dl_info theirs;
    return dladdr(address, &theirs) != 0 && theirs.dli_fbase == our_base;
}

/* SSL_new as the caller's own object would bind it without us: looked up in the caller's
 * dependencies, which finds a libssl that a dlopen()ed module brought in privately; then in the
 * objects loaded after this one (RTLD_NEXT), for the program itself and libraries it links. */
static void *real_ssl_new_for(const void *return_address) {
    void *found = NULL;
    Dl_info caller;
    if (return_address != NULL && dladdr(return_address, &caller) != 0 && caller.dli_fname != NULL
            && caller.dli_fname[0] != '\0') {
        void *handle = dlopen(caller.dli_fname, RTLD_LAZY | RTLD_NOLOAD);
        if (handle != NULL) {
            found = dlsym(handle, "SSL_new");
            dlclose(handle);
        }
    }
    if (found == NULL || is_ours(found)) {
        found = dlsym(RTLD_NEXT, "SSL_new");
    }
    return found == NULL || is_ours(found) ? NULL : found;
}

static void *look_up(void *handle, const char *name) {
    void *address = dlsym(handle, name);
    Dl_info where;
    if (address != NULL && debug_on()) {
        debug_say("OK detect pointer to function %s : %p in %s", name, address,
                  dladdr(address, &where) != 0 && where.dli_fname != NULL ? where.dli_fname : "?");
    }
    return address;
}

/* dlsym gives a data pointer; POSIX guarantees it converts to the function's type. */
#define LOOK_UP(handle, field, name) \
    do { \
        void *address = look_up((handle), (name)); \
        memcpy(&library->field, &address, sizeof address); \
    } while (0)

static void fill(struct libssl *library, void *handle) {
    const char *path = library->path;
    LOOK_UP(handle, ssl_new, "SSL_new");
    LOOK_UP(handle, ssl_ctx_new, "SSL_CTX_new");
    LOOK_UP(handle, ssl_ctx_new_ex, "SSL_CTX_new_ex");
    LOOK_UP(handle, ssl_set_ssl_ctx, "SSL_set_SSL_CTX");
    LOOK_UP(handle, ssl_ctx_set_keylog_callback, "SSL_CTX_set_keylog_callback");
    LOOK_UP(handle, ssl_ctx_get_keylog_callback, "SSL_CTX_get_keylog_callback");
    LOOK_UP(handle, ssl_get_ssl_ctx, "SSL_get_SSL_CTX");
    LOOK_UP(handle, ssl_ctx_get_ex_data, "SSL_CTX_get_ex_data");
    LOOK_UP(handle, ssl_ctx_set_ex_data, "SSL_CTX_set_ex_data");
    LOOK_UP(handle, crypto_get_ex_new_index, "CRYPTO_get_ex_new_index");
    library->can_log = library->ssl_ctx_set_keylog_callback != NULL && library->ssl_ctx_get_keylog_callback != NULL
                       && library->ssl_get_ssl_ctx != NULL;
    library->can_chain = library->ssl_ctx_get_ex_data != NULL && library->ssl_ctx_set_ex_data != NULL
                         && library->crypto_get_ex_new_index != NULL;
    if (!library->can_log) {
        debug_say("FAILED detect pointer to function SSL_CTX_set_keylog_callback in %s (OpenSSL before 1.1.1?): "
                  "its keys are not logged", path);
    } else if (!library->can_chain) {
        debug_say("FAILED detect SSL_CTX ex_data functions in %s: where the program sets its own keylog callback, "
                  "its keys are not logged", path);
    }
}

/* The table for the copy of libssl that holds ssl_new; under resolve_lock. */
static struct libssl *library_holding(void *ssl_new) {
    Dl_info where;
    if (dladdr(ssl_new, &where) == 0) {
        return NULL;
    }
    for (unsigned i = 0; i < library_count; i++) {
        if (libraries[i].base == where.dli_fbase) {
            return &libraries[i];
        }
    }
    if (library_count == LIBSSL_MAX) {
        debug_say("FAILED more than %d copies of libssl in one process: %s is not used", LIBSSL_MAX,
                  where.dli_fname);
        return NULL;
    }
    /* Kept open for good: the tables must outlive a module that might unload its libssl. */
    void *handle = where.dli_fname != NULL ? dlopen(where.dli_fname, RTLD_LAZY | RTLD_NOLOAD) : NULL;
    if (handle == NULL) {
        return NULL;
    }
    struct libssl *library = &libraries[library_count];
    library->base = where.dli_fbase;
    snprintf(library->path, sizeof library->path, "%s", where.dli_fname);
    atomic_init(&library->app_callback_index, -1);
    library->own_callback = TRAMPOLINES[library_count];
    fill(library, handle);
    if (library->ssl_new == NULL) {
        return NULL;
    }
    library_count++;
    return library;
}

/* The copy whose real function this thread is in, called from one of our hooks: a real function
 * that ends in a tail call to another hooked one (SSL_CTX_new to SSL_CTX_new_ex in 3.x) reaches
 * that hook with a return address inside this library. */
static __thread struct libssl *calling;

struct libssl *libssl_enter(struct libssl *library) {
    struct libssl *outer = calling;
    calling = library;
    return outer;
}

void libssl_leave(struct libssl *outer) {
    calling = outer;
}

/* The one copy loaded, when there is exactly one: better than failing the program's call. */
static struct libssl *only_library(void) {
    return library_count == 1 ? &libraries[0] : NULL;
}

struct libssl *libssl_for_caller(const void *return_address) {
    if (calling != NULL && is_ours(return_address)) {
        return calling;
    }
    unsigned known = atomic_load_explicit(&caller_count, memory_order_acquire);
    for (unsigned i = 0; i < known; i++) {
        if (callers[i].address == return_address) {
            return callers[i].library;
        }
    }
    pthread_mutex_lock(&resolve_lock);
    struct libssl *library = NULL;
    known = atomic_load_explicit(&caller_count, memory_order_relaxed);
    for (unsigned i = 0; i < known && library == NULL; i++) {
        if (callers[i].address == return_address) {
            library = callers[i].library;
        }
    }
    if (library == NULL) {
        void *ssl_new = real_ssl_new_for(return_address);
        library = ssl_new != NULL ? library_holding(ssl_new) : only_library();
        if (library != NULL && known < CALLERS_MAX) {
            callers[known].address = return_address;
            callers[known].library = library;
            atomic_store_explicit(&caller_count, known + 1, memory_order_release);
        }
    }
    pthread_mutex_unlock(&resolve_lock);
    if (library == NULL && debug_on()) {
        Dl_info caller;
        debug_say("FAILED detect pointer to function SSL_new for the caller at %p in %s", return_address,
                  dladdr(return_address, &caller) != 0 && caller.dli_fname != NULL ? caller.dli_fname : "?");
    }
    return library;
}

void *libssl_handle_for_own_use(void) {
    void *handle = NULL;
    pthread_mutex_lock(&resolve_lock);
    for (unsigned i = 0; i < library_count && handle == NULL; i++) {
        if (libraries[i].can_log) { /* 1.1.1 or later */
            handle = dlopen(libraries[i].path, RTLD_LAZY | RTLD_NOLOAD);
        }
    }
    pthread_mutex_unlock(&resolve_lock);
    return handle;
}

static void before_fork(void) {
    pthread_mutex_lock(&resolve_lock);
}

static void after_fork(void) {
    pthread_mutex_unlock(&resolve_lock);
}

void libssl_probe(void) {
    Dl_info ours;
    if (dladdr((const void *) libssl_probe, &ours) != 0) {
        our_base = ours.dli_fbase;
    }
    pthread_atfork(before_fork, after_fork, after_fork);
    void *ssl_new = dlsym(RTLD_NEXT, "SSL_new");
    if (ssl_new == NULL || is_ours(ssl_new)) {
        debug_say("SSL_new not loaded yet: looked up when the program first calls it");
        return;
    }
    pthread_mutex_lock(&resolve_lock);
    library_holding(ssl_new);
    pthread_mutex_unlock(&resolve_lock);
}
