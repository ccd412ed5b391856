/* Start-up and exit of the library inside the host program. */
#include "debug.h"
#include "destination.h"
#include "libssl.h"
#include "sender.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

__attribute__((constructor)) static void keylogger_start(void) {
    debug_init(debug_mode_from(getenv("SSLKEYLOG_DEBUG")));
    struct destination *found[DESTINATIONS_MAX];
    size_t count = destinations_from_environment(found);
    sender_init(found, count);
    debug_say("callscope keylogger in %s (pid %ld)", program_invocation_short_name, (long) getpid());
    for (size_t i = 0; i < count; i++) {
        debug_say("log to : %s", found[i]->name);
    }
    if (count == 0) {
        debug_say("no destination (SSLKEYLOG_UDP=IP:PORT, SSLKEYLOG_FILE=PATH, SSLKEYLOG_TCP=IP:PORT): "
                  "keys are not logged");
    }
    libssl_probe();
}

__attribute__((destructor)) static void keylogger_stop(void) {
    sender_flush_at_exit();
}
