package org.callscope.engine.cdr;

import java.time.Instant;

/**
 * Statistics of one RTP stream (one SSRC on one source/destination pair), as reported in a CDR or
 * as an unassociated stream. Immutable.
 *
 * @param direction       "a" sent by the caller, "b" sent by the callee, null when not tied to a call side
 * @param lost            RFC 3550 expected minus received (as Wireshark counts it)
 * @param delayBuckets    packets whose delay variation exceeded 50, 70, 90, 120, 150, 200, 300 ms
 * @param decryptError    why an SRTP stream was not decrypted, null when decrypted or plain
 * @param srtpDetail      packet counts of an SRTP stream, null for plain RTP
 */
public record RtpStreamReport(
        long ssrc,
        String saddr,
        int sport,
        String daddr,
        int dport,
        String direction,
        int payload,
        String codec,
        long packets,
        long lost,
        long duplicates,
        long outOfOrder,
        double jitterAvgMs,
        double jitterMaxMs,
        double maxDeltaMs,
        double mosF1,
        double mosF2,
        double mosAdapt,
        long[] delayBuckets,
        Instant firstPacket,
        Instant lastPacket,
        boolean srtp,
        boolean decrypted,
        String decryptError,
        SrtpSummary srtpDetail,
        RtcpSummary rtcp) {

    /** Lower bounds of {@link #delayBuckets}, in milliseconds. */
    public static final int[] DELAY_BUCKET_MS = {50, 70, 90, 120, 150, 200, 300};

    /** "0x" and eight hex digits, as Wireshark shows SSRCs. */
    public String ssrcHex() {
        return String.format("0x%08x", ssrc);
    }
}
