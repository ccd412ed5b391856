package org.callscope.engine.audio;

/**
 * Streaming linear-interpolation resampler for one stream, exact in integer arithmetic: output
 * sample j lies at input position {@code j * inRate / outRate}, interpolated between its two
 * neighbours, one input sample late so a packet never waits for the next one. The integer ratios
 * in use (8 to 16 and 48 kHz, 16 to 48 kHz) give exactly {@code n * outRate / inRate} samples per
 * packet, so consecutive packets join without a seam.
 *
 * <p>Quality: linear interpolation attenuates the images of up-sampling by sinc², about 34 dB for
 * a 1 kHz tone from 8 kHz; enough to listen to a call. Down-sampling (only L16 above 48 kHz)
 * has no anti-aliasing filter.
 */
final class LinearResampler {
    private int inRate;
    private int outRate;
    /** Position of the next output between {@code previous} (0) and the next input ({@code outRate}). */
    private long phase;
    private int previous;
    private boolean primed;

    void configure(int inRate, int outRate) {
        if (inRate != this.inRate || outRate != this.outRate) {
            this.inRate = inRate;
            this.outRate = outRate;
            primed = false;
        }
    }

    /** Starts over: the next input is not joined to the last one. */
    void reset() {
        primed = false;
    }

    /** Largest number of outputs {@code n} inputs can give. */
    static int maxOutput(int n, int inRate, int outRate) {
        return (int) ((long) n * outRate / inRate) + 1;
    }

    /** Resamples {@code n} samples of {@code in} into {@code out}; returns the number written. */
    int process(short[] in, int n, short[] out) {
        int written = 0;
        for (int i = 0; i < n; i++) {
            int current = in[i];
            if (!primed) {
                previous = current;
                phase = inRate;
                primed = true;
            }
            while (phase <= outRate) {
                out[written++] = (short) (previous + (current - previous) * phase / outRate);
                phase += inRate;
            }
            phase -= outRate;
            previous = current;
        }
        return written;
    }
}
