/* The wait between connection attempts (docs/KEY-TRANSPORT.md): 0.5 s after a failure, doubling
 * with each further failure up to 30 s, each wait varied by up to 20 % either way so that many
 * senders cut off together do not come back together; a completed handshake starts it over. */
#ifndef CALLSCOPE_KEYLOG_BACKOFF_H
#define CALLSCOPE_KEYLOG_BACKOFF_H

#include <stdint.h>

#define BACKOFF_FIRST_MS 500u
#define BACKOFF_MAX_MS 30000u
#define BACKOFF_JITTER_PERCENT 20u

struct backoff {
    uint32_t base_ms; /* the next wait before jitter */
    uint64_t random_state;
};

/* seed: anything that differs between processes (the pid and the time will do). */
void backoff_init(struct backoff *backoff, uint64_t seed);

/* The wait after a failed attempt; the next one will be twice as long (up to the maximum). */
uint32_t backoff_next_ms(struct backoff *backoff);

/* After a completed handshake: the next wait is the first one again. */
void backoff_reset(struct backoff *backoff);

#endif
