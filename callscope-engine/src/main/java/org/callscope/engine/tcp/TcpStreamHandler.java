package org.callscope.engine.tcp;

/**
 * Receives one direction of a TCP connection as an ordered byte stream.
 *
 * <p>Called on the thread that drives the {@link TcpReassembler}. Every byte position of the
 * stream is reported exactly once, either in {@link #onData} or counted in {@link #onGap}.
 */
public interface TcpStreamHandler {
    /** In-order bytes. {@code buf} is valid only during the call: copy what must be kept. */
    void onData(byte[] buf, int off, int len, long tsNanos);

    /** {@code missingBytes} at this point of the stream will never arrive (lost before capture). */
    void onGap(long missingBytes, long tsNanos);

    /** FIN/RST seen and all data delivered, or timeout/eviction/end of input. Called once, last. */
    void onClose(long tsNanos);

    /**
     * A segment of this direction arrived ahead of a hole and will be held: what to remember about
     * where it came from (for example a copy of its frame), handed back with its bytes through
     * {@link #onHeldData}. Null by default: nothing is remembered.
     */
    default Object tagForHeldSegment() {
        return null;
    }

    /** Bytes of a segment that was held out of order, delivered now with its tag. */
    default void onHeldData(byte[] buf, int off, int len, long tsNanos, Object tag) {
        onData(buf, off, len, tsNanos);
    }
}
