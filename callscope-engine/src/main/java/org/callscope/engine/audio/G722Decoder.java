package org.callscope.engine.audio;

/**
 * ITU-T G.722 (09/2012) decoder at 64 kbit/s (mode 1, the only mode RTP carries, RFC 3551
 * §4.5.2): sub-band ADPCM of §4 and the receive QMF of §4.4, 16 kHz output. One octet holds
 * I<sub>H</sub> (2 bits, higher band) over I<sub>L</sub> (6 bits, lower band) and yields two
 * samples. The arithmetic is the Recommendation's fixed-point one, block by block (names in
 * comments are the spec's blocks), so the output is bit-exact; overflows saturate as the ITU basic
 * operators do.
 *
 * <p>Owned by one stream; no allocation per octet.
 */
final class G722Decoder implements PayloadDecoder {
    static final int SAMPLE_RATE = 16000;

    /** Table 6/G.722 (INVQBL): the 31 magnitudes of the 6-bit lower-band quantizer, index MIL. */
    private static final int[] QQ6 = {
        0, 17, 54, 91, 130, 170, 211, 254, 300, 347, 396, 447, 501, 558, 618, 682,
        750, 822, 899, 982, 1072, 1170, 1279, 1399, 1535, 1689, 1873, 2088, 2376, 2738, 3101
    };
    /** Table 7/G.722 (INVQAL): magnitudes of the 4-bit quantizer that drives lower-band adaptation. */
    private static final int[] QQ4 = {0, 150, 323, 530, 786, 1121, 1612, 2557};
    /** Table 8/G.722 (LOGSCL): log scale factor multipliers by 4-bit magnitude. */
    private static final int[] WL = {-60, -30, 58, 172, 334, 538, 1198, 3042};
    /** Table 9/G.722 (INVQAH): magnitudes of the 2-bit higher-band quantizer. */
    private static final int[] QQ2 = {0, 202, 926};
    /** Table 10/G.722 (LOGSCH): higher-band log scale factor multipliers. */
    private static final int[] WH = {0, -214, 798};
    /** Table 11/G.722 (SCALEL, SCALEH): 2048 * 2^(i/32), the mantissa of the scale factor. */
    private static final int[] ILB = {
        2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
        2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008
    };
    /** §4.4 and Table 12/G.722: QMF coefficients h0..h23, scaled by 2^13; symmetric. */
    private static final int[] QMF = {
        3, -11, -11, 53, 12, -156, 32, 362, -210, -805, 951, 3876,
        3876, 951, -805, -210, 362, 32, -156, 12, 53, -11, -11, 3
    };

    /** Lower-band 6-bit code to signed QQ6 value times 8 (Table 6: codes 0-3 are unused, read as -QQ6[1]). */
    private static final int[] DQ6_BY_CODE = new int[64];
    /** 4-bit code (upper four bits of I_L) to signed QQ4 value times 8, and to the WL index. */
    private static final int[] DQ4_BY_CODE = new int[16];
    private static final int[] MAGNITUDE4_BY_CODE = new int[16];

    static {
        for (int code = 0; code < 64; code++) {
            int magnitude;
            boolean negative;
            if (code < 4) {
                magnitude = 1;
                negative = true;
            } else if (code < 32) {
                magnitude = 34 - code;
                negative = true;
            } else if (code < 62) {
                magnitude = 62 - code;
                negative = false;
            } else {
                magnitude = 64 - code;
                negative = true;
            }
            DQ6_BY_CODE[code] = negative ? -(QQ6[magnitude] << 3) : QQ6[magnitude] << 3;
        }
        for (int code = 0; code < 16; code++) {
            int magnitude = code == 0 || code == 15 ? 0 : code < 8 ? 8 - code : 15 - code;
            MAGNITUDE4_BY_CODE[code] = magnitude;
            DQ4_BY_CODE[code] = code >= 1 && code <= 7 ? -(QQ4[magnitude] << 3) : QQ4[magnitude] << 3;
        }
    }

    private final Band lower = new Band(32);
    private final Band higher = new Band(8);
    /** Receive QMF delay line: even slots x_d = r_L - r_H, odd slots x_s = r_L + r_H, newest first. */
    private final int[] qmfDelay = new int[24];

    @Override
    public int sampleRate() {
        return SAMPLE_RATE;
    }

    @Override
    public int maxSamples(int len) {
        return 2 * len;
    }

    @Override
    public int decode(byte[] buf, int off, int len, short[] out) {
        int n = 0;
        for (int i = 0; i < len; i++) {
            int octet = buf[off + i] & 0xFF;
            int rl = decodeLowerBand(octet & 0x3F);
            int rh = decodeHigherBand(octet >>> 6);
            receiveQmf(rl, rh, out, n);
            n += 2;
        }
        return n;
    }

    /** Lower sub-band ADPCM decoder (§6.2.1): 6-bit I_L to the reconstructed r_L. */
    int decodeLowerBand(int il) {
        Band b = lower;
        int dl = mult(b.det, DQ6_BY_CODE[il]);                         // INVQBL
        int yl = limit(add(b.s, dl));                                  // RECONS, LIMIT
        int code4 = il >>> 2;
        int dlt = mult(b.det, DQ4_BY_CODE[code4]);                     // INVQAL
        int nb = add(mult(b.nb, 32512), WL[MAGNITUDE4_BY_CODE[code4]]); // LOGSCL
        b.nb = Math.clamp(nb, 0, 18432);
        b.det = scale(b.nb, 8);                                        // SCALEL
        b.adapt(dlt);
        return yl;
    }

