package org.callscope.engine.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.callscope.engine.testsupport.ToneAnalysis;
import org.junit.jupiter.api.Test;

class LinearResamplerTest {

    @Test
    void sameRateIsACopy() {
        LinearResampler r = new LinearResampler();
        r.configure(8000, 8000);
        short[] in = {1, -2, 300, 4};
        short[] out = new short[8];
        assertThat(r.process(in, 4, out)).isEqualTo(4);
        assertThat(out).startsWith(in);
    }

    @Test
    void integerRatiosGiveExactCountsPerPacketAndJoinPacketsWithoutSeam() {
        for (int outRate : new int[] {16000, 48000}) {
            LinearResampler joined = new LinearResampler();
            joined.configure(8000, outRate);
            short[] tone = tone(440, 8000, 8000);
            short[] out = new short[tone.length * outRate / 8000];
            short[] packet = new short[160];
            short[] piece = new short[LinearResampler.maxOutput(160, 8000, outRate)];
            int at = 0;
            for (int p = 0; p < tone.length; p += 160) {
                System.arraycopy(tone, p, packet, 0, 160);
                int n = joined.process(packet, 160, piece);
                assertThat(n).isEqualTo(160 * outRate / 8000);
                System.arraycopy(piece, 0, out, at, n);
                at += n;
            }
            assertThat(ToneAnalysis.dominantFrequency(out, outRate)).isCloseTo(440, within(1.0));
            assertThat(ToneAnalysis.snrDb(out, 0, out.length, outRate, 440)).isGreaterThan(30);
        }
    }

    @Test
    void interpolatesBetweenNeighbours() {
        LinearResampler r = new LinearResampler();
        r.configure(8000, 16000);
        short[] out = new short[8];
        assertThat(r.process(new short[] {0, 100, 200}, 3, out)).isEqualTo(6);
        // One input sample late: the first sample is held, then every output halves the step.
        assertThat(out).startsWith((short) 0, (short) 0, (short) 50, (short) 100, (short) 150, (short) 200);
    }

    @Test
    void nonIntegerRatiosKeepTheAverageRate() {
        LinearResampler r = new LinearResampler();
        r.configure(44100, 48000);
        short[] in = tone(1000, 44100, 44100);
        short[] out = new short[LinearResampler.maxOutput(in.length, 44100, 48000)];
        int n = r.process(in, in.length, out);
        assertThat(n).isBetween(47999, 48001);
        assertThat(ToneAnalysis.dominantFrequency(out, 0, n, 48000)).isCloseTo(1000, within(1.0));
    }

    private static short[] tone(double frequency, int rate, int n) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) Math.round(10000 * Math.sin(2 * Math.PI * frequency * i / rate));
        }
        return s;
    }
}
