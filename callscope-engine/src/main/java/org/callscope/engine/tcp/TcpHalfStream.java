package org.callscope.engine.tcp;

import static org.callscope.engine.tcp.TcpSegmentBuffer.rel;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;

/**
 * Sequence state of one direction: where the next in-order byte is, what waits behind a hole,
 * and when the hole is given up as a gap. Owned by its {@link TcpConnection}.
 *
 * <p>A hole is given up (reported with {@link TcpStreamHandler#onGap}) when the peer's ACK has
 * passed it (the receiver got the bytes, so only the capture lost them), when the out-of-order
 * buffer is full, or when the stream is closed by RST, timeout, eviction or end of input. A FIN
 * alone does not give up a hole: the sender still retransmits, and the peer's ACK of the FIN
 * settles it.
 */
final class TcpHalfStream {
    static final long SEQ_MASK = 0xffffffffL;
    /**
     * Largest window with window scaling, RFC 7323 §2.3 (2^30): data or ACKs further from the next
     * expected byte than this cannot belong to this stream and are not acted on.
     */
    static final int MAX_WINDOW = 1 << 30;

    final TcpDirection direction;
    private final AnomalyCounters anomalies;
    private final int maxBufferedBytes;
    private final TcpSegmentBuffer pending = new TcpSegmentBuffer();

    private TcpStreamHandler handler;
    private boolean opened;
    private boolean started;
    private long nextSeq;
    private boolean finSeen;
    private long finSeq;
    private boolean peerAckSeen;
    private long peerAck;
    private boolean closed;

    TcpHalfStream(TcpDirection direction, AnomalyCounters anomalies, int maxBufferedBytes) {
        this.direction = direction;
        this.anomalies = anomalies;
        this.maxBufferedBytes = maxBufferedBytes;
    }

    /** True once the factory was asked for a handler (whatever it answered). */
    boolean opened() {
        return opened;
    }

    /** True when a handler exists and has not been closed yet. */
    boolean active() {
        return handler != null && !closed;
    }

    /** The SYN's sequence number is the ISN; data starts one later (RFC 9293 §3.4). */
    void onSyn(long seq) {
        if (!started) {
            nextSeq = (seq + 1) & SEQ_MASK;
            started = true;
        }
    }

    /** Takes the factory's answer; without a SYN the stream starts at this first data byte. */
    void open(TcpStreamHandler streamHandler, long firstDataSeq) {
        opened = true;
        handler = streamHandler;
        if (!started) {
            nextSeq = firstDataSeq;
            started = true;
        }
    }

    void onData(long seq, byte[] buf, int off, int len, long tsNanos) {
        if (!active()) {
            return;
        }
        for (;;) {
            int ahead = rel(seq, nextSeq);
            if (ahead < 0) {
                if (len <= -ahead) {
                    return; // retransmission of bytes already delivered
                }
                off -= ahead;
                len += ahead;
                seq = nextSeq;
                ahead = 0;
            }
            if (ahead == 0) {
                deliverInOrder(buf, off, len, tsNanos);
                break;
            }
            if (ahead > MAX_WINDOW) {
                anomalies.count(Anomaly.TCP_OUT_OF_WINDOW);
                return;
            }
            if (pending.bytes() + len <= maxBufferedBytes) {
                if (pending.insert(nextSeq, seq, buf, off, len, tsNanos, handler.tagForHeldSegment())) {
                    anomalies.count(Anomaly.TCP_OVERLAP_MISMATCH);
                }
                break;
            }
            anomalies.count(Anomaly.TCP_BUFFER_FULL);
            if (pending.count() == 0) {
                // This segment alone exceeds the buffer: give up the hole before it.
                gap(ahead, tsNanos);
                continue;
            }
            while (pending.count() > 0 && pending.bytes() + len > maxBufferedBytes) {
                skipToFirstPending(tsNanos);
            }
        }
        gapAckedHoles(tsNanos);
        closeIfComplete(tsNanos);
    }

