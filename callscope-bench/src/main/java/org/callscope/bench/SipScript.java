package org.callscope.bench;

import java.nio.charset.StandardCharsets;

/**
 * The SIP messages of one basic call (RFC 3665 §3.1 flow without a proxy): INVITE with an SDP offer,
 * 100, 180, 200 with the answer, ACK, and later BYE and its 200. Offer and answer list PCMU, PCMA and
 * telephone-event (RFC 3551 §6, RFC 4733 §7.1.1) and use ptime 20.
 */
final class SipScript {
    private final String callerIp;
    private final String calleeIp;
    private final CallAddressing addressing;
    private final String callId;
    private final String fromTag;
    private final String toTag;
    private final String callerUser;
    private final String calleeUser;
    private final int index;

    SipScript(int index, CallAddressing addressing, long seed) {
        this.index = index;
        this.addressing = addressing;
        this.callerIp = CallAddressing.text(addressing.callerIp());
        this.calleeIp = CallAddressing.text(addressing.calleeIp());
        this.callId = "bench-" + index + "-" + Long.toHexString(seed) + "@" + callerIp;
        this.fromTag = "a" + Integer.toHexString(0x10000 + index);
        this.toTag = "b" + Integer.toHexString(0x20000 + index);
        this.callerUser = String.format("+1444%07d", index);
        this.calleeUser = String.format("+1555%07d", index);
    }

    String callId() {
        return callId;
    }

    byte[] invite() {
        String sdp = sdp("caller", callerIp, addressing.callerRtpPort());
        return message("INVITE sip:" + calleeUser + "@" + calleeIp + " SIP/2.0", "z9hG4bK-" + index + "-inv",
                false, "1 INVITE", "Contact: <sip:" + callerUser + "@" + callerIp + ":5060>\r\n", sdp);
    }

    byte[] trying() {
        return message("SIP/2.0 100 Trying", "z9hG4bK-" + index + "-inv", false, "1 INVITE", "", null);
    }

    byte[] ringing() {
        return message("SIP/2.0 180 Ringing", "z9hG4bK-" + index + "-inv", true, "1 INVITE",
                "Contact: <sip:" + calleeUser + "@" + calleeIp + ":5060>\r\n", null);
    }

    byte[] answer() {
        String sdp = sdp("callee", calleeIp, addressing.calleeRtpPort());
        return message("SIP/2.0 200 OK", "z9hG4bK-" + index + "-inv", true, "1 INVITE",
                "Contact: <sip:" + calleeUser + "@" + calleeIp + ":5060>\r\n", sdp);
    }

    byte[] ack() {
        return message("ACK sip:" + calleeUser + "@" + calleeIp + ":5060 SIP/2.0", "z9hG4bK-" + index + "-ack",
                true, "1 ACK", "", null);
    }

    byte[] bye() {
        return message("BYE sip:" + calleeUser + "@" + calleeIp + ":5060 SIP/2.0", "z9hG4bK-" + index + "-bye",
                true, "2 BYE", "", null);
    }

    byte[] byeOk() {
        return message("SIP/2.0 200 OK", "z9hG4bK-" + index + "-bye", true, "2 BYE", "", null);
    }

    private byte[] message(String startLine, String branch, boolean toTagged, String cseq, String extra, String sdp) {
        StringBuilder m = new StringBuilder(600);
        m.append(startLine).append("\r\n");
        m.append("Via: SIP/2.0/UDP ").append(callerIp).append(":5060;branch=").append(branch).append("\r\n");
        if (!startLine.startsWith("SIP/")) {
            m.append("Max-Forwards: 70\r\n");
        }
        m.append("From: \"Caller ").append(index).append("\" <sip:").append(callerUser).append('@').append(callerIp)
                .append(">;tag=").append(fromTag).append("\r\n");
        m.append("To: <sip:").append(calleeUser).append('@').append(calleeIp).append('>');
        if (toTagged) {
            m.append(";tag=").append(toTag);
        }
        m.append("\r\n");
        m.append("Call-ID: ").append(callId).append("\r\n");
        m.append("CSeq: ").append(cseq).append("\r\n");
        m.append(extra);
        m.append("User-Agent: callscope-bench\r\n");
        if (sdp != null) {
            m.append("Content-Type: application/sdp\r\n");
            m.append("Content-Length: ").append(sdp.length()).append("\r\n\r\n").append(sdp);
        } else {
            m.append("Content-Length: 0\r\n\r\n");
        }
        return m.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private String sdp(String user, String ip, int port) {
        return "v=0\r\n"
                + "o=" + user + " " + (1000 + index) + " 1 IN IP4 " + ip + "\r\n"
                + "s=-\r\n"
                + "c=IN IP4 " + ip + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0 8 101\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n"
                + "a=fmtp:101 0-15\r\n"
                + "a=ptime:20\r\n"
                + "a=sendrecv\r\n";
    }
}
