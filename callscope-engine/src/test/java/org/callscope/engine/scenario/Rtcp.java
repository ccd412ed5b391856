package org.callscope.engine.scenario;

import java.util.List;

/** Builds RTCP sender and receiver reports (RFC 3550 §6.4) and the NTP time values they carry. */
public final class Rtcp {
    /** Seconds from the NTP era (1900) to the Unix epoch (RFC 868). */
    static final long NTP_UNIX_OFFSET = 2_208_988_800L;
    static final int PT_SR = 200;
    static final int PT_RR = 201;

    private Rtcp() {
    }

    /**
     * One report block (RFC 3550 §6.4.1).
     *
     * @param fractionLost as the 8-bit fixed point number on the wire (lost/expected * 256)
     * @param lsr          middle 32 bits of the last SR's NTP timestamp, 0 if none
     * @param dlsr         delay since that SR in units of 1/65536 s
     */
    public record ReportBlock(long ssrc, int fractionLost, int cumulativeLost, long highestSeq, long jitter,
                              long lsr, long dlsr) {
    }

    /** The 64-bit NTP timestamp of a Unix time in nanoseconds: seconds since 1900, 32-bit fraction. */
    public static long ntp(long unixNanos) {
        long seconds = unixNanos / 1_000_000_000L + NTP_UNIX_OFFSET;
        long fraction = ((unixNanos % 1_000_000_000L) << 32) / 1_000_000_000L;
        return (seconds << 32) | fraction;
    }

    /** The middle 32 bits of an NTP timestamp: what LSR carries (RFC 3550 §6.4.1). */
    public static long middle32(long ntp) {
        return (ntp >>> 16) & 0xffffffffL;
    }

    public static byte[] senderReport(long ssrc, long ntp, long rtpTimestamp, long packets, long octets,
                                      List<ReportBlock> blocks) {
        byte[] b = new byte[28 + 24 * blocks.size()];
        header(b, PT_SR, blocks.size());
        FrameBuilder.set32(b, 4, ssrc);
        FrameBuilder.set32(b, 8, ntp >>> 32);
        FrameBuilder.set32(b, 12, ntp);
        FrameBuilder.set32(b, 16, rtpTimestamp);
        FrameBuilder.set32(b, 20, packets);
        FrameBuilder.set32(b, 24, octets);
        blocks(b, 28, blocks);
        return b;
    }

    public static byte[] receiverReport(long ssrc, List<ReportBlock> blocks) {
        byte[] b = new byte[8 + 24 * blocks.size()];
        header(b, PT_RR, blocks.size());
        FrameBuilder.set32(b, 4, ssrc);
        blocks(b, 8, blocks);
        return b;
    }

    /**
     * An RTCP XR packet (RFC 3611 §2) with one VoIP metrics block (§4.7) about {@code sourceSsrc}:
     * loss and discard rates in 1/256, round trip in ms, MOS values times ten.
     */
    public static byte[] voipMetrics(long ssrc, long sourceSsrc, int lossRate, int discardRate, int roundTripMs,
                                     int mosLq, int mosCq) {
        byte[] b = new byte[8 + 36];
        header(b, 207, 0);
        FrameBuilder.set32(b, 4, ssrc);
        b[8] = 7; // block type: VoIP metrics
        FrameBuilder.set16(b, 10, 8); // block length in 32-bit words minus one
        FrameBuilder.set32(b, 12, sourceSsrc);
        b[16] = (byte) lossRate;
        b[17] = (byte) discardRate;
        FrameBuilder.set16(b, 24, roundTripMs);
        b[32] = (byte) 127; // R factor unavailable
        b[33] = (byte) 127; // external R factor unavailable
        b[34] = (byte) mosLq;
        b[35] = (byte) mosCq;
        return b;
    }

    private static void header(byte[] b, int pt, int count) {
        b[0] = (byte) (0x80 | count);
        b[1] = (byte) pt;
        FrameBuilder.set16(b, 2, b.length / 4 - 1); // length in 32-bit words minus one
    }

    private static void blocks(byte[] b, int off, List<ReportBlock> blocks) {
        for (ReportBlock r : blocks) {
            FrameBuilder.set32(b, off, r.ssrc());
            b[off + 4] = (byte) r.fractionLost();
            b[off + 5] = (byte) (r.cumulativeLost() >>> 16);
            b[off + 6] = (byte) (r.cumulativeLost() >>> 8);
            b[off + 7] = (byte) r.cumulativeLost();
            FrameBuilder.set32(b, off + 8, r.highestSeq());
            FrameBuilder.set32(b, off + 12, r.jitter());
            FrameBuilder.set32(b, off + 16, r.lsr());
            FrameBuilder.set32(b, off + 20, r.dlsr());
            off += 24;
        }
    }
}
