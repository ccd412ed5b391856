package org.callscope.engine.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The two output channels (left: caller, right: callee) as a sliding window over the output:
 * streams add their samples at absolute frame positions, overlapping streams of one side are
 * summed and clipped, and frames before the point no stream can still write to are flushed to the
 * WAV file. The window is a ring that holds only the frames between that point and the furthest
 * write, so its size follows packet lengths, not call length.
 */
final class StereoMixer {
    /** Frames encoded per file write. */
    private static final int FLUSH_FRAMES = 8192;
    /**
     * Largest window, 2^22 frames (87 s at 48 kHz, 32 MiB for both channels): a stream can only
     * reach this far ahead of the others through pathological timing, and what lies beyond is dropped.
     */
    static final int MAX_WINDOW_FRAMES = 1 << 22;

    private final WavWriter out;
    private final ByteBuffer bytes = ByteBuffer.allocate(FLUSH_FRAMES * 4).order(ByteOrder.LITTLE_ENDIAN);
    /** Ring buffers indexed by absolute frame modulo their (power of two) length. */
    private int[] left = new int[FLUSH_FRAMES];
    private int[] right = new int[FLUSH_FRAMES];
    /** Everything before this frame is in the file. */
    private long flushed;
    /** One past the furthest frame added to. */
    private long dataEnd;
    /** One past the last frame of the output: {@code dataEnd} or further, see {@link #reach}. */
    private long end;

    StereoMixer(WavWriter out) {
        this.out = out;
    }

    long end() {
        return end;
    }

    /** Adds {@code n} samples to one channel from frame {@code position}; frames already flushed are dropped. */
    void add(boolean leftChannel, long position, short[] samples, int n) {
        int skip = (int) Math.max(0, Math.min(n, flushed - position));
        long needed = position + n - flushed;
        if (needed > left.length) {
            grow(needed);
            n -= (int) Math.max(0, needed - left.length);
        }
        if (n <= skip) {
            return;
        }
        int[] target = leftChannel ? left : right;
        int mask = target.length - 1;
        for (int i = skip; i < n; i++) {
            target[(int) ((position + i) & mask)] += samples[i];
        }
        dataEnd = Math.max(dataEnd, position + n);
        end = Math.max(end, dataEnd);
    }

    /** Makes the output last at least until {@code position}, silent where nothing else is added. */
    void reach(long position) {
        end = Math.max(end, position);
    }

    /** Like {@link #flushBefore} when at least one whole write's worth of frames is ready, else nothing. */
    void flushWhole(long position) throws IOException {
        if (position - flushed >= FLUSH_FRAMES) {
            flushBefore(position);
        }
    }

    /** Writes every frame before {@code position} (silence where nothing was added). */
    void flushBefore(long position) throws IOException {
        int mask = left.length - 1;
        while (flushed < position) {
            int n = (int) Math.min(position - flushed, FLUSH_FRAMES);
            bytes.clear();
            for (int i = 0; i < n; i++) {
                int at = (int) ((flushed + i) & mask);
                bytes.putShort(clip(left[at]));
                bytes.putShort(clip(right[at]));
                left[at] = 0;
                right[at] = 0;
            }
            out.write(bytes.flip());
            flushed += n;
        }
    }

    /** Doubles the ring until it holds {@code frames} from the flushed point, up to the limit. */
    private void grow(long frames) {
        int capacity = left.length;
        while (capacity < frames && capacity < MAX_WINDOW_FRAMES) {
            capacity <<= 1;
        }
        if (capacity == left.length) {
            return;
        }
        int[] newLeft = new int[capacity];
        int[] newRight = new int[capacity];
        int oldMask = left.length - 1;
        int newMask = capacity - 1;
        for (long f = flushed; f < Math.min(dataEnd, flushed + left.length); f++) {
            newLeft[(int) (f & newMask)] = left[(int) (f & oldMask)];
            newRight[(int) (f & newMask)] = right[(int) (f & oldMask)];
        }
        left = newLeft;
        right = newRight;
    }

    private static short clip(int sample) {
        return (short) Math.clamp(sample, Short.MIN_VALUE, Short.MAX_VALUE);
    }
}
