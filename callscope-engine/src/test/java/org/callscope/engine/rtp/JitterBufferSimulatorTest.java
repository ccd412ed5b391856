package org.callscope.engine.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JitterBufferSimulatorTest {
    @Test
    void fixedBufferDiscardsOnlyPacketsLaterThanItsDelay() {
        JitterBufferSimulator jb = JitterBufferSimulator.fixed(50);
        assertThat(jb.onPacket(0, 0)).isTrue();
        assertThat(jb.onPacket(20 + 40, 20)).as("40 ms late").isTrue();
        assertThat(jb.onPacket(40 + 60, 40)).as("60 ms late").isFalse();
        assertThat(jb.onPacket(60 + 50, 60)).as("exactly 50 ms late").isTrue();
        assertThat(jb.discarded()).isEqualTo(1);
        assertThat(jb.packets()).isEqualTo(4);
        assertThat(jb.meanDelayMillis()).isEqualTo(50);
    }

    @Test
    void earlierPacketReanchorsTheBuffer() {
        JitterBufferSimulator jb = JitterBufferSimulator.fixed(50);
        jb.onPacket(100, 0);
        jb.onPacket(60, 20);
        // Relative to the faster path now seen, 100 ms after media time 40 is 60 ms late.
        assertThat(jb.onPacket(140 + 40, 40)).isFalse();
    }

    @Test
    void adaptiveBufferGrowsOnLatePacketsAndShrinksSlowly() {
        JitterBufferSimulator jb = JitterBufferSimulator.adaptive(500);
        assertThat(jb.onPacket(0, 0)).isTrue();
        assertThat(jb.onPacket(20 + 120, 20)).isFalse();
        assertThat(jb.currentDelayMillis()).isEqualTo(130);
        assertThat(jb.onPacket(40 + 120, 40)).as("same lateness again is absorbed").isTrue();
        double grown = jb.currentDelayMillis();
        for (int i = 3; i < 50; i++) {
            jb.onPacket(20.0 * i, 20.0 * i);
        }
        assertThat(jb.currentDelayMillis()).isLessThan(grown).isGreaterThan(JitterBufferSimulator.ADAPTIVE_INITIAL_MILLIS);
        assertThat(jb.discarded()).isEqualTo(1);
    }

    @Test
    void adaptiveBufferStopsAtItsCeiling() {
        JitterBufferSimulator jb = JitterBufferSimulator.adaptive(500);
        jb.onPacket(0, 0);
        assertThat(jb.onPacket(20 + 900, 20)).isFalse();
        assertThat(jb.currentDelayMillis()).isEqualTo(500);
    }
}
