package org.callscope.engine.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The two output channels (left: caller, right: callee) as a sliding window over the output:
 * streams add their samples at absolute frame positions, overlapping streams of one side are
 * summed and clipped, and frames before the point no stream can still write to are flushed to the
 * WAV file. The window holds only the frames between that point and the furthest write, so its
 * size follows packet lengths, not call length.
 */
final class StereoMixer {
    /** Frames encoded per file write. */
    private static final int FLUSH_FRAMES = 8192;

    private final WavWriter out;
    private final ByteBuffer bytes = ByteBuffer.allocate(FLUSH_FRAMES * 4).order(ByteOrder.LITTLE_ENDIAN);
    private int[] left = new int[FLUSH_FRAMES];
    private int[] right = new int[FLUSH_FRAMES];
    /** Absolute frame of window index 0: everything before it is in the file. */
    private long flushed;
    /** One past the furthest frame written. */
    private long end;

    StereoMixer(WavWriter out) {
        this.out = out;
    }

    long flushed() {
        return flushed;
    }

    long end() {
        return end;
    }

    /** Adds {@code n} samples to one channel from frame {@code position}; frames already flushed are dropped. */
    void add(boolean leftChannel, long position, short[] samples, int n) {
        int skip = (int) Math.max(0, Math.min(n, flushed - position));
        if (skip == n) {
            return;
        }
        long from = position + skip;
        long needed = from + (n - skip) - flushed;
        if (needed > left.length) {
            int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * left.length));
            left = Arrays.copyOf(left, capacity);
            right = Arrays.copyOf(right, capacity);
        }
        int[] target = leftChannel ? left : right;
        int at = (int) (from - flushed);
        for (int i = skip; i < n; i++) {
            target[at++] += samples[i];
        }
        end = Math.max(end, position + n);
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
        while (flushed < position) {
            int n = (int) Math.min(Math.min(position - flushed, FLUSH_FRAMES), left.length);
            bytes.clear();
            if (flushed >= end) {
                // Nothing added this far: the window is all zeros, no need to slide it.
                Arrays.fill(bytes.array(), 0, n * 4, (byte) 0);
                bytes.position(n * 4);
                out.write(bytes.flip());
                flushed += n;
                continue;
            }
            for (int i = 0; i < n; i++) {
                bytes.putShort(clip(left[i]));
                bytes.putShort(clip(right[i]));
            }
            out.write(bytes.flip());
            System.arraycopy(left, n, left, 0, left.length - n);
            System.arraycopy(right, n, right, 0, right.length - n);
            Arrays.fill(left, left.length - n, left.length, 0);
            Arrays.fill(right, right.length - n, right.length, 0);
            flushed += n;
        }
    }

    private static short clip(int sample) {
        return (short) Math.clamp(sample, Short.MIN_VALUE, Short.MAX_VALUE);
    }
}
