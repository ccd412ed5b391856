package org.callscope.engine.audio;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One side's RTP stream for {@link CallAudio} tests: payloads with their sequence numbers,
 * timestamps and arrival times, which a test may then drop, delay, duplicate or reorder.
 */
final class RtpSender {
    static final long MS = 1_000_000L;

    record Packet(boolean callerSide, long ssrc, long arrivalNanos, int sequence, long timestamp, int payloadType,
                  String encoding, int clockRate, int channels, boolean marker, byte[] payload) {
        Packet arrivingAt(long nanos) {
            return new Packet(callerSide, ssrc, nanos, sequence, timestamp, payloadType, encoding, clockRate, channels,
                    marker, payload);
        }
    }

    final List<Packet> packets = new ArrayList<>();
    private final boolean callerSide;
    private final long ssrc;
    private int sequence;
    private long timestamp;

    RtpSender(boolean callerSide, long ssrc, int firstSequence, long firstTimestamp) {
        this.callerSide = callerSide;
        this.ssrc = ssrc;
        this.sequence = firstSequence;
        this.timestamp = firstTimestamp;
    }

    /** Sends {@code payload} arriving at {@code arrivalNanos}, then advances the timestamp by {@code ticks}. */
    RtpSender send(long arrivalNanos, int payloadType, String encoding, int clockRate, int channels, boolean marker,
                   byte[] payload, long ticks) {
        packets.add(new Packet(callerSide, ssrc, arrivalNanos, sequence & 0xFFFF, timestamp & 0xFFFF_FFFFL,
                payloadType, encoding, clockRate, channels, marker, payload));
        sequence++;
        timestamp += ticks;
        return this;
    }

    RtpSender skipTimestamp(long ticks) {
        timestamp += ticks;
        return this;
    }

    /** Feeds all packets of all senders to {@code audio} in arrival order. */
    static void feed(CallAudio audio, List<Packet> packets) {
        List<Packet> sorted = new ArrayList<>(packets);
        sorted.sort(Comparator.comparingLong(Packet::arrivalNanos));
        for (Packet p : sorted) {
            audio.onRtp(p.callerSide, p.ssrc, p.arrivalNanos, p.sequence, p.timestamp, p.payloadType, p.encoding,
                    p.clockRate, p.channels, p.marker, p.payload, 0, p.payload.length);
        }
    }

    /** µ-law payloads of 20 ms from a tone at 8 kHz. */
    static List<byte[]> pcmu(double frequency, double seconds, double amplitude) {
        short[] s = tone(frequency, 8000, (int) (seconds * 8000), amplitude);
        List<byte[]> out = new ArrayList<>();
        for (int p = 0; p + 160 <= s.length; p += 160) {
            byte[] b = new byte[160];
            for (int i = 0; i < 160; i++) {
                b[i] = (byte) G711Encoder.linearToUlaw(s[p + i]);
            }
            out.add(b);
        }
        return out;
    }

    /** A-law payloads of 20 ms from a tone at 8 kHz. */
    static List<byte[]> pcma(double frequency, double seconds, double amplitude) {
        short[] s = tone(frequency, 8000, (int) (seconds * 8000), amplitude);
        List<byte[]> out = new ArrayList<>();
        for (int p = 0; p + 160 <= s.length; p += 160) {
            byte[] b = new byte[160];
            for (int i = 0; i < 160; i++) {
                b[i] = (byte) G711Encoder.linearToAlaw(s[p + i]);
            }
            out.add(b);
        }
        return out;
    }

    /** G.722 payloads of 20 ms (160 octets) from a tone at 16 kHz. */
    static List<byte[]> g722(double frequency, double seconds, double amplitude) {
        short[] s = tone(frequency, 16000, (int) (seconds * 16000), amplitude);
        byte[] coded = new G722Encoder().encode(s, s.length);
        List<byte[]> out = new ArrayList<>();
        for (int p = 0; p + 160 <= coded.length; p += 160) {
            out.add(java.util.Arrays.copyOfRange(coded, p, p + 160));
        }
        return out;
    }

    static short[] tone(double frequency, int rate, int n, double amplitude) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * frequency * i / rate));
        }
        return s;
    }
}
