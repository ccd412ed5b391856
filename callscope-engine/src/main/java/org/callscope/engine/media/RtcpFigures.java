package org.callscope.engine.media;

import org.callscope.engine.cdr.RtcpSummary;

/**
 * What RTCP report blocks and RTCP XR VoIP metrics said about one stream. Kept apart from
 * {@link MediaStream} and made on the first report, so the fields every RTP packet touches stay
 * together in a few cache lines.
 */
final class RtcpFigures {
    private int reports;
    private double fractionLostMax;
    private long cumulativeLost;
    private double jitterMaxMs;
    private double rttSumMs;
    private int rttCount;
    private double rttMaxMs;
    private int xrReports;
    private double xrLossRate;
    private double xrDiscardRate;
    private int xrRoundTripMs;
    private double xrMosLq = Double.NaN;
    private double xrMosCq = Double.NaN;

    /** An RTCP report block (RFC 3550 §6.4.1); {@code rttMs} is NaN when the report could not give one. */
    void onReportBlock(double fractionLost, long cumulativeLost, double jitterMs, double rttMs) {
        reports++;
        fractionLostMax = Math.max(fractionLostMax, fractionLost);
        this.cumulativeLost = cumulativeLost;
        jitterMaxMs = Math.max(jitterMaxMs, jitterMs);
        if (!Double.isNaN(rttMs)) {
            rttSumMs += rttMs;
            rttCount++;
            rttMaxMs = Math.max(rttMaxMs, rttMs);
        }
    }

    /** An RFC 3611 §4.7 VoIP metrics block: the latest one wins. */
    void onVoipMetrics(double lossRate, double discardRate, int roundTripMs, double mosLq, double mosCq) {
        xrReports++;
        xrLossRate = lossRate;
        xrDiscardRate = discardRate;
        xrRoundTripMs = roundTripMs;
        xrMosLq = mosLq;
        xrMosCq = mosCq;
    }

    RtcpSummary summary() {
        return new RtcpSummary(reports, fractionLostMax, cumulativeLost, jitterMaxMs,
                rttCount == 0 ? Double.NaN : rttSumMs / rttCount,
                rttCount == 0 ? Double.NaN : rttMaxMs,
                xrReports, xrReports == 0 ? Double.NaN : xrLossRate, xrReports == 0 ? Double.NaN : xrDiscardRate,
                xrReports == 0 ? Double.NaN : xrRoundTripMs, xrMosLq, xrMosCq);
    }
}
