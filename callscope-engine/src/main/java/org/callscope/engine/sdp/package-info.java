/**
 * SDP (RFC 8866) as carried in SIP bodies: {@link org.callscope.engine.sdp.SdpParser} turns a
 * body into a {@link org.callscope.engine.sdp.SessionDescription} with its
 * {@link org.callscope.engine.sdp.MediaDescription}s, the attributes a monitor needs to find and
 * decode media (rtpmap, fmtp, ptime, rtcp, rtcp-mux, RFC 4568 crypto, fingerprint, setup,
 * direction, mid, ICE candidates) and the RFC 3551 static payload types.
 *
 * <p>Lenient and bounded: never throws on input, accepts LF as well as CRLF, and lists what it
 * skipped as {@link org.callscope.engine.sdp.SdpProblem}s.
 */
package org.callscope.engine.sdp;
