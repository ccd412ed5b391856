package org.callscope.engine.tcp;

import org.callscope.engine.decode.DecodedPacket;

/**
 * Open-addressing hash table (linear probing, backward-shift deletion) of connections keyed by
 * their 4-tuple in either direction. Lookups hash the packet's own fields, so finding a
 * connection allocates nothing; the slot array doubles as the table fills.
 */
final class TcpConnectionTable {
    private static final int INITIAL_CAPACITY = 1024;

    private TcpConnection[] slots = new TcpConnection[INITIAL_CAPACITY];
    private int size;

    int size() {
        return size;
    }

    /** The connection this packet belongs to, or null. */
    TcpConnection find(DecodedPacket p, int hash) {
        int mask = slots.length - 1;
        for (int i = hash & mask; slots[i] != null; i = (i + 1) & mask) {
            TcpConnection c = slots[i];
            if (c.hash == hash && c.side(p) >= 0) {
                return c;
            }
        }
        return null;
    }

    void add(TcpConnection c) {
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        place(slots, c);
        size++;
    }

    void remove(TcpConnection c) {
        int mask = slots.length - 1;
        int i = c.hash & mask;
        while (slots[i] != c) {
            if (slots[i] == null) {
                return;
            }
            i = (i + 1) & mask;
        }
        slots[i] = null;
        size--;
        // Backward-shift deletion: pull later entries of the probe run into the hole.
        for (int j = (i + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            int home = slots[j].hash & mask;
            boolean homeInRange = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (!homeInRange) {
                slots[i] = slots[j];
                slots[j] = null;
                i = j;
            }
        }
    }

    void clear() {
        java.util.Arrays.fill(slots, null);
        size = 0;
    }

    private void grow() {
        TcpConnection[] bigger = new TcpConnection[slots.length * 2];
        for (TcpConnection c : slots) {
            if (c != null) {
                place(bigger, c);
            }
        }
        slots = bigger;
    }

    private static void place(TcpConnection[] table, TcpConnection c) {
        int mask = table.length - 1;
        int i = c.hash & mask;
        while (table[i] != null) {
            i = (i + 1) & mask;
        }
        table[i] = c;
    }
}
