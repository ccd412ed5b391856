package org.callscope.engine.audio;

/**
 * ITU-T G.711 expansion of µ-law (PCMU, RTP payload type 0) and A-law (PCMA, 8) payloads, one
 * octet per 8 kHz sample (RFC 3551 §4.5.14), to 16-bit linear samples. Stateless.
 *
 * <p>Scale: G.711's decoder output values (tables 2a and 1a: µ-law up to ±8031 in 14-bit units,
 * A-law up to ±4032 in 13-bit units) are multiplied by 4 and 8 so both fill a 16-bit sample:
 * µ-law spans ±32124 and A-law ±32256, as most software decoders do.
 */
final class G711Decoder implements PayloadDecoder {
    static final int SAMPLE_RATE = 8000;
    /** G.711 table 2a: µ-law segment bias (33 in 14-bit units, times 4 for 16 bits). */
    private static final int MU_LAW_BIAS = 0x84;
    /** G.711 table 1a: A-law octets have their even bits inverted on the line. */
    private static final int A_LAW_EVEN_BITS = 0x55;

    private final boolean alaw;

    G711Decoder(boolean alaw) {
        this.alaw = alaw;
    }

    /** µ-law octet to a linear sample in -32124..32124; 0xFF and 0x7F are the two zeros. */
    static int ulawToLinear(int octet) {
        int u = ~octet & 0xFF;
        int segment = (u >>> 4) & 7;
        int step = u & 0x0F;
        int magnitude = (((step << 3) + MU_LAW_BIAS) << segment) - MU_LAW_BIAS;
        return (u & 0x80) != 0 ? -magnitude : magnitude;
    }

    /** A-law octet to a linear sample in -32256..32256 (sign bit set means positive). */
    static int alawToLinear(int octet) {
        int a = (octet ^ A_LAW_EVEN_BITS) & 0xFF;
        int segment = (a >>> 4) & 7;
        int step = a & 0x0F;
        int magnitude = segment == 0
                ? (step << 4) + 8
                : ((step << 4) + 0x108) << (segment - 1);
        return (a & 0x80) != 0 ? magnitude : -magnitude;
    }

    @Override
    public int sampleRate() {
        return SAMPLE_RATE;
    }

    @Override
    public int maxSamples(int len) {
        return len;
    }

    @Override
    public int decode(byte[] buf, int off, int len, short[] out) {
        for (int i = 0; i < len; i++) {
            int octet = buf[off + i];
            out[i] = (short) (alaw ? alawToLinear(octet) : ulawToLinear(octet));
        }
        return len;
    }
}
