package org.callscope.engine.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.callscope.engine.testsupport.ToneAnalysis;
import org.junit.jupiter.api.Test;

class ComfortNoiseTest {

    @Test
    void noiseHasTheSignalledLevelInDbov() {
        for (int level : new int[] {20, 40, 60}) {
            short[] out = new short[48000];
            new ComfortNoise().fill(level, out, out.length);
            double dbov = 20 * Math.log10(ToneAnalysis.rms(out) / 32767);
            assertThat(dbov).as("level %d", level).isCloseTo(-level, within(0.5));
        }
    }

    @Test
    void levelIsTheFirstOctetWithoutItsReservedBit() {
        assertThat(ComfortNoise.level(new byte[] {(byte) 0xBF, 1, 2}, 0, 3)).isEqualTo(63);
        assertThat(ComfortNoise.level(new byte[0], 0, 0)).isEqualTo(-1);
    }

    @Test
    void theSameLevelGivesTheSameNoise() {
        short[] a = new short[100];
        short[] b = new short[100];
        new ComfortNoise().fill(30, a, 100);
        new ComfortNoise().fill(30, b, 100);
        assertThat(a).isEqualTo(b);
    }
}
