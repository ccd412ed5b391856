package org.callscope.engine.tls.keys.transport;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * A sender's lines that no ACK has covered yet, oldest first, each with a sequence number that
 * never repeats. Bounded: adding to a full buffer drops the oldest line (docs/KEY-TRANSPORT.md).
 * Guarded by the sender's lock.
 */
final class UnackedLines {
    /** One line and its place in the order of all lines given to the sender. */
    record Pending(long seq, String line) {
    }

    private final int capacity;
    private final ArrayDeque<Pending> lines = new ArrayDeque<>();
    private long nextSeq;

    UnackedLines(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Appends {@code line}.
     *
     * @return true when the oldest line had to be dropped to make room
     */
    boolean add(String line) {
        boolean dropped = false;
        if (lines.size() == capacity) {
            lines.removeFirst();
            dropped = true;
        }
        lines.addLast(new Pending(nextSeq++, line));
        return dropped;
    }

    /** Removes every line up to and including sequence number {@code seq}; returns how many. */
    int removeThrough(long seq) {
        int removed = 0;
        while (!lines.isEmpty() && lines.peekFirst().seq() <= seq) {
            lines.removeFirst();
            removed++;
        }
        return removed;
    }

    /** The lines after sequence number {@code seq}, oldest first, at most {@code max}. */
    java.util.List<Pending> after(long seq, int max) {
        java.util.List<Pending> out = new java.util.ArrayList<>();
        if (lines.isEmpty() || lines.peekLast().seq() <= seq) {
            return out;
        }
        Iterator<Pending> it = lines.iterator();
        while (it.hasNext() && out.size() < max) {
            Pending p = it.next();
            if (p.seq() > seq) {
                out.add(p);
            }
        }
        return out;
    }

    int size() {
        return lines.size();
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }
}
