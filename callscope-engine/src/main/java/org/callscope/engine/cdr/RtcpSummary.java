package org.callscope.engine.cdr;

/**
 * What the receiver of a stream said about it in RTCP report blocks (RFC 3550 §6.4), or null
 * fields when no report covered the stream.
 *
 * @param reports          report blocks seen about this SSRC
 * @param fractionLostMax  worst "fraction lost" reported, as a ratio 0..1
 * @param cumulativeLost   last cumulative number of packets lost reported
 * @param jitterMaxMs      largest interarrival jitter reported, in ms
 * @param rttAvgMs         mean round-trip time from LSR/DLSR, NaN when none could be computed
 * @param rttMaxMs         largest round-trip time
 * @param xrReports        RFC 3611 VoIP metrics blocks seen about this stream (the latest one's values follow)
 * @param xrLossRate       loss rate the receiver measured, ratio 0..1; NaN without XR
 * @param xrDiscardRate    jitter-buffer discard rate the receiver measured, ratio 0..1; NaN without XR
 * @param xrRoundTripMs    round trip the receiver measured, ms; NaN without XR
 * @param xrMosLq          the receiver's own listening-quality MOS; NaN when absent or unavailable (127)
 * @param xrMosCq          the receiver's own conversational-quality MOS; NaN when absent or unavailable
 */
public record RtcpSummary(int reports, double fractionLostMax, long cumulativeLost, double jitterMaxMs,
                          double rttAvgMs, double rttMaxMs, int xrReports, double xrLossRate, double xrDiscardRate,
                          double xrRoundTripMs, double xrMosLq, double xrMosCq) {
}
