package org.callscope.engine.tls.keys.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ReconnectDelayTest {
    /** A generator that always gives {@code value} for nextDouble. */
    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    @Test
    void doublesFromHalfASecondUpToThirtySeconds() {
        ReconnectDelay d = new ReconnectDelay(fixed(0.5)); // the middle: no jitter
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            waits.add(d.next());
        }
        assertThat(waits).containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L, 30_000L);
    }

    @Test
    void jitterIsPlusOrMinusTwentyPercent() {
        assertThat(new ReconnectDelay(fixed(0.0)).next()).isEqualTo(400);
        assertThat((double) new ReconnectDelay(fixed(0.999_999)).next()).isCloseTo(600, within(1.0));
        ReconnectDelay d = new ReconnectDelay(new SplittableRandom(7));
        for (int i = 0; i < 6; i++) {
            d.next();
        }
        for (int i = 0; i < 1000; i++) {
            assertThat(d.next()).isBetween(24_000L, 36_000L);
        }
    }

    @Test
    void aCompletedHandshakeStartsOver() {
        ReconnectDelay d = new ReconnectDelay(fixed(0.5));
        d.next();
        d.next();
        d.next();
        d.reset();
        assertThat(d.next()).isEqualTo(500);
        assertThat(d.next()).isEqualTo(1_000);
    }
}
