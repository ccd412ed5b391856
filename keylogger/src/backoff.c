#include "backoff.h"

/* splitmix64: enough for jitter, and it leaves the program's own rand() state alone. */
static uint64_t next_random(struct backoff *backoff) {
    uint64_t z = (backoff->random_state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

void backoff_init(struct backoff *backoff, uint64_t seed) {
    backoff->random_state = seed;
    backoff_reset(backoff);
}

void backoff_reset(struct backoff *backoff) {
    backoff->base_ms = BACKOFF_FIRST_MS;
}

uint32_t backoff_next_ms(struct backoff *backoff) {
    uint32_t base = backoff->base_ms;
    uint32_t spread = base * BACKOFF_JITTER_PERCENT / 100u; /* at most 6,000: no overflow below */
    uint32_t wait = base - spread + (uint32_t) (next_random(backoff) % (2u * spread + 1u));
    backoff->base_ms = base >= BACKOFF_MAX_MS / 2u ? BACKOFF_MAX_MS : base * 2u;
    return wait;
}
