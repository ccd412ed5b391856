package org.callscope.engine.tcp;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.decode.DecodedPacket;

/**
 * Reassembles TCP segments, in capture order, into one ordered byte stream per direction and
 * hands each to the {@link TcpStreamHandler} the factory chose when the direction first carried
 * data.
 *
 * <ul>
 *   <li>A SYN sets the initial sequence number; without one (capture started mid-connection) the
 *       stream starts at the first data segment seen, and earlier bytes arriving later are
 *       treated as retransmissions.</li>
 *   <li>Retransmitted bytes are dropped; partial overlaps are trimmed, keeping the bytes seen
 *       first and counting {@link Anomaly#TCP_OVERLAP_MISMATCH} when they differ.</li>
 *   <li>Out-of-order bytes wait, up to {@link TcpLimits#maxBufferedBytes()} per direction; holes
 *       become {@link TcpStreamHandler#onGap} when acknowledged by the peer, when the buffer is
 *       full ({@link Anomaly#TCP_BUFFER_FULL}), or at RST/timeout/eviction/end of input.</li>
 *   <li>Sequence numbers are compared modulo 2^32 (RFC 9293 §3.4), so wrap-around is seamless.</li>
 *   <li>At most {@link TcpLimits#maxConnections()} connections: a new one evicts the longest idle
 *       ({@link Anomaly#TCP_TABLE_FULL}), preferring connections already closing.</li>
 *   <li>Only a SYN or a segment with data creates a connection; stray ACK/FIN/RST do not.</li>
 * </ul>
 *
 * <p>Single-threaded (the signalling path owns it); timeouts run on packet time via
 * {@link #expire}. Per segment it allocates nothing for in-order data: the table is keyed by a
 * hash of the packet's own 4-tuple fields. It allocates per new connection and per out-of-order
 * segment it has to hold. Handlers must not call back into the reassembler.
 */
public final class TcpReassembler {
    private static final int FLAG_FIN = 0x01;
    private static final int FLAG_SYN = 0x02;
    private static final int FLAG_RST = 0x04;
    private static final int FLAG_ACK = 0x10;

    private final TcpStreamHandlerFactory factory;
    private final AnomalyCounters anomalies;
    private final TcpLimits limits;
    private final TcpConnectionTable table = new TcpConnectionTable();
    private final TcpConnectionList open = new TcpConnectionList();
    private final TcpConnectionList closing = new TcpConnectionList();

    public TcpReassembler(TcpStreamHandlerFactory factory, AnomalyCounters anomalies, TcpLimits limits) {
        this.factory = factory;
        this.anomalies = anomalies;
        this.limits = limits;
    }

    /** Any TCP segment, in capture order; other protocols are ignored. */
    public void accept(DecodedPacket segment) {
        if (segment.protocol != DecodedPacket.PROTO_TCP) {
            return;
        }
        int flags = segment.tcpFlags;
        boolean syn = (flags & FLAG_SYN) != 0;
        boolean ack = (flags & FLAG_ACK) != 0;
        long ts = segment.tsNanos;
        int hash = TcpConnection.hash(segment);
        TcpConnection c = table.find(segment, hash);
        if (c != null && c.closing && syn && !ack) {
            // A new SYN on a 4-tuple that already closed: the port was reused (RFC 9293 §3.6.1).
            finish(c, ts);
            c = null;
        }
        if (c == null) {
            if (!syn && segment.payloadLength <= 0) {
                return;
            }
            if (table.size() >= limits.maxConnections()) {
                evictOldest(ts);
            }
            c = new TcpConnection(segment, hash, anomalies, limits.maxBufferedBytes());
            table.add(c);
        }
        c.lastSeenNanos = ts;
        int side = c.side(segment);
        TcpHalfStream half = c.half(side);
        TcpHalfStream peer = c.half(1 - side);
        if ((flags & FLAG_RST) != 0) {
            // RFC 9293 §3.10.7: a reset ends both directions; nothing more will be sent.
            c.closing = true;
            closing.touch(c);
            half.close(ts);
            peer.close(ts);
            return;
        }
        (c.closing ? closing : open).touch(c);
        if (syn) {
            half.onSyn(segment.tcpSeq);
        }
        long dataSeq = syn ? (segment.tcpSeq + 1) & TcpHalfStream.SEQ_MASK : segment.tcpSeq;
        int len = Math.max(segment.payloadLength, 0);
        if (len > 0) {
            if (!half.opened()) {
                half.open(factory.open(half.direction, segment), dataSeq);
            }
            half.onData(dataSeq, segment.payload, segment.payloadOffset, len, ts);
        }
        if (ack) {
            peer.onPeerAck(segment.tcpAck, ts);
        }
        if ((flags & FLAG_FIN) != 0) {
            half.onFin(dataSeq + len, ts);
            if (!c.closing) {
                c.closing = true;
                closing.touch(c);
            }
        }
    }

    /** Closes connections idle longer than their timeout, measured on packet time. */
    public void expire(long nowNanos) {
        expire(open, limits.idleTimeoutNanos(), nowNanos);
        expire(closing, limits.closedTimeoutNanos(), nowNanos);
    }

    /** End of input: delivers what can be (holes reported as gaps) and closes every stream. */
    public void closeAll(long nowNanos) {
        closeList(open, nowNanos);
        closeList(closing, nowNanos);
        table.clear();
    }

    public int openConnections() {
        return table.size();
    }

    private void expire(TcpConnectionList list, long timeoutNanos, long nowNanos) {
        for (TcpConnection c = list.oldest(); c != null && nowNanos - c.lastSeenNanos >= timeoutNanos; c = list.oldest()) {
            finish(c, nowNanos);
        }
    }

    private void closeList(TcpConnectionList list, long nowNanos) {
        for (TcpConnection c = list.oldest(); c != null; c = list.oldest()) {
            list.remove(c);
            c.fromA.close(nowNanos);
            c.fromB.close(nowNanos);
        }
    }

    private void evictOldest(long nowNanos) {
        anomalies.count(Anomaly.TCP_TABLE_FULL);
        TcpConnection victim = closing.oldest() != null ? closing.oldest() : open.oldest();
        if (victim != null) {
            finish(victim, nowNanos);
        }
    }

    private void finish(TcpConnection c, long nowNanos) {
        if (c.list != null) {
            c.list.remove(c);
        }
        table.remove(c);
        c.fromA.close(nowNanos);
        c.fromB.close(nowNanos);
    }
}
