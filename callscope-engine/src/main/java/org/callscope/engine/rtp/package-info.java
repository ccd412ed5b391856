/**
 * RTP and RTCP on the media hot path: flyweight views of RTP packets ({@link
 * org.callscope.engine.rtp.RtpView}, RFC 3550 §5.1) and compound RTCP ({@link
 * org.callscope.engine.rtp.RtcpParser} into a reused {@link org.callscope.engine.rtp.RtcpReport}),
 * rtcp-mux separation ({@link org.callscope.engine.rtp.RtpHeuristic}, RFC 5761 §4), payload type
 * facts ({@link org.callscope.engine.rtp.RtpCodecs}, RFC 3551), per-stream statistics that agree
 * with Wireshark ({@link org.callscope.engine.rtp.RtpStreamStats}), jitter-buffer simulation and
 * E-model MOS ({@link org.callscope.engine.rtp.JitterBufferSimulator}, {@link
 * org.callscope.engine.rtp.EModel}), RFC 4733 DTMF ({@link org.callscope.engine.rtp.DtmfEventDecoder})
 * and RTCP round-trip time ({@link org.callscope.engine.rtp.RtcpRoundTrip}).
 *
 * <p>Threading: a media worker owns its streams; every object here is owned by one thread and
 * holds plain fields, no locks. Nothing allocates per packet; failure is a {@code false} return
 * that the caller counts as an {@code Anomaly} ({@code RTP_TRUNCATED}, {@code RTP_BAD_VERSION},
 * {@code RTCP_MALFORMED}). This package knows nothing of addresses or calls: the media package
 * keys streams and feeds them.
 */
package org.callscope.engine.rtp;
