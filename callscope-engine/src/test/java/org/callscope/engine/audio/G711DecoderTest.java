package org.callscope.engine.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class G711DecoderTest {

    @Test
    void muLawMatchesTheDecoderOutputValuesOfG711Table2() {
        // Table 2a/G.711 decoder outputs in 14-bit units; this decoder scales them by 4.
        assertThat(G711Decoder.ulawToLinear(0xFF)).isZero();
        assertThat(G711Decoder.ulawToLinear(0x7F)).isZero();
        assertThat(G711Decoder.ulawToLinear(0xFE)).isEqualTo(2 * 4);
        assertThat(G711Decoder.ulawToLinear(0xF0)).isEqualTo(30 * 4);
        assertThat(G711Decoder.ulawToLinear(0xEF)).isEqualTo(33 * 4);
        assertThat(G711Decoder.ulawToLinear(0xDF)).isEqualTo(99 * 4);
        assertThat(G711Decoder.ulawToLinear(0x80)).isEqualTo(8031 * 4);
        assertThat(G711Decoder.ulawToLinear(0x00)).isEqualTo(-8031 * 4);
        assertThat(G711Decoder.ulawToLinear(0x7E)).isEqualTo(-2 * 4);
    }

    @Test
    void aLawMatchesTheDecoderOutputValuesOfG711Table1() {
        // Table 1a/G.711 decoder outputs in 13-bit units (odd numbers in the first segments); scaled by 8.
        assertThat(G711Decoder.alawToLinear(0xD5)).isEqualTo(1 * 8);
        assertThat(G711Decoder.alawToLinear(0x55)).isEqualTo(-1 * 8);
        assertThat(G711Decoder.alawToLinear(0xD4)).isEqualTo(3 * 8);
        assertThat(G711Decoder.alawToLinear(0xC5)).isEqualTo(33 * 8);
        assertThat(G711Decoder.alawToLinear(0xF5)).isEqualTo(66 * 8);
        assertThat(G711Decoder.alawToLinear(0xAA)).isEqualTo(4032 * 8);
        assertThat(G711Decoder.alawToLinear(0x2A)).isEqualTo(-4032 * 8);
    }

    @Test
    void everyMuLawCodeSurvivesEncodingItsDecodedValue() {
        for (int code = 0; code < 256; code++) {
            if (code == 0x7F) {
                continue; // negative zero decodes to 0, which encodes as positive zero 0xFF
            }
            assertThat(G711Encoder.linearToUlaw(G711Decoder.ulawToLinear(code))).as("code %02x", code).isEqualTo(code);
        }
    }

    @Test
    void everyALawCodeSurvivesEncodingItsDecodedValue() {
        for (int code = 0; code < 256; code++) {
            assertThat(G711Encoder.linearToAlaw(G711Decoder.alawToLinear(code))).as("code %02x", code).isEqualTo(code);
        }
    }

    @Test
    void decodedValuesRiseMonotonicallyWithTheQuantizedInput() {
        int previousU = Integer.MIN_VALUE;
        int previousA = Integer.MIN_VALUE;
        for (int x = -32768; x <= 32767; x += 7) {
            int u = G711Decoder.ulawToLinear(G711Encoder.linearToUlaw(x));
            int a = G711Decoder.alawToLinear(G711Encoder.linearToAlaw(x));
            assertThat(u).isGreaterThanOrEqualTo(previousU);
            assertThat(a).isGreaterThanOrEqualTo(previousA);
            // Quantization error stays within half a step of the largest segment.
            assertThat(Math.abs(u - Math.clamp(x, -32124, 32124))).isLessThanOrEqualTo(512);
            assertThat(Math.abs(a - Math.clamp(x, -32256, 32256))).isLessThanOrEqualTo(512);
            previousU = u;
            previousA = a;
        }
    }

    @Test
    void decodesAPayloadOctetByOctet() {
        byte[] payload = {(byte) 0xFF, (byte) 0x80, 0x00};
        short[] out = new short[3];
        assertThat(new G711Decoder(false).decode(payload, 0, 3, out)).isEqualTo(3);
        assertThat(out).containsExactly((short) 0, (short) 32124, (short) -32124);
        assertThat(new G711Decoder(true).decode(new byte[] {(byte) 0xD5}, 0, 1, out)).isEqualTo(1);
        assertThat(out[0]).isEqualTo((short) 8);
    }
}
