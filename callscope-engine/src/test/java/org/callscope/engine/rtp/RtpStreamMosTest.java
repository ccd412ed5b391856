package org.callscope.engine.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** MOS must reflect loss and jitter: checked on synthetic G.711 streams of 50 s. */
class RtpStreamMosTest {
    private static final long MS = 1_000_000L;
    private static final int PACKETS = 2500;

    @Test
    void cleanG711StreamRatesAbout44() {
        RtpStreamStats s = stream(0, 0, 1);
        assertThat(s.mosF1()).isCloseTo(4.4, within(0.05));
        assertThat(s.mosAdapt()).isCloseTo(4.4, within(0.05));
        // The 200 ms buffer costs delay impairment even on a clean stream.
        assertThat(s.mosF2()).isLessThan(s.mosF1()).isGreaterThan(4.0);
    }

    @Test
    void fivePercentRandomLossLowersAllThree() {
        RtpStreamStats clean = stream(0, 0, 1);
        RtpStreamStats lossy = stream(0.05, 0, 2);
        assertThat(lossy.lost()).isBetween(90L, 160L);
        assertThat(lossy.missing()).isEqualTo(lossy.lost());
        assertThat(lossy.mosF1()).isLessThan(clean.mosF1() - 0.4);
        assertThat(lossy.mosF2()).isLessThan(clean.mosF2() - 0.4);
        assertThat(lossy.mosAdapt()).isLessThan(clean.mosAdapt() - 0.4);
    }

    @Test
    void heavyJitterHurtsSmallFixedBufferMostThenAdaptive() {
        RtpStreamStats clean = stream(0, 0, 3);
        RtpStreamStats jittery = stream(0, 150, 3);
        // Reordered, nothing missing (tshark's last-sequence "lost" may read -1 here).
        assertThat(jittery.missing()).isZero();
        assertThat(jittery.bufferSmall().discarded()).isGreaterThan(jittery.bufferAdaptive().discarded());
        assertThat(jittery.mosF1()).isLessThan(clean.mosF1() - 1);
        assertThat(jittery.mosF1()).isLessThan(jittery.mosAdapt());
        assertThat(jittery.mosAdapt()).isLessThan(clean.mosAdapt());
    }

    /** 20 ms PCMU packets; each dropped with {@code lossRate}, delayed by uniform 0..maxJitter ms. */
    private static RtpStreamStats stream(double lossRate, double maxJitterMillis, long seed) {
        Random random = new Random(seed);
        RtpStreamStats s = new RtpStreamStats();
        long[] arrivals = new long[PACKETS];
        boolean[] sent = new boolean[PACKETS];
        for (int i = 0; i < PACKETS; i++) {
            sent[i] = i == 0 || random.nextDouble() >= lossRate;
            arrivals[i] = Math.round((20.0 * i + random.nextDouble() * maxJitterMillis) * MS);
        }
        // Deliver in arrival order, as a capture would see them.
        Integer[] order = new Integer[PACKETS];
        for (int i = 0; i < PACKETS; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(arrivals[a], arrivals[b]));
        for (int i : order) {
            if (sent[i]) {
                s.onPacket(arrivals[i], (5000 + i) & 0xffff, 160L * i, 0, false, 160);
            }
        }
        return s;
    }
}
