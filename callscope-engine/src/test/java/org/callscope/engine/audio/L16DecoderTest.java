package org.callscope.engine.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class L16DecoderTest {

    @Test
    void readsBigEndianSamples() {
        byte[] payload = {0x12, 0x34, (byte) 0xFF, (byte) 0xFE, (byte) 0x80, 0x00, 0x7F, (byte) 0xFF};
        short[] out = new short[4];
        assertThat(new L16Decoder(44100, 1).decode(payload, 0, payload.length, out)).isEqualTo(4);
        assertThat(out).containsExactly((short) 0x1234, (short) -2, Short.MIN_VALUE, Short.MAX_VALUE);
    }

    @Test
    void mixesStereoToMonoByAveraging() {
        byte[] payload = {0x00, 0x64, 0x00, (byte) 0xC8, (byte) 0x80, 0x00, (byte) 0x80, 0x00};
        short[] out = new short[2];
        L16Decoder decoder = new L16Decoder(16000, 2);
        assertThat(decoder.maxSamples(payload.length)).isEqualTo(2);
        assertThat(decoder.decode(payload, 0, payload.length, out)).isEqualTo(2);
        assertThat(out).containsExactly((short) 150, Short.MIN_VALUE);
        assertThat(decoder.sampleRate()).isEqualTo(16000);
    }

    @Test
    void refusesAPayloadThatSplitsAFrame() {
        assertThat(new L16Decoder(8000, 1).decode(new byte[3], 0, 3, new short[2])).isEqualTo(-1);
        assertThat(new L16Decoder(8000, 2).decode(new byte[6], 0, 6, new short[2])).isEqualTo(-1);
    }
}
