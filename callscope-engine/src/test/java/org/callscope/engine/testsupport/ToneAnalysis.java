package org.callscope.engine.testsupport;

/**
 * Measures test tones in decoded audio: the dominant frequency (Hann-windowed FFT with parabolic
 * interpolation of the peak, accurate to a fraction of a bin), RMS level, and how far a signal is
 * from a pure sine of a given frequency (SNR against the best-fitting sine).
 */
public final class ToneAnalysis {
    /** Longest stretch analysed: 2^20 samples (22 s at 48 kHz). */
    private static final int MAX_FFT = 1 << 20;

    private ToneAnalysis() {
    }

    /** Frequency in Hz with the most energy in {@code samples}; 0 for silence or too few samples. */
    public static double dominantFrequency(short[] samples, int rate) {
        return dominantFrequency(samples, 0, samples.length, rate);
    }

    /** {@link #dominantFrequency(short[], int)} over {@code samples[from, from + n)}. */
    public static double dominantFrequency(short[] samples, int from, int n, int rate) {
        n = Math.min(n, MAX_FFT);
        if (n < 4) {
            return 0;
        }
        int size = Integer.highestOneBit(n - 1) << 1;
        double[] re = new double[size];
        double[] im = new double[size];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += samples[from + i];
        }
        mean /= n;
        for (int i = 0; i < n; i++) {
            double hann = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1));
            re[i] = (samples[from + i] - mean) * hann;
        }
        fft(re, im);
        int peak = 1;
        double best = -1;
        double[] power = new double[size / 2 + 1];
        for (int k = 0; k <= size / 2; k++) {
            power[k] = re[k] * re[k] + im[k] * im[k];
        }
        for (int k = 1; k < size / 2; k++) {
            if (power[k] > best) {
                best = power[k];
                peak = k;
            }
        }
        if (best <= 0) {
            return 0;
        }
        // Parabolic interpolation on log power around the peak bin.
        double a = Math.log(power[peak - 1] + 1e-30);
        double b = Math.log(power[peak] + 1e-30);
        double c = Math.log(power[peak + 1] + 1e-30);
        double denominator = a - 2 * b + c;
        double offset = denominator == 0 ? 0 : 0.5 * (a - c) / denominator;
        return (peak + offset) * rate / size;
    }

    /**
     * Wiener entropy of {@code samples[from, from + n)} (n a power of two): the geometric over the
     * arithmetic mean of the Hann-windowed power spectrum. White noise is near 0.56, a pure tone
     * near 0; speech and music lie far below noise. 1 for silence.
     */
    public static double spectralFlatness(short[] samples, int from, int n) {
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = samples[from + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1)));
        }
        fft(re, im);
        double logSum = 0;
        double sum = 0;
        for (int k = 1; k < n / 2; k++) {
            double p = re[k] * re[k] + im[k] * im[k] + 1e-9;
            logSum += Math.log(p);
            sum += p;
        }
        int bins = n / 2 - 1;
        double arithmetic = sum / bins;
        return arithmetic <= 1e-6 ? 1 : Math.exp(logSum / bins) / arithmetic;
    }

    /** Root mean square of {@code samples[from, from + n)}. */
    public static double rms(short[] samples, int from, int n) {
        double sum = 0;
        for (int i = from; i < from + n; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return n == 0 ? 0 : Math.sqrt(sum / n);
    }

    public static double rms(short[] samples) {
        return rms(samples, 0, samples.length);
    }

    /**
     * Power of the sine of {@code frequency} that best fits {@code samples[from, from + n)} (least
     * squares over amplitude, phase and offset) against the power of what is left, in dB.
     */
    public static double snrDb(short[] samples, int from, int n, int rate, double frequency) {
        double w = 2 * Math.PI * frequency / rate;
        double ss = 0;
        double cc = 0;
        double sc = 0;
        double xs = 0;
        double xc = 0;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += samples[from + i];
        }
        mean /= n;
        for (int i = 0; i < n; i++) {
            double s = Math.sin(w * i);
            double c = Math.cos(w * i);
            double x = samples[from + i] - mean;
            ss += s * s;
            cc += c * c;
            sc += s * c;
            xs += x * s;
            xc += x * c;
        }
        double det = ss * cc - sc * sc;
        double as = (xs * cc - xc * sc) / det;
        double ac = (xc * ss - xs * sc) / det;
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < n; i++) {
            double fit = as * Math.sin(w * i) + ac * Math.cos(w * i);
            double residual = samples[from + i] - mean - fit;
            signal += fit * fit;
            noise += residual * residual;
        }
        return 10 * Math.log10(signal / Math.max(noise, 1e-9));
    }

    /** In-place iterative radix-2 FFT; the length is a power of two. */
    private static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double angle = -2 * Math.PI / len;
            double wRe = Math.cos(angle);
            double wIm = Math.sin(angle);
            for (int i = 0; i < n; i += len) {
                double curRe = 1;
                double curIm = 0;
                for (int k = 0; k < len / 2; k++) {
                    int a = i + k;
                    int b = a + len / 2;
                    double tRe = re[b] * curRe - im[b] * curIm;
                    double tIm = re[b] * curIm + im[b] * curRe;
                    re[b] = re[a] - tRe;
                    im[b] = im[a] - tIm;
                    re[a] += tRe;
                    im[a] += tIm;
                    double nextRe = curRe * wRe - curIm * wIm;
                    curIm = curRe * wIm + curIm * wRe;
                    curRe = nextRe;
                }
            }
        }
    }
}
