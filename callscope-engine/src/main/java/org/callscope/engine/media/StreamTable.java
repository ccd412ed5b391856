package org.callscope.engine.media;

import org.callscope.engine.decode.DecodedPacket;

/**
 * Live RTP streams keyed by (source, destination, SSRC) folded into one 64-bit hash: open
 * addressing with linear probing over a primitive hash array and a parallel stream array, so a
 * probe that misses never touches a stream object. Streams whose hashes collide simply occupy
 * neighbouring slots; a lookup confirms the full tuple. Removal shifts later entries back (no
 * tombstones). Allocation-free on lookup; allocates only when the table grows. Owned by one
 * media thread.
 */
final class StreamTable {
    /** At most half full, so a probe sequence is short (expected ~1.5 slots on a hit). */
    private static final float LOAD = 0.5f;
    private static final int INITIAL_CAPACITY = 2048;

    private long[] hashes;
    private MediaStream[] slots;
    private int mask;
    private int size;

    StreamTable() {
        hashes = new long[INITIAL_CAPACITY];
        slots = new MediaStream[INITIAL_CAPACITY];
        mask = INITIAL_CAPACITY - 1;
    }

    static long hash(long srcKey, long dstKey, long ssrc) {
        long h = srcKey * 0x9E3779B97F4A7C15L;
        h = (h ^ (h >>> 29) ^ dstKey) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 31) ^ ssrc) * 0x94D049BB133111EBL;
        return h ^ (h >>> 32);
    }

    /** The stream of this packet's tuple, or null. {@code hash} is {@link #hash} of the keys. */
    MediaStream find(long hash, long srcKey, long dstKey, long ssrc, DecodedPacket p) {
        long[] h = hashes;
        MediaStream[] v = slots;
        int m = mask;
        int i = (int) hash & m;
        MediaStream s;
        while ((s = v[i]) != null) {
            if (h[i] == hash && s.matches(srcKey, dstKey, ssrc, p)) {
                return s;
            }
            i = (i + 1) & m;
        }
        return null;
    }

    void add(long hash, MediaStream stream) {
        insert(hash, stream);
        if (++size > slots.length * LOAD) {
            grow();
        }
    }

    void remove(long hash, MediaStream stream) {
        int i = (int) hash & mask;
        MediaStream s;
        while ((s = slots[i]) != null) {
            if (s == stream) {
                shiftBack(i);
                size--;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    int size() {
        return size;
    }

    private void insert(long hash, MediaStream stream) {
        int i = (int) hash & mask;
        while (slots[i] != null) {
            i = (i + 1) & mask;
        }
        hashes[i] = hash;
        slots[i] = stream;
    }

    private void shiftBack(int hole) {
        int i = hole;
        while (true) {
            i = (i + 1) & mask;
            if (slots[i] == null) {
                break;
            }
            int home = (int) hashes[i] & mask;
            // Move the entry back if the hole lies cyclically between its home slot and its slot.
            if (((i - home) & mask) >= ((i - hole) & mask)) {
                hashes[hole] = hashes[i];
                slots[hole] = slots[i];
                hole = i;
            }
        }
        slots[hole] = null;
    }

    private void grow() {
        long[] oldHashes = hashes;
        MediaStream[] oldSlots = slots;
        hashes = new long[oldHashes.length * 2];
        slots = new MediaStream[oldSlots.length * 2];
        mask = slots.length - 1;
        for (int i = 0; i < oldSlots.length; i++) {
            if (oldSlots[i] != null) {
                insert(oldHashes[i], oldSlots[i]);
            }
        }
    }
}
