package org.callscope.engine.rtp;

/**
 * Round-trip time from an RTCP report block, RFC 3550 §6.4.1: when a report block arrives at
 * time A (middle 32 bits of an NTP timestamp, 16.16 fixed point seconds) carrying LSR and DLSR,
 * the path delay seen by the reporter's peer is {@code RTT = A - LSR - DLSR}. A passive monitor
 * sees A as the capture time of the report, which is exact when it sits beside the SR sender.
 * Stateless and allocation-free.
 */
public final class RtcpRoundTrip {
    /** RFC 5905 §6: seconds from the NTP era 0 epoch (1900) to the Unix epoch (1970). */
    public static final long NTP_UNIX_OFFSET_SECONDS = 2_208_988_800L;
    private static final double UNITS_PER_SECOND = 65536.0;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private RtcpRoundTrip() {
    }

    /**
     * Middle 32 bits of the NTP timestamp for a Unix-epoch time in nanoseconds: the low 16 bits
     * of the seconds and the high 16 bits of the fraction (RFC 3550 §4).
     */
    public static long ntpMiddle32(long unixNanos) {
        long seconds = Math.floorDiv(unixNanos, NANOS_PER_SECOND);
        long nanos = Math.floorMod(unixNanos, NANOS_PER_SECOND);
        long ntpSeconds = seconds + NTP_UNIX_OFFSET_SECONDS;
        long fraction32 = (nanos << 32) / NANOS_PER_SECOND;
        return ((ntpSeconds & 0xffff) << 16) | (fraction32 >>> 16);
    }

    /** Middle 32 bits of a full 64-bit NTP timestamp given as seconds and fraction. */
    public static long ntpMiddle32(long ntpSeconds, long ntpFraction) {
        return ((ntpSeconds & 0xffff) << 16) | ((ntpFraction >>> 16) & 0xffff);
    }

    /**
     * RTT in milliseconds, or -1 when it cannot be computed: LSR 0 means the reporter has not
     * received an SR yet (RFC 3550 §6.4.1), and a negative result means clocks or captures do not
     * line up. All three arguments are 16.16 fixed-point values; the subtraction is modulo 2^32
     * so that it survives the wrap of the 16-bit seconds every 18 hours.
     */
    public static double roundTripMillis(long arrivalMiddle32, long lastSr, long delaySinceLastSr) {
        if (lastSr == 0) {
            return -1;
        }
        long rtt = (arrivalMiddle32 - lastSr - delaySinceLastSr) & 0xffff_ffffL;
        if (rtt >= 0x8000_0000L) {
            return -1;
        }
        return rtt * 1000.0 / UNITS_PER_SECOND;
    }
}
