/* Diagnostics: silent unless SSLKEYLOG_DEBUG asks for them. Never given key material. */
#ifndef CALLSCOPE_KEYLOG_DEBUG_H
#define CALLSCOPE_KEYLOG_DEBUG_H

#include <stdbool.h>

enum debug_mode { DEBUG_OFF, DEBUG_STDERR, DEBUG_SYSLOG };

/* The mode SSLKEYLOG_DEBUG names: unset, "", "0", "no", "off" or "false" is off; "syslog" is
 * syslog; anything else is standard error. */
enum debug_mode debug_mode_from(const char *value);

void debug_init(enum debug_mode mode);
bool debug_on(void);

/* One line, prefixed "SSL KEYLOG : " as VoIPmonitor's keylogger prefixes its own. */
void debug_say(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif
