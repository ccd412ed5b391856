package org.callscope.engine.audio;

/**
 * L16 (RFC 3551 §4.5.11): 16-bit signed big-endian samples at any clock rate, channels
 * interleaved; more than one channel is mixed down to mono by averaging. Stateless.
 */
final class L16Decoder implements PayloadDecoder {
    private final int sampleRate;
    private final int channels;

    L16Decoder(int sampleRate, int channels) {
        this.sampleRate = sampleRate;
        this.channels = Math.max(1, channels);
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public int maxSamples(int len) {
        return len / (2 * channels);
    }

    @Override
    public int decode(byte[] buf, int off, int len, short[] out) {
        int frameBytes = 2 * channels;
        if (len % frameBytes != 0) {
            return -1;
        }
        int frames = len / frameBytes;
        for (int f = 0, p = off; f < frames; f++) {
            int sum = 0;
            for (int c = 0; c < channels; c++, p += 2) {
                sum += (short) ((buf[p] << 8) | (buf[p + 1] & 0xFF));
            }
            out[f] = (short) (sum / channels);
        }
        return frames;
    }
}
