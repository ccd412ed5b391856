package org.callscope.engine.tcp;

import java.util.Arrays;

/**
 * Out-of-order segments of one direction waiting for the hole before them to be filled: sorted,
 * never overlapping (where a new segment overlaps held bytes the held bytes win: "keep first").
 *
 * <p>Positions are 32-bit sequence numbers compared relative to the caller's next expected
 * sequence number, so wrap-around at 2^32 needs no special case. Allocates one copy per held
 * piece (out-of-order data is the exception); the caller bounds {@link #bytes()}.
 */
final class TcpSegmentBuffer {
    private static final int INITIAL_CAPACITY = 4;

    private long[] seqs = new long[INITIAL_CAPACITY];
    private byte[][] datas = new byte[INITIAL_CAPACITY][];
    private long[] timestamps = new long[INITIAL_CAPACITY];
    private Object[] tags = new Object[INITIAL_CAPACITY];
    private int count;
    private long bytes;

    int count() {
        return count;
    }

    long bytes() {
        return bytes;
    }

    long firstSeq() {
        return seqs[0];
    }

    byte[] firstData() {
        return datas[0];
    }

    long firstTsNanos() {
        return timestamps[0];
    }

    Object firstTag() {
        return tags[0];
    }

    void removeFirst() {
        bytes -= datas[0].length;
        count--;
        System.arraycopy(seqs, 1, seqs, 0, count);
        System.arraycopy(datas, 1, datas, 0, count);
        System.arraycopy(timestamps, 1, timestamps, 0, count);
        System.arraycopy(tags, 1, tags, 0, count);
        datas[count] = null;
        tags[count] = null;
    }

    void clear() {
        Arrays.fill(datas, 0, count, null);
        Arrays.fill(tags, 0, count, null);
        count = 0;
        bytes = 0;
    }

    /**
     * Holds {@code buf[off, off+len)} starting at {@code seq}, which lies after {@code base} (the
     * next expected sequence number). Only bytes not already held are added.
     *
     * @return true when some overlapping bytes differed from the ones already held
     */
    boolean insert(long base, long seq, byte[] buf, int off, int len, long tsNanos) {
        return insert(base, seq, buf, off, len, tsNanos, null);
    }

    /** As {@link #insert(long, long, byte[], int, int, long)}, remembering {@code tag} with the held bytes. */
    boolean insert(long base, long seq, byte[] buf, int off, int len, long tsNanos, Object tag) {
        int start = rel(seq, base);
        int end = start + len;
        int cursor = start;
        int i = 0;
        boolean mismatch = false;
        while (cursor < end) {
            while (i < count && rel(seqs[i], base) + datas[i].length <= cursor) {
                i++;
            }
            if (i == count || rel(seqs[i], base) >= end) {
                insertAt(i, base, cursor, buf, off + (cursor - start), end - cursor, tsNanos, tag);
                break;
            }
            int heldStart = rel(seqs[i], base);
            if (heldStart > cursor) {
                insertAt(i, base, cursor, buf, off + (cursor - start), heldStart - cursor, tsNanos, tag);
                i++;
                cursor = heldStart;
                continue;
            }
            int overlapEnd = Math.min(heldStart + datas[i].length, end);
            if (!Arrays.equals(buf, off + (cursor - start), off + (overlapEnd - start),
                    datas[i], cursor - heldStart, overlapEnd - heldStart)) {
                mismatch = true;
            }
            cursor = overlapEnd;
            i++;
        }
        return mismatch;
    }

    private void insertAt(int i, long base, int relStart, byte[] buf, int off, int len, long tsNanos, Object tag) {
        if (count == seqs.length) {
            int capacity = count * 2;
            seqs = Arrays.copyOf(seqs, capacity);
            datas = Arrays.copyOf(datas, capacity);
            timestamps = Arrays.copyOf(timestamps, capacity);
            tags = Arrays.copyOf(tags, capacity);
        }
        System.arraycopy(seqs, i, seqs, i + 1, count - i);
        System.arraycopy(datas, i, datas, i + 1, count - i);
        System.arraycopy(timestamps, i, timestamps, i + 1, count - i);
        System.arraycopy(tags, i, tags, i + 1, count - i);
        tags[i] = tag;
        seqs[i] = (base + relStart) & TcpHalfStream.SEQ_MASK;
        datas[i] = Arrays.copyOfRange(buf, off, off + len);
        timestamps[i] = tsNanos;
        count++;
        bytes += len;
    }

    /** Signed distance from {@code base} to {@code seq} in 32-bit sequence space (RFC 9293 §3.4). */
    static int rel(long seq, long base) {
        return (int) (seq - base);
    }
}
