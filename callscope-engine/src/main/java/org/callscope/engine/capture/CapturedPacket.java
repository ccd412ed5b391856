package org.callscope.engine.capture;

/**
 * One frame as read from a capture, before any decoding.
 *
 * <p>A {@link PacketSource} fills the same instance again on every call, so the bytes in
 * {@link #data} are valid only until the next read. Whoever keeps a packet copies it.
 */
public final class CapturedPacket {
    /** Capture timestamp in nanoseconds since the Unix epoch (packet time is the only clock). */
    public long tsNanos;
    /** Link-layer header type of the interface that captured the frame (see {@link LinkType}). */
    public int linkType;
    /** Frame bytes; only {@code [0, capturedLength)} is meaningful. May be larger than needed. */
    public byte[] data;
    /** Bytes present in {@link #data}; less than {@link #originalLength} when the snaplen cut it. */
    public int capturedLength;
    /** Length of the frame on the wire. */
    public int originalLength;
    /** Interface index within the capture file (pcapng IDB order; 0 for classic pcap). */
    public int interfaceId;
    /** Ordinal of the frame in its file, starting at 1 as Wireshark counts. */
    public long frameNumber;

    /** A packet whose buffer holds a full 64 KiB frame, for readers that refill it. */
    public CapturedPacket() {
        this(65_536);
    }

    /** A packet whose buffer holds {@code capacity} bytes: for copies kept beyond one read. */
    public CapturedPacket(int capacity) {
        data = new byte[capacity];
    }

    /** A copy of {@code frame} sized to its captured bytes. Allocates. */
    public static CapturedPacket copyOf(CapturedPacket frame) {
        CapturedPacket copy = new CapturedPacket(frame.capturedLength);
        copy.copyFrom(frame);
        return copy;
    }

    /** Makes sure {@link #data} can hold {@code length} bytes, keeping nothing. */
    public void ensureCapacity(int length) {
        if (data.length < length) {
            data = new byte[Math.max(length, data.length * 2)];
        }
    }

    /** Copies every field and the captured bytes of {@code other} into this packet. */
    public void copyFrom(CapturedPacket other) {
        ensureCapacity(other.capturedLength);
        System.arraycopy(other.data, 0, data, 0, other.capturedLength);
        tsNanos = other.tsNanos;
        linkType = other.linkType;
        capturedLength = other.capturedLength;
        originalLength = other.originalLength;
        interfaceId = other.interfaceId;
        frameNumber = other.frameNumber;
    }
}
