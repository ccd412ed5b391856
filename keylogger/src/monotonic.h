/* Time for deadlines and intervals: CLOCK_MONOTONIC, so a clock set back or forward changes nothing. */
#ifndef CALLSCOPE_KEYLOG_MONOTONIC_H
#define CALLSCOPE_KEYLOG_MONOTONIC_H

#include <stdint.h>
#include <time.h>

/* Milliseconds since an arbitrary start. */
uint64_t monotonic_ms(void);

/* The CLOCK_MONOTONIC time at ms (as monotonic_ms counts), for pthread_cond_timedwait. */
struct timespec monotonic_timespec(uint64_t ms);

#endif
