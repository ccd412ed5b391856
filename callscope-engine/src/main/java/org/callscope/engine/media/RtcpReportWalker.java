package org.callscope.engine.media;

import org.callscope.engine.bytes.Bytes;

/**
 * Walks a compound RTCP packet (RFC 3550 §6.1) and hands each SR/RR report block (§6.4.1) to a
 * listener. Allocation-free; malformed lengths stop the walk and return false.
 */
final class RtcpReportWalker {
    private static final int PT_SR = 200;
    private static final int PT_RR = 201;
    private static final int REPORT_BLOCK_LENGTH = 24;

    interface Listener {
        void onReportBlock(long reporterSsrc, long subjectSsrc, double fractionLost, long cumulativeLost,
                           long highestSeq, long jitter, long lsr, long dlsr);
    }

    boolean walk(byte[] b, int off, int len, long arrivalNanos, Listener listener) {
        int end = off + len;
        int pos = off;
        while (pos + 4 <= end) {
            int v = (b[pos] & 0xc0) >>> 6;
            if (v != 2) {
                return false;
            }
            int count = b[pos] & 0x1f;
            int pt = b[pos + 1] & 0xff;
            int words = Bytes.u16(b, pos + 2);
            int packetEnd = pos + 4 + words * 4;
            if (packetEnd > end) {
                return false;
            }
            if (pt == PT_SR || pt == PT_RR) {
                int headerLen = pt == PT_SR ? 28 : 8;
                if (pos + headerLen + count * REPORT_BLOCK_LENGTH > packetEnd) {
                    return false;
                }
                long reporter = Bytes.u32(b, pos + 4);
                int block = pos + headerLen;
                for (int i = 0; i < count; i++, block += REPORT_BLOCK_LENGTH) {
                    long subject = Bytes.u32(b, block);
                    double fraction = (b[block + 4] & 0xff) / 256.0;
                    int cumulative = Bytes.u24(b, block + 5);
                    if ((cumulative & 0x800000) != 0) {
                        cumulative |= 0xff000000; // signed 24-bit
                    }
                    listener.onReportBlock(reporter, subject, fraction, cumulative, Bytes.u32(b, block + 8),
                            Bytes.u32(b, block + 12), Bytes.u32(b, block + 16), Bytes.u32(b, block + 20));
                }
            }
            pos = packetEnd;
        }
        return pos == end;
    }

    /**
     * Round trip per RFC 3550 §6.4.1: A - LSR - DLSR in units of 1/65536 s, where A is the arrival
     * time as the middle 32 bits of an NTP timestamp. NaN when the block has no LSR.
     */
    static double roundTripMillis(long arrivalNanos, long lsr, long dlsr) {
        if (lsr == 0) {
            return Double.NaN;
        }
        long seconds = arrivalNanos / 1_000_000_000L + 2_208_988_800L; // NTP era starts 1900
        long fraction = ((arrivalNanos % 1_000_000_000L) << 16) / 1_000_000_000L;
        long a = ((seconds & 0xffff) << 16) | fraction;
        long rtt = (a - lsr - dlsr) & 0xffffffffL;
        if (rtt > 0x7fffffffL) {
            return Double.NaN; // negative: clocks disagree
        }
        return rtt * 1000.0 / 65_536.0;
    }
}
