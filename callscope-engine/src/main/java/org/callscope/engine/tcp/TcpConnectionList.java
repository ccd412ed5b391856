package org.callscope.engine.tcp;

/**
 * Connections in order of last activity, oldest first, linked through their own fields so that
 * touching a connection allocates nothing. Each list has one idle timeout, so expiry only looks
 * at the head.
 */
final class TcpConnectionList {
    private TcpConnection head;
    private TcpConnection tail;

    TcpConnection oldest() {
        return head;
    }

    void addLast(TcpConnection c) {
        c.list = this;
        c.prev = tail;
        c.next = null;
        if (tail == null) {
            head = c;
        } else {
            tail.next = c;
        }
        tail = c;
    }

    void remove(TcpConnection c) {
        if (c.prev == null) {
            head = c.next;
        } else {
            c.prev.next = c.next;
        }
        if (c.next == null) {
            tail = c.prev;
        } else {
            c.next.prev = c.prev;
        }
        c.prev = null;
        c.next = null;
        c.list = null;
    }

    /** Moves {@code c} (in this or another list) to the newest end of this one. */
    void touch(TcpConnection c) {
        if (c.list == this && tail == c) {
            return;
        }
        if (c.list != null) {
            c.list.remove(c);
        }
        addLast(c);
    }
}
