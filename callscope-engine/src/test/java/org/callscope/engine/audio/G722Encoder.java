package org.callscope.engine.audio;

/**
 * ITU-T G.722 encoder at 64 kbit/s, written for tests from the Recommendation's encoder blocks
 * (transmit QMF, QUANTL, QUANTH and the shared adaptation), separately from {@link G722Decoder}
 * so that a mistake in one does not hide in the other. Input 16 kHz 16-bit samples, one octet per
 * two samples.
 */
final class G722Encoder {
    /** Table 6/G.722 decision levels of the 6-bit lower-band quantizer, index MIL. */
    private static final int[] Q6 = {
        0, 35, 72, 110, 150, 190, 233, 276, 323, 370, 422, 473, 530, 587, 650, 714,
        786, 858, 940, 1023, 1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919, 3200
    };
    private static final int[] QQ4 = {0, 150, 323, 530, 786, 1121, 1612, 2557};
    private static final int[] WL = {-60, -30, 58, 172, 334, 538, 1198, 3042};
    private static final int[] QQ2 = {0, 202, 926};
    private static final int[] WH = {0, -214, 798};
    /** Table 9/G.722 decision level of the higher-band quantizer. */
    private static final int Q2 = 564;
    private static final int[] ILB = {
        2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
        2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008
    };
    private static final int[] H = {
        3, -11, -11, 53, 12, -156, 32, 362, -210, -805, 951, 3876,
        3876, 951, -805, -210, 362, 32, -156, 12, 53, -11, -11, 3
    };

    private final State low = new State(32);
    private final State high = new State(8);
    private final int[] x = new int[24];

    /** Encodes {@code n} (even) samples into {@code n / 2} octets. */
    byte[] encode(short[] samples, int n) {
        byte[] out = new byte[n / 2];
        for (int i = 0; i + 1 < n; i += 2) {
            System.arraycopy(x, 0, x, 2, 22);
            x[1] = samples[i];
            x[0] = samples[i + 1];
            long a = 0;
            long b = 0;
            for (int k = 0; k < 24; k += 2) {
                a = sat32(a + (long) x[k] * (2 * H[k]));
                b = sat32(b + (long) x[k + 1] * (2 * H[k + 1]));
            }
            int xl = limit((int) (sat32(2 * sat32(a + b)) >> 16));
            int xh = limit((int) (sat32(2 * sat32(a - b)) >> 16));
            out[i / 2] = (byte) (encodeHigh(xh) << 6 | encodeLow(xl));
        }
        return out;
    }

    /** Lower band: QUANTL of the prediction error, then the decoder half of the ADPCM loop. */
    int encodeLow(int xl) {
        State s = low;
        int el = sat(xl - s.s);
        int wd = el >= 0 ? el : 32767 - (el & 0x7FFF);
        int mil = 1;
        while (mil < 30 && mul(Q6[mil] << 3, s.det) <= wd) {
            mil++;
        }
        int il = el >= 0 ? 62 - mil : mil == 1 ? 63 : mil == 2 ? 62 : 34 - mil;
        int ril = il >> 2;
        int magnitude = ril == 0 || ril == 15 ? 0 : ril < 8 ? 8 - ril : 15 - ril;
        int dq = mul(s.det, (ril >= 1 && ril <= 7 ? -1 : 1) * (QQ4[magnitude] << 3));
        s.nb = Math.clamp(sat(mul(s.nb, 32512) + WL[magnitude]), 0, 18432);
        s.det = det(s.nb, 8);
        s.update(dq);
        return il;
    }

    /** Higher band: QUANTH, then the same loop. */
    int encodeHigh(int xh) {
        State s = high;
        int eh = sat(xh - s.s);
        int wd = eh >= 0 ? eh : 32767 - (eh & 0x7FFF);
        boolean outer = wd >= mul(Q2 << 3, s.det);
        int ih = eh >= 0 ? (outer ? 2 : 3) : (outer ? 0 : 1);
        int magnitude = outer ? 2 : 1;
        int dq = mul(s.det, (eh >= 0 ? 1 : -1) * (QQ2[magnitude] << 3));
        s.nb = Math.clamp(sat(mul(s.nb, 32512) + WH[magnitude]), 0, 22528);
        s.det = det(s.nb, 10);
        s.update(dq);
        return ih;
    }

    private static int det(int nb, int bias) {
        int shift = bias - (nb >> 11);
        int m = ILB[(nb >> 6) & 31];
        return (shift >= 0 ? m >> shift : m << -shift) << 2;
    }

    private static final class State {
        int det;
        int nb;
        int s;
        int sz;
        int a1;
        int a2;
        final int[] b = new int[7];
        final int[] d = new int[7];
        final int[] p = new int[3];
        final int[] r = new int[3];

        State(int det) {
            this.det = det;
        }

        void update(int dq) {
            d[0] = dq;
            p[0] = sat(dq + sz);
            r[0] = sat(s + dq);
            int gain = dq == 0 ? 0 : 128;
            for (int i = 6; i > 0; i--) {
                b[i] = sat((Integer.signum(d[i]) < 0) == (dq < 0) ? gain + mul(b[i], 32640) : -gain + mul(b[i], 32640));
                d[i] = d[i - 1];
            }
            boolean n0 = p[0] < 0;
            int twiceA1 = sat(a1 * 4);
            int poleTerm = (n0 == (p[1] < 0) ? sat(-twiceA1) : twiceA1) >> 7;
            a2 = Math.clamp(sat(sat(poleTerm + (n0 == (p[2] < 0) ? 128 : -128)) + mul(a2, 32512)), -12288, 12288);
            int bound = sat(15360 - a2);
            a1 = Math.clamp(sat((n0 == (p[1] < 0) ? 192 : -192) + mul(a1, 32640)), -bound, bound);
            p[2] = p[1];
            p[1] = p[0];
            int z = 0;
            for (int i = 6; i > 0; i--) {
                z = sat(z + mul(sat(2 * d[i]), b[i]));
            }
            sz = z;
            r[2] = r[1];
            r[1] = r[0];
            s = sat(sat(mul(a1, sat(2 * r[1])) + mul(a2, sat(2 * r[2]))) + sz);
        }
    }

    private static int sat(int v) {
        return Math.clamp(v, -32768, 32767);
    }

    private static long sat32(long v) {
        return Math.clamp(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    private static int mul(int a, int b) {
        return sat((a * b) >> 15);
    }

    private static int limit(int v) {
        return Math.clamp(v, -16384, 16383);
    }
}
