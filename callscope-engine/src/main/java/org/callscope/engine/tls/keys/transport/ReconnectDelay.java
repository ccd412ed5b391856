package org.callscope.engine.tls.keys.transport;

import java.util.random.RandomGenerator;

/**
 * How long a sender waits before connecting again (docs/KEY-TRANSPORT.md): 0.5 s after the first
 * failure, doubling up to 30 s, each wait varied by ±20 % so senders that lost the same receiver
 * do not all come back at once; a completed handshake starts again from 0.5 s. Not thread-safe.
 */
final class ReconnectDelay {
    static final long FIRST_MILLIS = 500;
    static final long MAX_MILLIS = 30_000;
    static final double JITTER = 0.2;

    private final RandomGenerator random;
    private long nextMillis = FIRST_MILLIS;

    ReconnectDelay(RandomGenerator random) {
        this.random = random;
    }

    /** The wait before the next attempt; the one after it is twice as long (up to the maximum). */
    long next() {
        long base = nextMillis;
        nextMillis = Math.min(MAX_MILLIS, nextMillis * 2);
        return Math.round(base * (1 - JITTER + 2 * JITTER * random.nextDouble()));
    }

    /** A handshake completed: the next failure waits the first delay again. */
    void reset() {
        nextMillis = FIRST_MILLIS;
    }
}
