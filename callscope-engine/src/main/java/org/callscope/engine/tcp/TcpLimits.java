package org.callscope.engine.tcp;

/**
 * Bounds of a {@link TcpReassembler}: memory per direction, table size and idle timeouts (on
 * packet time).
 *
 * @param maxBufferedBytes   out-of-order bytes held per direction before the hole is given up
 *                           as a gap ({@link org.callscope.engine.anomaly.Anomaly#TCP_BUFFER_FULL})
 * @param maxConnections     connections tracked at once; beyond it the oldest idle one is evicted
 *                           ({@link org.callscope.engine.anomaly.Anomaly#TCP_TABLE_FULL})
 * @param idleTimeoutNanos   an open connection without packets for this long is closed
 * @param closedTimeoutNanos a connection that saw FIN or RST is forgotten after this long idle
 */
public record TcpLimits(int maxBufferedBytes, int maxConnections, long idleTimeoutNanos, long closedTimeoutNanos) {
    /**
     * 1 MiB per direction covers a full unscaled window many times over and SIP messages are far
     * smaller; 100k connections is a busy SBC; 300 s idle is longer than the usual SIP-over-TCP
     * keep-alive (RFC 5626 §4.4.1 suggests ~120 s CRLF pings); 30 s after FIN/RST absorbs
     * retransmitted FINs and trailing ACKs (about a TIME_WAIT's 2*MSL on modern stacks).
     */
    public static final TcpLimits DEFAULTS = new TcpLimits(1 << 20, 100_000, 300_000_000_000L, 30_000_000_000L);

    public TcpLimits {
        if (maxBufferedBytes < 1 || maxConnections < 1 || idleTimeoutNanos < 1 || closedTimeoutNanos < 1) {
            throw new IllegalArgumentException("TCP limits must be positive");
        }
    }
}
