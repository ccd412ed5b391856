package org.callscope.engine.defrag;

import java.util.Arrays;

/**
 * One datagram under reassembly: the bytes received so far and which 8-byte blocks they cover.
 * Fragment offsets count 8-byte units (RFC 791 §3.1, RFC 8200 §4.5), so a bitmap of blocks is an
 * exact record of coverage. Linked oldest-to-newest for eviction and expiry without iterators.
 */
final class PartialDatagram {
    static final int BLOCK = 8;
    /** Bitmap words for every block of the largest payload either IP version allows. */
    private static final int BITMAP_WORDS = (IpDefragmenter.MAX_IPV6_PAYLOAD / BLOCK + 64) / 64;
    /** Bookkeeping charged to the byte budget besides the data array (bitmap, object headers). */
    static final int OVERHEAD_BYTES = BITMAP_WORDS * 8 + 128;
    private static final int INITIAL_CAPACITY = 2048;

    /** Outcome of {@link #add}. */
    static final int ADDED = 0;
    static final int ADDED_WITH_OVERLAP = 1;
    static final int DUPLICATE = 2;
    static final int INCONSISTENT = 3;

    final FragmentKey key;
    final long firstSeenNanos;
    PartialDatagram older;
    PartialDatagram newer;

    byte[] data = new byte[0];
    private final long[] covered = new long[BITMAP_WORDS];
    private int coveredBlocks;
    /** Payload length, known once the fragment without "more fragments" arrived; -1 before. */
    int totalLength = -1;
    private int highestEnd;
    /** Protocol / next header of the reassembled payload; -1 until the first fragment arrived (IPv6). */
    int protocol;

    PartialDatagram(FragmentKey key, long firstSeenNanos, int protocol) {
        this.key = key;
        this.firstSeenNanos = firstSeenNanos;
        this.protocol = protocol;
    }

    int footprint() {
        return data.length + OVERHEAD_BYTES;
    }

    boolean complete() {
        return totalLength >= 0 && coveredBlocks == (totalLength + BLOCK - 1) / BLOCK;
    }

    /**
     * Stores the fragment {@code [offset, offset + length)}. Bytes already held win over new ones,
     * as in most stacks (first fragment wins), so a later overlap cannot rewrite what a previous
     * fragment delivered. Caller has checked alignment and the size limit.
     */
    int add(int offset, boolean more, byte[] buf, int off, int length) {
        int end = offset + length;
        if (!more) {
            if ((totalLength >= 0 && totalLength != end) || highestEnd > end) {
                return INCONSISTENT;
            }
            totalLength = end;
        } else if (totalLength >= 0 && end > totalLength) {
            return INCONSISTENT;
        }
        ensureCapacity(end);
        boolean sawOld = false;
        boolean sawNew = false;
        boolean differs = false;
        for (int block = offset / BLOCK; block * BLOCK < end; block++) {
            int from = block * BLOCK;
            int to = Math.min(from + BLOCK, end);
            int src = off + (from - offset);
            long bit = 1L << (block & 63);
            if ((covered[block >>> 6] & bit) != 0) {
                sawOld = true;
                if (!differs && !Arrays.equals(data, from, to, buf, src, src + (to - from))) {
                    differs = true;
                }
            } else {
                System.arraycopy(buf, src, data, from, to - from);
                covered[block >>> 6] |= bit;
                coveredBlocks++;
                sawNew = true;
            }
        }
        highestEnd = Math.max(highestEnd, end);
        if (!sawOld) {
            return ADDED;
        }
        // An identical retransmission (or a frame seen twice on a SPAN port) is not an overlap.
        return sawNew || differs ? ADDED_WITH_OVERLAP : DUPLICATE;
    }

    private void ensureCapacity(int end) {
        if (data.length >= end) {
            return;
        }
        int capacity = Math.max(end, Math.max(INITIAL_CAPACITY, data.length * 2));
        capacity = Math.min(capacity, Math.max(end, IpDefragmenter.MAX_IPV6_PAYLOAD));
        data = Arrays.copyOf(data, capacity);
    }
}
