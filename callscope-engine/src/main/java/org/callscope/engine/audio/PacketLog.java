package org.callscope.engine.audio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The packets of one RTP stream (one side, one SSRC) in arrival order: payload bytes back to back
 * in one growing array and the header fields in parallel primitive arrays, so a packet costs its
 * payload plus {@link #BYTES_PER_PACKET} bytes and no object. Sequence numbers and timestamps are
 * extended past their wrap here, in arrival order (RFC 3550 A.1). A sequence number that jumps
 * further than RFC 3550's dropout and misorder limits starts a new run after everything seen so
 * far (a sender that restarted its numbering), so playing order stays close to arrival order.
 */
final class PacketLog {
    /** Header fields kept per packet: three longs, two ints, one short. */
    static final int BYTES_PER_PACKET = 3 * Long.BYTES + 2 * Integer.BYTES + Short.BYTES;
    private static final int INITIAL_PACKETS = 64;
    /** RFC 3550 A.1 MAX_DROPOUT and MAX_MISORDER. */
    static final int MAX_DROPOUT = 3000;
    static final int MAX_MISORDER = 100;

    final boolean callerSide;
    final long ssrc;
    private final List<PayloadFormat> formats = new ArrayList<>(2);

    private byte[] payload = new byte[INITIAL_PACKETS * 160];
    private int payloadBytes;
    private int count;
    private int[] offsets = new int[INITIAL_PACKETS];
    private int[] lengths = new int[INITIAL_PACKETS];
    private long[] sequences = new long[INITIAL_PACKETS];
    private long[] timestamps = new long[INITIAL_PACKETS];
    private long[] arrivals = new long[INITIAL_PACKETS];
    /** Format index in the low 15 bits, marker bit in bit 15. */
    private short[] flags = new short[INITIAL_PACKETS];

    private long highestSequence;
    /** The 16-bit sequence number that {@code highestSequence} extends. */
    private int highestRaw;
    private long lastTimestamp;

    PacketLog(boolean callerSide, long ssrc) {
        this.callerSide = callerSide;
        this.ssrc = ssrc;
    }

    void add(long arrivalNanos, int sequence, long rtpTimestamp, int formatIndex, boolean marker,
             byte[] buf, int off, int len) {
        if (count == offsets.length) {
            growPackets();
        }
        if (payloadBytes + len > payload.length) {
            payload = Arrays.copyOf(payload, Math.max(payload.length * 2, payloadBytes + len));
        }
        System.arraycopy(buf, off, payload, payloadBytes, len);
        offsets[count] = payloadBytes;
        lengths[count] = len;
        payloadBytes += len;
        int seq16 = sequence & 0xFFFF;
        long ts32 = rtpTimestamp & 0xFFFF_FFFFL;
        if (count == 0) {
            highestSequence = seq16;
            highestRaw = seq16;
            lastTimestamp = ts32;
            sequences[0] = seq16;
        } else {
            int delta = (short) (seq16 - highestRaw);
            long extended = delta > -MAX_MISORDER && delta <= MAX_DROPOUT
                    ? highestSequence + delta
                    : highestSequence + MAX_DROPOUT + 1;
            if (extended > highestSequence) {
                highestSequence = extended;
                highestRaw = seq16;
            }
            sequences[count] = extended;
            lastTimestamp += (int) (ts32 - (lastTimestamp & 0xFFFF_FFFFL));
        }
        timestamps[count] = lastTimestamp;
        arrivals[count] = arrivalNanos;
        flags[count] = (short) (formatIndex | (marker ? 0x8000 : 0));
        count++;
    }

    /** Index of the format in this stream's list, adding it on first sight. */
    int formatIndex(int payloadType, String encoding, int clockRate, int channels) {
        for (int i = 0; i < formats.size(); i++) {
            if (formats.get(i).matches(payloadType, encoding, clockRate, channels)) {
                return i;
            }
        }
        formats.add(PayloadFormat.of(payloadType, encoding, clockRate, channels));
        return formats.size() - 1;
    }

    int size() {
        return count;
    }

    long payloadBytes() {
        return payloadBytes;
    }

    byte[] payloadArray() {
        return payload;
    }

    int offset(int i) {
        return offsets[i];
    }

    int length(int i) {
        return lengths[i];
    }

    long sequence(int i) {
        return sequences[i];
    }

    long timestamp(int i) {
        return timestamps[i];
    }

    long arrival(int i) {
        return arrivals[i];
    }

    boolean marker(int i) {
        return (flags[i] & 0x8000) != 0;
    }

    PayloadFormat format(int i) {
        return formats.get(formatIndex(i));
    }

    int formatIndex(int i) {
        return flags[i] & 0x7FFF;
    }

    List<PayloadFormat> formats() {
        return formats;
    }

    private void growPackets() {
        int n = count * 2;
        offsets = Arrays.copyOf(offsets, n);
        lengths = Arrays.copyOf(lengths, n);
        sequences = Arrays.copyOf(sequences, n);
        timestamps = Arrays.copyOf(timestamps, n);
        arrivals = Arrays.copyOf(arrivals, n);
        flags = Arrays.copyOf(flags, n);
    }
}
