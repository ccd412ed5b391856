package org.callscope.bench;

import java.io.IOException;
import java.util.Random;
import org.callscope.bench.FrameSink.FrameKind;

/**
 * One call's frames in time order: the SIP set-up, then PCMU RTP both ways every 20 ms with a little
 * jitter and optional loss, then BYE. A call is a cursor: {@link #nextTime} says when its next frame is
 * due, {@link #emit} writes that frame and moves on, so many calls can be merged by time.
 */
final class SyntheticCall {
    static final int PACKETS_PER_SECOND = 50;
    /** INVITE, 100, 180, 200, ACK, BYE, 200. */
    static final int SIP_MESSAGES = 7;
    static final long PACKET_INTERVAL_NANOS = 20_000_000L;
    /** 20 ms of PCMU at 8000 Hz, one byte a sample (RFC 3551 §4.5.14). */
    static final int PAYLOAD_BYTES = 160;
    private static final int RTP_HEADER = 12;
    private static final int PT_PCMU = 0;
    private static final long MS = 1_000_000L;
    /** Most jitter added to a packet's send time; well under the 20 ms interval so order holds. */
    private static final long MAX_JITTER_NANOS = 3 * MS;
    /** The callee's stream starts this much after the caller's, as two phones never align. */
    private static final long CALLEE_OFFSET_NANOS = 7 * MS;

    private final CallAddressing addressing;
    private final SipScript script;
    private final Random random;
    private final double lossPercent;
    private final long[] sipTimes;
    private final byte[][] sipMessages;
    private final boolean[] sipFromCaller;
    private final MediaDirection caller;
    private final MediaDirection callee;
    private int nextSip;

    SyntheticCall(int index, long startNanos, CorpusSpec spec) {
        this.addressing = CallAddressing.of(index);
        this.script = new SipScript(index, addressing, spec.seed());
        this.random = new Random(spec.seed() * 1_000_003L + index);
        this.lossPercent = spec.lossPercent();
        long mediaStart = startNanos + 1020 * MS;
        long mediaEnd = mediaStart + spec.seconds() * 1_000L * MS;
        sipTimes = new long[] {startNanos, startNanos + 5 * MS, startNanos + 50 * MS, startNanos + 1000 * MS,
                startNanos + 1010 * MS, mediaEnd + 20 * MS, mediaEnd + 25 * MS};
        sipMessages = new byte[][] {script.invite(), script.trying(), script.ringing(), script.answer(),
                script.ack(), script.bye(), script.byeOk()};
        sipFromCaller = new boolean[] {true, false, false, false, true, true, false};
        int packets = spec.packetsPerDirection();
        caller = new MediaDirection(addressing.callerIp(), addressing.callerRtpPort(), addressing.calleeIp(),
                addressing.calleeRtpPort(), mediaStart, packets);
        callee = new MediaDirection(addressing.calleeIp(), addressing.calleeRtpPort(), addressing.callerIp(),
                addressing.callerRtpPort(), mediaStart + CALLEE_OFFSET_NANOS, packets);
    }

    String callId() {
        return script.callId();
    }

    /** When the next frame is due, or {@link Long#MAX_VALUE} once the call has sent everything. */
    long nextTime() {
        long t = nextSip < SIP_MESSAGES ? sipTimes[nextSip] : Long.MAX_VALUE;
        return Math.min(t, Math.min(caller.nextTime, callee.nextTime));
    }

    /** Writes the frame due at {@link #nextTime} into {@code sink}; returns its kind. */
    FrameKind emit(UdpFrameBuilder builder, FrameSink sink) throws IOException {
        long sipTime = nextSip < SIP_MESSAGES ? sipTimes[nextSip] : Long.MAX_VALUE;
        MediaDirection media = caller.nextTime <= callee.nextTime ? caller : callee;
        if (sipTime <= media.nextTime) {
            byte[] msg = sipMessages[nextSip];
            boolean fromCaller = sipFromCaller[nextSip];
            FrameKind kind = nextSip < 5 ? FrameKind.SIP_SETUP : FrameKind.SIP_TEARDOWN;
            nextSip++;
            System.arraycopy(msg, 0, builder.buffer(), builder.payloadOffset(), msg.length);
            byte[] src = fromCaller ? addressing.callerIp() : addressing.calleeIp();
            byte[] dst = fromCaller ? addressing.calleeIp() : addressing.callerIp();
            int len = builder.finish(src, CallAddressing.SIP_PORT, dst, CallAddressing.SIP_PORT, msg.length);
            sink.frame(kind, sipTime, builder.buffer(), 0, len);
            return kind;
        }
        long t = media.nextTime;
        int len = media.write(builder);
        media.advance();
        sink.frame(FrameKind.RTP, t, builder.buffer(), 0, len);
        return FrameKind.RTP;
    }

    /** One direction's RTP stream (RFC 3550 §5.1): random SSRC, sequence and timestamp starts. */
    private final class MediaDirection {
        private final byte[] srcIp;
        private final int srcPort;
        private final byte[] dstIp;
        private final int dstPort;
        private final long startNanos;
        private final int packets;
        private final int ssrc;
        private final int firstSequence;
        private final int firstTimestamp;
        private final byte[] payload = new byte[PAYLOAD_BYTES];
        private int packet = -1;
        long nextTime;

        MediaDirection(byte[] srcIp, int srcPort, byte[] dstIp, int dstPort, long startNanos, int packets) {
            this.srcIp = srcIp;
            this.srcPort = srcPort;
            this.dstIp = dstIp;
            this.dstPort = dstPort;
            this.startNanos = startNanos;
            this.packets = packets;
            this.ssrc = random.nextInt();
            this.firstSequence = random.nextInt(1 << 16);
            this.firstTimestamp = random.nextInt();
            // Quiet background noise in mu-law: codes near 0xff are near zero amplitude (ITU-T G.711).
            for (int i = 0; i < PAYLOAD_BYTES; i++) {
                payload[i] = (byte) (0xf8 | random.nextInt(8) | (random.nextBoolean() ? 0 : 0x80));
            }
            advance();
        }

        /** Moves to the next packet that is not lost, or to the end. */
        void advance() {
            do {
                packet++;
            } while (packet < packets && lossPercent > 0 && random.nextDouble() * 100 < lossPercent);
            nextTime = packet < packets
                    ? startNanos + packet * PACKET_INTERVAL_NANOS + (long) (random.nextDouble() * MAX_JITTER_NANOS)
                    : Long.MAX_VALUE;
        }

        int write(UdpFrameBuilder builder) {
            byte[] b = builder.buffer();
            int at = builder.payloadOffset();
            b[at] = (byte) 0x80; // version 2, no padding, no extension, no CSRC
            b[at + 1] = (byte) ((packet == 0 ? 0x80 : 0) | PT_PCMU); // marker on the first packet of a talkspurt
            int seq = (firstSequence + packet) & 0xffff;
            b[at + 2] = (byte) (seq >>> 8);
            b[at + 3] = (byte) seq;
            putInt(b, at + 4, firstTimestamp + packet * PAYLOAD_BYTES);
            putInt(b, at + 8, ssrc);
            System.arraycopy(payload, 0, b, at + RTP_HEADER, PAYLOAD_BYTES);
            return builder.finish(srcIp, srcPort, dstIp, dstPort, RTP_HEADER + PAYLOAD_BYTES);
        }
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
