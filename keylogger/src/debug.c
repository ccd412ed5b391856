#include "debug.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>
#include <unistd.h>

#define DEBUG_PREFIX "SSL KEYLOG : "
#define DEBUG_LINE_MAX 1024

static enum debug_mode mode = DEBUG_OFF;

enum debug_mode debug_mode_from(const char *value) {
    if (value == NULL || value[0] == '\0' || strcmp(value, "0") == 0 || strcasecmp(value, "no") == 0
            || strcasecmp(value, "off") == 0 || strcasecmp(value, "false") == 0) {
        return DEBUG_OFF;
    }
    return strcasecmp(value, "syslog") == 0 ? DEBUG_SYSLOG : DEBUG_STDERR;
}

void debug_init(enum debug_mode chosen) {
    mode = chosen;
}

bool debug_on(void) {
    return mode != DEBUG_OFF;
}

void debug_say(const char *format, ...) {
    if (mode == DEBUG_OFF) {
        return;
    }
    int saved_errno = errno;
    char line[DEBUG_LINE_MAX];
    va_list args;
    va_start(args, format);
    int length = vsnprintf(line, sizeof line, format, args);
    va_end(args);
    if (length < 0) {
        errno = saved_errno;
        return;
    }
    if (mode == DEBUG_SYSLOG) {
        /* No openlog(): the program's own ident and options stay as it set them. */
        syslog(LOG_DAEMON | LOG_NOTICE, DEBUG_PREFIX "%s", line);
    } else {
        /* One write per line, so lines from several threads and processes do not interleave. */
        char out[sizeof DEBUG_PREFIX + DEBUG_LINE_MAX + 1];
        int total = snprintf(out, sizeof out, DEBUG_PREFIX "%s\n", line);
        if (total > 0) {
            size_t size = (size_t) total;
            if (size >= sizeof out) {
                size = sizeof out - 1;
                out[size - 1] = '\n';
            }
            ssize_t ignored = write(STDERR_FILENO, out, size);
            (void) ignored;
        }
    }
    errno = saved_errno;
}
