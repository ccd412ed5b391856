package org.callscope.engine.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.callscope.engine.testsupport.ToneAnalysis;
import org.junit.jupiter.api.Test;

class OpusPayloadDecoderTest {
    static final int RATE = 48000;
    static final int FRAME = RATE / 50;

    @Test
    void decodesATone() throws Exception {
        List<byte[]> packets = encodeTone(440, 2, 1);
        OpusPayloadDecoder decoder = new OpusPayloadDecoder();
        short[] all = new short[packets.size() * FRAME];
        short[] out = new short[OpusPayloadDecoder.MAX_PACKET_SAMPLES];
        int at = 0;
        for (byte[] p : packets) {
            assertThat(OpusPayloadDecoder.packetSamples(p, 0, p.length)).isEqualTo(FRAME);
            int n = decoder.decode(p, 0, p.length, out);
            assertThat(n).isEqualTo(FRAME);
            System.arraycopy(out, 0, all, at, n);
            at += n;
        }
        int from = RATE / 5;
        assertThat(ToneAnalysis.dominantFrequency(all, from, all.length - from, RATE)).isCloseTo(440, within(2.0));
        assertThat(ToneAnalysis.rms(all, from, all.length - from)).isGreaterThan(3000);
    }

    @Test
    void stereoPacketsAreMixedToMono() throws Exception {
        List<byte[]> packets = encodeTone(1000, 1, 2);
        OpusPayloadDecoder decoder = new OpusPayloadDecoder();
        short[] out = new short[OpusPayloadDecoder.MAX_PACKET_SAMPLES];
        short[] last = null;
        for (byte[] p : packets) {
            int n = decoder.decode(p, 0, p.length, out);
            assertThat(n).isEqualTo(FRAME);
            last = Arrays.copyOf(out, n);
        }
        assertThat(ToneAnalysis.dominantFrequency(last, RATE)).isCloseTo(1000, within(30.0));
    }

    @Test
    void concealsALostPacketWithAudioThatContinuesTheTone() throws Exception {
        List<byte[]> packets = encodeTone(440, 1, 1);
        OpusPayloadDecoder decoder = new OpusPayloadDecoder();
        short[] out = new short[OpusPayloadDecoder.MAX_PACKET_SAMPLES];
        for (byte[] p : packets) {
            decoder.decode(p, 0, p.length, out);
        }
        int n = decoder.conceal(FRAME, out);
        assertThat(n).isEqualTo(FRAME);
        assertThat(ToneAnalysis.rms(out, 0, n)).isGreaterThan(1000);
        assertThat(decoder.conceal(1, out)).isZero();
    }

    @Test
    void refusesWhatIsNoOpusPacket() {
        short[] out = new short[OpusPayloadDecoder.MAX_PACKET_SAMPLES];
        assertThat(new OpusPayloadDecoder().decode(new byte[0], 0, 0, out)).isEqualTo(-1);
        // Code 3 (arbitrary frame count) with 0 frames is invalid (RFC 6716 §3.2.5).
        assertThat(new OpusPayloadDecoder().decode(new byte[] {0x03, 0x00}, 0, 2, out)).isEqualTo(-1);
    }

    /** Opus packets of 20 ms from Concentus's encoder: a sine at {@code frequency}. */
    static List<byte[]> encodeTone(double frequency, double seconds, int channels) throws Exception {
        OpusEncoder encoder = new OpusEncoder(RATE, channels, OpusApplication.OPUS_APPLICATION_AUDIO);
        encoder.setBitrate(32000 * channels);
        List<byte[]> packets = new ArrayList<>();
        short[] pcm = new short[FRAME * channels];
        byte[] buf = new byte[1500];
        int frames = (int) (seconds * 50);
        for (int f = 0; f < frames; f++) {
            for (int i = 0; i < FRAME; i++) {
                short v = (short) Math.round(12000 * Math.sin(2 * Math.PI * frequency * (f * FRAME + i) / RATE));
                for (int c = 0; c < channels; c++) {
                    pcm[i * channels + c] = v;
                }
            }
            int len = encoder.encode(pcm, 0, FRAME, buf, 0, buf.length);
            packets.add(Arrays.copyOf(buf, len));
        }
        return packets;
    }
}
