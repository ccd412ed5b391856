package org.callscope.engine.rtp;

import java.nio.charset.StandardCharsets;

/**
 * What {@link RtcpParser} found in one compound RTCP packet (RFC 3550 §6): sender info, report
 * blocks, the first SDES CNAME, BYE, and an RFC 3611 VoIP metrics block. One per worker thread,
 * overwritten by each parse; arrays are sized once, so parsing allocates nothing. The CNAME is
 * kept as an offset into the parsed buffer and is valid until that buffer is reused; call
 * {@link #cname()} (which allocates) only when the value leaves the worker.
 */
public final class RtcpReport {
    /**
     * Report blocks kept per compound packet. RFC 3550 §6.4.1 allows 31 per SR/RR (5-bit RC);
     * a compound normally holds one SR or RR, so two full ones are room enough. Further blocks
     * are counted in {@link #droppedReportBlocks} and not stored.
     */
    public static final int MAX_REPORT_BLOCKS = 62;
    /** RFC 3611 §4.7.5: 127 in a MOS field means "unavailable". */
    public static final int XR_MOS_UNAVAILABLE = 127;

    /** RTCP packets in the compound. */
    public int packetCount;

    public boolean hasSenderReport;
    public boolean hasReceiverReport;
    /** SSRC of the SR or RR sender (first SR/RR in the compound). */
    public long senderSsrc;
    /** SR NTP timestamp (RFC 3550 §6.4.1), seconds since 1900 and 2^-32 fraction. */
    public long ntpSeconds;
    public long ntpFraction;
    public long senderRtpTimestamp;
    public long senderPacketCount;
    public long senderOctetCount;

    public int reportBlockCount;
    public int droppedReportBlocks;
    public final long[] blockSsrc = new long[MAX_REPORT_BLOCKS];
    /** Fraction lost since the previous report, in 1/256 units. */
    public final int[] blockFractionLost = new int[MAX_REPORT_BLOCKS];
    /** Cumulative number lost, signed 24-bit (negative with duplicates, RFC 3550 §6.4.1). */
    public final int[] blockCumulativeLost = new int[MAX_REPORT_BLOCKS];
    /** Extended highest sequence number received. */
    public final long[] blockHighestSequence = new long[MAX_REPORT_BLOCKS];
    /** Interarrival jitter in RTP timestamp units. */
    public final long[] blockJitter = new long[MAX_REPORT_BLOCKS];
    /** Middle 32 bits of the NTP timestamp of the last SR received, 0 when none. */
    public final long[] blockLastSr = new long[MAX_REPORT_BLOCKS];
    /** Delay since that SR, in 1/65536 s. */
    public final long[] blockDelaySinceLastSr = new long[MAX_REPORT_BLOCKS];

    public boolean hasCname;
    public long cnameSsrc;
    public int cnameOffset;
    public int cnameLength;
    private byte[] cnameBuf;

    public boolean hasBye;
    public int byeSsrcCount;

    /** RFC 3611 §4.7 VoIP Metrics report block (BT=7) present. */
    public boolean hasVoipMetrics;
    public long xrSsrc;
    /** Fractions in 1/256 units (RFC 3611 §4.7.1). */
    public int xrLossRate;
    public int xrDiscardRate;
    public int xrBurstDensity;
    public int xrGapDensity;
    /** Milliseconds (RFC 3611 §4.7.2, §4.7.3). */
    public int xrBurstDuration;
    public int xrGapDuration;
    public int xrRoundTripDelay;
    public int xrEndSystemDelay;
    /** R factor 0-100, 127 unavailable (RFC 3611 §4.7.5). */
    public int xrRFactor;
    /** MOS times ten (10..50), 127 unavailable (RFC 3611 §4.7.5). */
    public int xrMosLq;
    public int xrMosCq;

    void reset(byte[] buf) {
        packetCount = 0;
        hasSenderReport = false;
        hasReceiverReport = false;
        senderSsrc = 0;
        ntpSeconds = 0;
        ntpFraction = 0;
        senderRtpTimestamp = 0;
        senderPacketCount = 0;
        senderOctetCount = 0;
        reportBlockCount = 0;
        droppedReportBlocks = 0;
        hasCname = false;
        cnameSsrc = 0;
        cnameOffset = 0;
        cnameLength = 0;
        cnameBuf = buf;
        hasBye = false;
        byeSsrcCount = 0;
        hasVoipMetrics = false;
        xrSsrc = 0;
        xrLossRate = 0;
        xrDiscardRate = 0;
        xrBurstDensity = 0;
        xrGapDensity = 0;
        xrBurstDuration = 0;
        xrGapDuration = 0;
        xrRoundTripDelay = 0;
        xrEndSystemDelay = 0;
        xrRFactor = XR_MOS_UNAVAILABLE;
        xrMosLq = XR_MOS_UNAVAILABLE;
        xrMosCq = XR_MOS_UNAVAILABLE;
    }

    /** The CNAME as text (allocates), or null when the compound had none. */
    public String cname() {
        return hasCname ? new String(cnameBuf, cnameOffset, cnameLength, StandardCharsets.UTF_8) : null;
    }

    /** XR MOS-LQ as a MOS value, or NaN when absent or unavailable. */
    public double xrMosLqValue() {
        return hasVoipMetrics && xrMosLq != XR_MOS_UNAVAILABLE ? xrMosLq / 10.0 : Double.NaN;
    }

    /** XR MOS-CQ as a MOS value, or NaN when absent or unavailable. */
    public double xrMosCqValue() {
        return hasVoipMetrics && xrMosCq != XR_MOS_UNAVAILABLE ? xrMosCq / 10.0 : Double.NaN;
    }
}
