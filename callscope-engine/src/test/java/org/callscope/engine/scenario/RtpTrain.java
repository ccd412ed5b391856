package org.callscope.engine.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A run of RTP packets of one SSRC (RFC 3550 §5.1): sequence numbers and timestamps stepping by
 * one packet time, sent at a fixed interval, with faults injected by packet index: dropped,
 * duplicated, swapped with the next, or carrying an RFC 4733 telephone event instead of audio.
 * Mutable builder; test code.
 */
public final class RtpTrain {
    private final long ssrc;
    private final int payloadType;
    private int firstSeq = 1000;
    private long firstTimestamp = 160_000;
    private int count = 50;
    private long startNanos;
    private long intervalNanos = 20_000_000L;
    private int timestampStep = 160;
    private int payloadLength = 160;
    private int eventPayloadType = -1;
    private final TreeSet<Integer> dropped = new TreeSet<>();
    private final TreeSet<Integer> duplicated = new TreeSet<>();
    private final TreeSet<Integer> swapped = new TreeSet<>();
    /** Index of an event's first packet -> {event code, packets}. */
    private final TreeMap<Integer, int[]> events = new TreeMap<>();

    private RtpTrain(long ssrc, int payloadType) {
        this.ssrc = ssrc;
        this.payloadType = payloadType;
    }

    /** 50 packets of 20 ms (160 samples at 8 kHz) starting at sequence 1000. */
    public static RtpTrain of(long ssrc, int payloadType) {
        return new RtpTrain(ssrc, payloadType);
    }

    public RtpTrain firstSeq(int seq) {
        this.firstSeq = seq & 0xffff;
        return this;
    }

    public RtpTrain firstTimestamp(long ts) {
        this.firstTimestamp = ts & 0xffffffffL;
        return this;
    }

    public RtpTrain count(int n) {
        this.count = n;
        return this;
    }

    public RtpTrain start(long nanos) {
        this.startNanos = nanos;
        return this;
    }

    public RtpTrain every(long nanos, int timestampUnits) {
        this.intervalNanos = nanos;
        this.timestampStep = timestampUnits;
        return this;
    }

    public RtpTrain payloadLength(int bytes) {
        this.payloadLength = bytes;
        return this;
    }

    /** The packet at {@code index} is never sent. */
    public RtpTrain drop(int index) {
        dropped.add(index);
        return this;
    }

    /** The packet at {@code index} arrives twice, the copy 1 ms after the original. */
    public RtpTrain duplicate(int index) {
        duplicated.add(index);
        return this;
    }

    /** The packets at {@code index} and {@code index + 1} arrive in each other's time slots. */
    public RtpTrain swapWithNext(int index) {
        swapped.add(index);
        return this;
    }

    /**
     * Packets {@code index .. index + packets - 1} carry telephone event {@code event} with
     * payload type {@code pt}: one RTP timestamp (the event start, RFC 4733 §2.3.1), growing
     * duration, the last three with the E bit (§2.5.1.4).
     */
    public RtpTrain event(int index, int event, int packets, int pt) {
        events.put(index, new int[]{event, packets});
        this.eventPayloadType = pt;
        return this;
    }

    public int lastSeq() {
        return (firstSeq + count - 1) & 0xffff;
    }

    public long endNanos() {
        return startNanos + (count - 1) * intervalNanos;
    }

    /** One packet as it will be sent. */
    public record Packet(long tsNanos, int seq, long timestamp, int payloadType, boolean marker, byte[] payload) {
    }

    /** The packets in sending order, faults applied. */
    public List<Packet> packets() {
        Packet[] byIndex = new Packet[count];
        for (int i = 0; i < count; i++) {
            byIndex[i] = packetAt(i);
        }
        List<Packet> out = new ArrayList<>();
        for (int slot = 0; slot < count; slot++) {
            int index = slot;
            if (swapped.contains(slot)) {
                index = slot + 1;
            } else if (slot > 0 && swapped.contains(slot - 1)) {
                index = slot - 1;
            }
            if (index >= count || dropped.contains(index)) {
                continue;
            }
            Packet p = byIndex[index];
            long at = startNanos + slot * intervalNanos;
            out.add(new Packet(at, p.seq, p.timestamp, p.payloadType, p.marker, p.payload));
            if (duplicated.contains(index)) {
                out.add(new Packet(at + 1_000_000L, p.seq, p.timestamp, p.payloadType, p.marker, p.payload));
            }
        }
        return out;
    }

    private Packet packetAt(int i) {
        int seq = (firstSeq + i) & 0xffff;
        long ts = (firstTimestamp + (long) i * timestampStep) & 0xffffffffL;
        var event = events.floorEntry(i);
        if (event != null && i < event.getKey() + event.getValue()[1]) {
            int start = event.getKey();
            int packets = event.getValue()[1];
            long eventTs = (firstTimestamp + (long) start * timestampStep) & 0xffffffffL;
            boolean end = i >= start + packets - 3;
            int duration = (i - start + 1) * timestampStep;
            // RFC 4733 §2.3: event, E|R|volume(10), duration.
            byte[] payload = {(byte) event.getValue()[0], (byte) ((end ? 0x80 : 0) | 10),
                    (byte) (duration >>> 8), (byte) duration};
            return new Packet(0, seq, eventTs, eventPayloadType, i == start, payload);
        }
        byte[] payload = new byte[payloadLength];
        java.util.Arrays.fill(payload, (byte) 0xff); // PCMU silence
        return new Packet(0, seq, ts, payloadType, i == 0, payload);
    }

    /** RTP fixed header (RFC 3550 §5.1), no CSRC, no extension, then the payload. */
    static byte[] bytes(Packet p, long ssrc) {
        byte[] b = new byte[12 + p.payload().length];
        b[0] = (byte) 0x80;
        b[1] = (byte) ((p.marker() ? 0x80 : 0) | (p.payloadType() & 0x7f));
        FrameBuilder.set16(b, 2, p.seq());
        FrameBuilder.set32(b, 4, p.timestamp());
        FrameBuilder.set32(b, 8, ssrc);
        System.arraycopy(p.payload(), 0, b, 12, p.payload().length);
        return b;
    }

    long ssrc() {
        return ssrc;
    }
}