    /** The peer acknowledged everything before {@code ack} in this direction. */
    void onPeerAck(long ack, long tsNanos) {
        if (!peerAckSeen || rel(ack, peerAck) > 0) {
            peerAck = ack;
            peerAckSeen = true;
        }
        if (active() && started) {
            gapAckedHoles(tsNanos);
            if (pending.count() == 0 && finSeen && ackPassed(finSeq)) {
                // The FIN was acknowledged, so any bytes before it that we lack were lost in capture.
                int missing = rel(finSeq, nextSeq);
                if (missing > 0) {
                    gap(missing, tsNanos);
                }
            }
            closeIfComplete(tsNanos);
        }
    }

    /** A FIN at {@code seq} (after this segment's data): the stream ends there. */
    void onFin(long seq, long tsNanos) {
        if (!finSeen) {
            finSeen = true;
            finSeq = seq & SEQ_MASK;
        }
        if (active()) {
            closeIfComplete(tsNanos);
        }
    }

    /** RST, timeout, eviction or end of input: deliver what can be, report holes, close. */
    void close(long tsNanos) {
        if (!active()) {
            pending.clear();
            return;
        }
        while (pending.count() > 0) {
            skipToFirstPending(tsNanos);
        }
        int missing = 0;
        if (finSeen) {
            missing = rel(finSeq, nextSeq);
        } else if (peerAckSeen) {
            missing = rel(peerAck, nextSeq);
        }
        if (missing > 0 && missing <= MAX_WINDOW) {
            gap(missing, tsNanos);
        }
        closed = true;
        handler.onClose(tsNanos);
    }

    /**
     * Delivers a segment that starts at the next expected byte. Where it overlaps held
     * out-of-order bytes those win (they came first), and differing bytes are counted.
     */
    private void deliverInOrder(byte[] buf, int off, int len, long tsNanos) {
        while (len > 0 && pending.count() > 0) {
            int before = rel(pending.firstSeq(), nextSeq);
            if (before >= len) {
                break;
            }
            if (before > 0) {
                deliver(buf, off, before, tsNanos);
                off += before;
                len -= before;
            }
            byte[] held = pending.firstData();
            int overlap = Math.min(len, held.length);
            if (!java.util.Arrays.equals(buf, off, off + overlap, held, 0, overlap)) {
                anomalies.count(Anomaly.TCP_OVERLAP_MISMATCH);
            }
            deliverHeld(held, pending.firstTsNanos(), pending.firstTag());
            pending.removeFirst();
            off += overlap;
            len -= overlap;
        }
        if (len > 0) {
            deliver(buf, off, len, tsNanos);
        }
        deliverContiguousPending();
    }

    private void deliverContiguousPending() {
        while (pending.count() > 0 && rel(pending.firstSeq(), nextSeq) == 0) {
            byte[] held = pending.firstData();
            deliverHeld(held, pending.firstTsNanos(), pending.firstTag());
            pending.removeFirst();
        }
    }

    private void deliverHeld(byte[] held, long tsNanos, Object tag) {
        nextSeq = (nextSeq + held.length) & SEQ_MASK;
        handler.onHeldData(held, 0, held.length, tsNanos, tag);
    }

    private void gapAckedHoles(long tsNanos) {
        while (pending.count() > 0 && ackPassed(pending.firstSeq())) {
            skipToFirstPending(tsNanos);
        }
    }

    /** True when the peer's ACK is at or beyond {@code seq}, within a window of the next byte. */
    private boolean ackPassed(long seq) {
        if (!peerAckSeen) {
            return false;
        }
        int ack = rel(peerAck, nextSeq);
        return ack > 0 && ack <= MAX_WINDOW && ack >= rel(seq, nextSeq);
    }

    private void skipToFirstPending(long tsNanos) {
        int missing = rel(pending.firstSeq(), nextSeq);
        if (missing > 0) {
            gap(missing, tsNanos);
        }
        deliverContiguousPending();
    }

    private void gap(int missing, long tsNanos) {
        anomalies.count(Anomaly.TCP_GAP);
        nextSeq = (nextSeq + missing) & SEQ_MASK;
        handler.onGap(missing, tsNanos);
    }

    private void deliver(byte[] buf, int off, int len, long tsNanos) {
        nextSeq = (nextSeq + len) & SEQ_MASK;
        handler.onData(buf, off, len, tsNanos);
    }

    private void closeIfComplete(long tsNanos) {
        if (active() && finSeen && pending.count() == 0 && nextSeq == finSeq) {
            closed = true;
            handler.onClose(tsNanos);
        }
    }
}
