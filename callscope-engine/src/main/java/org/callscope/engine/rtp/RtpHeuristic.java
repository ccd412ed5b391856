package org.callscope.engine.rtp;

import org.callscope.engine.bytes.Bytes;

/**
 * Tells RTCP from RTP when both share one port (rtcp-mux, RFC 5761). Stateless, allocates
 * nothing. One packet cannot prove it is RTP, which is why media endpoints are learnt from SDP;
 * these checks only separate the two on a port already known to carry media.
 */
public final class RtpHeuristic {
    /**
     * RFC 5761 §4: with the marker bit folded in, RTCP packet types 192-223 would read as RTP
     * payload types 64-95, which is why those payload types must not be used under rtcp-mux.
     */
    private static final int MUX_RTCP_FIRST = 64;
    private static final int MUX_RTCP_LAST = 95;

    private RtpHeuristic() {
    }

    /**
     * True when the bytes read as RTCP: version 2, a first packet type SR, RR, SDES, BYE or APP
     * (200-204, RFC 3550 §12.1), and packet lengths that walk exactly to the end of the datagram.
     */
    public static boolean looksLikeRtcp(byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len < RtcpParser.HEADER_LENGTH || off > buf.length - len) {
            return false;
        }
        int type = buf[off + 1] & 0xff;
        if (type < RtcpParser.PT_SR || type > RtcpParser.PT_APP) {
            return false;
        }
        int pos = off;
        int end = off + len;
        while (pos < end) {
            if (end - pos < RtcpParser.HEADER_LENGTH || ((buf[pos] & 0xff) >>> 6) != RtpView.VERSION) {
                return false;
            }
            int packetLength = (Bytes.u16(buf, pos + 2) + 1) * 4;
            if (packetLength > end - pos) {
                return false;
            }
            pos += packetLength;
        }
        return true;
    }

    /** RFC 5761 §4 rule alone: the second octet, marker bit ignored, falls in 64-95. */
    public static boolean isMuxedRtcpType(byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len < 2 || off > buf.length - len) {
            return false;
        }
        int pt = buf[off + 1] & 0x7f;
        return pt >= MUX_RTCP_FIRST && pt <= MUX_RTCP_LAST;
    }
}
