package org.callscope.engine.audio;

/**
 * ITU-T G.711 compression written from the Recommendation's segment tables, independently of
 * {@link G711Decoder}, so the two can check each other. Input is a 16-bit sample.
 */
final class G711Encoder {
    /** G.711 §3.2: µ-law clips at 8158 in 14-bit units; 32635 + bias stays in segment 7. */
    private static final int MU_LAW_CLIP = 32635;
    private static final int MU_LAW_BIAS = 0x84;

    private G711Encoder() {
    }

    static int linearToUlaw(int sample) {
        int sign = sample < 0 ? 0x80 : 0;
        int biased = Math.min(Math.abs(sample), MU_LAW_CLIP) + MU_LAW_BIAS;
        int segment = 31 - Integer.numberOfLeadingZeros(biased) - 7;
        int step = (biased >> (segment + 3)) & 0x0F;
        return ~(sign | segment << 4 | step) & 0xFF;
    }

    static int linearToAlaw(int sample) {
        boolean positive = sample >= 0;
        // 13-bit magnitude; negative values are shifted by one so that -1 lands with +0.
        int magnitude = Math.min((positive ? sample : -sample - 1) >> 3, 4095);
        int segment = magnitude < 32 ? 0 : 31 - Integer.numberOfLeadingZeros(magnitude) - 4;
        int step = segment == 0 ? magnitude >> 1 : (magnitude >> segment) & 0x0F;
        return ((positive ? 0x80 : 0) | segment << 4 | step) ^ 0x55;
    }
}
