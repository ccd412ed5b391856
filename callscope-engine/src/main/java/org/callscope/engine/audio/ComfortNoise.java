package org.callscope.engine.audio;

import java.util.SplittableRandom;

/**
 * Comfort noise from an RFC 3389 payload: its first octet is the noise level in -dBov (§3),
 * and 0 dBov is taken as the RMS of a full-scale 16-bit signal (32767). The spectral
 * reflection coefficients that may follow are not used: the noise is white, Gaussian, and drawn
 * from a fixed seed so the same capture always gives the same file.
 */
final class ComfortNoise {
    private static final double FULL_SCALE = Short.MAX_VALUE;
    private static final long SEED = 3389;

    private final SplittableRandom random = new SplittableRandom(SEED);

    /** Noise level of a CN payload in -dBov (0-127), or -1 when the payload is empty. */
    static int level(byte[] buf, int off, int len) {
        return len < 1 ? -1 : buf[off] & 0x7F;
    }

    /** RMS sample value of noise at {@code level} -dBov. */
    static double rms(int level) {
        return FULL_SCALE * Math.pow(10, -level / 20.0);
    }

    /** Writes {@code n} samples of noise at {@code level} -dBov. */
    void fill(int level, short[] out, int n) {
        double rms = rms(level);
        for (int i = 0; i < n; i++) {
            double x = random.nextGaussian() * rms;
            out[i] = (short) Math.clamp(Math.round(x), Short.MIN_VALUE, Short.MAX_VALUE);
        }
    }
}