    /** Higher sub-band ADPCM decoder (§6.2.2): 2-bit I_H to the reconstructed r_H. */
    int decodeHigherBand(int ih) {
        Band b = higher;
        int magnitude = (ih & 1) != 0 ? 1 : 2;
        int dh = mult(b.det, ih < 2 ? -(QQ2[magnitude] << 3) : QQ2[magnitude] << 3); // INVQAH
        int nb = add(mult(b.nb, 32512), WH[magnitude]);                // LOGSCH
        b.nb = Math.clamp(nb, 0, 22528);
        b.det = scale(b.nb, 10);                                       // SCALEH
        b.adapt(dh);
        return limit(b.r0);
    }

    /** Receive QMF (§4.4): two 16 kHz samples from one pair of sub-band samples. */
    private void receiveQmf(int rl, int rh, short[] out, int at) {
        System.arraycopy(qmfDelay, 0, qmfDelay, 2, 22);
        qmfDelay[0] = sub(rl, rh);
        qmfDelay[1] = add(rl, rh);
        long even = 0;
        long odd = 0;
        for (int i = 0; i < 24; i += 2) {
            even = sat32(even + (long) qmfDelay[i] * (QMF[i] << 1));
            odd = sat32(odd + (long) qmfDelay[i + 1] * (QMF[i + 1] << 1));
        }
        out[at] = (short) (sat32(even << 4) >> 16);
        out[at + 1] = (short) (sat32(odd << 4) >> 16);
    }

    /** SCALEL / SCALEH: scale factor from the log scale factor; {@code bias} is 8 low, 10 high. */
    private static int scale(int nb, int bias) {
        int mantissa = ILB[(nb >> 6) & 31];
        int shift = bias - (nb >> 11);
        int wd = shift >= 0 ? mantissa >> shift : mantissa << -shift;
        return wd << 2;
    }

    /**
     * State of one band's adaptive predictor: two poles, six zeros (blocks PARREC, RECONS,
     * UPZERO, UPPOL2, UPPOL1, FILTEZ, FILTEP, PREDIC, identical for both bands).
     */
    private static final class Band {
        int det;
        int nb;
        /** Predicted signal s, its pole and zero parts. */
        int s;
        int sp;
        int sz;
        int a1;
        int a2;
        final int[] b = new int[7];
        /** Quantized differences d(n-0..6). */
        final int[] d = new int[7];
        /** Partially reconstructed p(n-0..2) and reconstructed r(n-0..2). */
        int p0;
        int p1;
        int p2;
        int r0;
        int r1;
        int r2;

        Band(int initialDet) {
            det = initialDet;
        }

        void adapt(int dq) {
            d[0] = dq;
            p0 = add(dq, sz);                                          // PARREC
            r0 = add(s, dq);                                           // RECONS
            updateZeros();                                             // UPZERO
            updateSecondPole();                                        // UPPOL2
            updateFirstPole();                                         // UPPOL1
            int zeros = 0;                                             // FILTEZ
            for (int i = 6; i > 0; i--) {
                zeros = add(zeros, mult(add(d[i], d[i]), b[i]));
            }
            sz = zeros;
            r2 = r1;                                                   // FILTEP
            r1 = r0;
            sp = add(mult(a1, add(r1, r1)), mult(a2, add(r2, r2)));
            s = add(sp, sz);                                           // PREDIC
        }

        private void updateZeros() {
            int step = d[0] == 0 ? 0 : 128;
            int sign0 = d[0] >> 31;
            for (int i = 6; i > 0; i--) {
                int leak = mult(b[i], 32640);
                b[i] = add((d[i] >> 31) == sign0 ? step : -step, leak);
                d[i] = d[i - 1];
            }
        }

        private void updateSecondPole() {
            int sign0 = p0 >> 31;
            int wd1 = shl2(a1);
            int wd2 = (sign0 == p1 >> 31 ? negate(wd1) : wd1) >> 7;
            int wd3 = sign0 == p2 >> 31 ? 128 : -128;
            a2 = Math.clamp(add(add(wd2, wd3), mult(a2, 32512)), -12288, 12288);
        }

        private void updateFirstPole() {
            int wd1 = (p0 >> 31) == (p1 >> 31) ? 192 : -192;
            int apl1 = add(wd1, mult(a1, 32640));
            int limit = sub(15360, a2);
            if (apl1 > limit) {
                apl1 = limit;
            } else if (apl1 < -limit) {
                apl1 = -limit;
            }
            p2 = p1;
            p1 = p0;
            a1 = apl1;
        }
    }

    // ITU-T basic operators (G.191) on 16-bit words, saturating.

    private static int sat16(int x) {
        return Math.clamp(x, Short.MIN_VALUE, Short.MAX_VALUE);
    }

    private static long sat32(long x) {
        return Math.clamp(x, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    private static int add(int a, int b) {
        return sat16(a + b);
    }

    private static int sub(int a, int b) {
        return sat16(a - b);
    }

    private static int negate(int a) {
        return sat16(-a);
    }

    private static int mult(int a, int b) {
        return sat16((a * b) >> 15);
    }

    private static int shl2(int a) {
        return sat16(a << 2);
    }

    /** LIMIT: the 15-bit range of sub-band signals. */
    private static int limit(int x) {
        return Math.clamp(x, -16384, 16383);
    }
}
