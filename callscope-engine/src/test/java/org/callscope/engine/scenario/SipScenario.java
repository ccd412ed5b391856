package org.callscope.engine.scenario;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.capture.LinkType;
import org.callscope.engine.spool.PcapWriter;

/**
 * A scripted call, written as the wire would carry it: SIP requests and responses between a caller
 * and a callee (RFC 3261 headers, dialog tags, CSeq, branches), SDP bodies, RTP trains and RTCP
 * reports, on frames made by a {@link FrameBuilder}, over UDP (optionally IP-fragmented) or one
 * TCP connection (optionally cut into arbitrary, reordered segments). Each step happens at the
 * scenario clock, which moves 1 ms per SIP message and as told; RTP and RTCP carry their own
 * times. {@link #packets()} returns the frames in time order. Mutable; test code.
 */
public final class SipScenario {
    public static final long MS = 1_000_000L;
    /** 2023-11-14T22:13:20Z: an arbitrary start of packet time. */
    public static final long T0 = 1_700_000_000_000_000_000L;

    /** What a sent frame carried. */
    public enum Kind { SIP, TCP_CONTROL, RTP, RTCP }

    /** One frame and when it is sent. */
    public record Sent(long tsNanos, byte[] frame, Kind kind, String what) {
    }

    private record Request(String method, boolean fromCaller, int cseq, String branch, String via, String from,
                           String to) {
    }

    private final String callId;
    private final List<Sent> sent = new ArrayList<>();
    private final Map<String, Request> lastByMethod = new HashMap<>();
    private FrameBuilder link = FrameBuilder.ethernet();
    private HostPort caller = HostPort.of("10.0.0.1", 5060);
    private HostPort callee = HostPort.of("10.0.0.2", 5060);
    private String callerUser = "1001";
    private String calleeUser = "2002";
    private String domain = "example.com";
    private String fromTag = "caller-tag";
    private String toTag = "callee-tag";
    private boolean toTagKnown;
    private long now = T0;
    private int callerCseq;
    private int calleeCseq;
    private int branches;
    private Request lastRequest;
    private Request invite;
    private int inviteFinalCode;
    private java.util.function.UnaryOperator<String> headerRewrite = java.util.function.UnaryOperator.identity();
    private int fragmentMtu;
    private boolean fragmentsReversed;
    private boolean tcp;
    private boolean tcpOpen;
    private boolean batching;
    /** Next sequence number per direction: [0] caller to callee, [1] callee to caller. */
    private final long[] tcpSeq = {100_000L, 7_000_000L};
    private final ByteArrayOutputStream[] outbox = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};
    private final List<List<Integer>> batchedLengths = List.of(new ArrayList<>(), new ArrayList<>());

    private SipScenario(String callId) {
        this.callId = callId;
    }

    public static SipScenario call(String callId) {
        return new SipScenario(callId);
    }

    public SipScenario caller(String user, HostPort sip) {
        this.callerUser = user;
        this.caller = sip;
        return this;
    }

    public SipScenario callee(String user, HostPort sip) {
        this.calleeUser = user;
        this.callee = sip;
        return this;
    }

    public SipScenario domain(String d) {
        this.domain = d;
        return this;
    }

    public SipScenario tags(String from, String to) {
        this.fromTag = from;
        this.toTag = to;
        return this;
    }

    public SipScenario link(FrameBuilder builder) {
        this.link = builder;
        return this;
    }

    /** SIP over one TCP connection from the caller to the callee's SIP port. */
    public SipScenario overTcp() {
        this.tcp = true;
        return this;
    }

    /** UDP SIP datagrams that do not fit {@code mtu} go as IPv4 fragments, optionally last first. */
    public SipScenario fragmentAbove(int mtu, boolean reversed) {
        this.fragmentMtu = mtu;
        this.fragmentsReversed = reversed;
        return this;
    }

    /** Writes header names in their compact forms (RFC 3261 §7.3.3, §20). */
    public SipScenario compactHeaders() {
        headerRewrite = text -> text.replaceAll("(?m)^Via:", "v:").replaceAll("(?m)^From:", "f:")
                .replaceAll("(?m)^To:", "t:").replaceAll("(?m)^Call-ID:", "i:").replaceAll("(?m)^Contact:", "m:")
                .replaceAll("(?m)^Content-Type:", "c:").replaceAll("(?m)^Content-Length:", "l:");
        return this;
    }

    public SipScenario at(long nanos) {
        this.now = nanos;
        return this;
    }

    public SipScenario pause(long nanos) {
        this.now += nanos;
        return this;
    }

    public long now() {
        return now;
    }

    public String callId() {
        return callId;
    }

    public HostPort callerSip() {
        return caller;
    }

    public HostPort calleeSip() {
        return callee;
    }

    // ---- SIP requests ----

    public SipScenario invite(Sdp sdp, String... extraHeaders) {
        Request r = newRequest("INVITE", true, ++callerCseq, false);
        invite = r;
        inviteFinalCode = 0;
        return sendRequest(r, extraHeaders, sdp == null ? null : "application/sdp", sdp == null ? null : sdp.toString());
    }

    /** An initial INVITE with any body, e.g. multipart/mixed with SDP and ISUP (RFC 3204). */
    public SipScenario invite(String contentType, String body) {
        Request r = newRequest("INVITE", true, ++callerCseq, false);
        invite = r;
        inviteFinalCode = 0;
        return sendRequest(r, new String[0], contentType, body);
    }

    /** An INVITE inside the dialog (RFC 3261 §14), from either side. */
    public SipScenario reInvite(boolean fromCaller, Sdp sdp) {
        Request r = newRequest("INVITE", fromCaller, fromCaller ? ++callerCseq : ++calleeCseq, true);
        invite = r;
        inviteFinalCode = 0;
        return sendRequest(r, new String[0], "application/sdp", sdp.toString());
    }

    /** ACK of the latest INVITE: a new transaction after 2xx, the INVITE's branch otherwise (RFC 3261 §17.1.1.3). */
    public SipScenario ack() {
        return ack(null);
    }

    /** ACK carrying the answer to an offer made in the 200 OK (late offer, RFC 3264 §4). */
    public SipScenario ack(Sdp sdp) {
        boolean success = inviteFinalCode >= 200 && inviteFinalCode < 300;
        String branch = success ? nextBranch() : invite.branch;
        Request r = new Request("ACK", invite.fromCaller, invite.cseq, branch, via(invite.fromCaller, branch),
                invite.from, toWithTag(invite));
        return sendRequest(r, new String[0], sdp == null ? null : "application/sdp", sdp == null ? null : sdp.toString());
    }

    /** CANCEL of the latest INVITE: same branch and CSeq number (RFC 3261 §9.1). */
    public SipScenario cancel() {
        Request r = new Request("CANCEL", invite.fromCaller, invite.cseq, invite.branch, invite.via, invite.from, invite.to);
        return sendRequest(r, new String[0], null, null);
    }

    public SipScenario info(boolean fromCaller, String contentType, String body) {
        Request r = newRequest("INFO", fromCaller, fromCaller ? ++callerCseq : ++calleeCseq, true);
        return sendRequest(r, new String[0], contentType, body);
    }

    /** UPDATE (RFC 3311) with a new offer, inside the (early) dialog. */
    public SipScenario update(boolean fromCaller, Sdp sdp) {
        Request r = newRequest("UPDATE", fromCaller, fromCaller ? ++callerCseq : ++calleeCseq, true);
        return sendRequest(r, new String[0], "application/sdp", sdp.toString());
    }

    /** Sends the frames of the latest SIP message again, as a retransmission (RFC 3261 §17.1.1.2). */
    public SipScenario retransmitLast() {
        List<Sent> last = new ArrayList<>();
        for (int i = sent.size() - 1; i >= 0; i--) {
            Sent x = sent.get(i);
            if (x.kind() != Kind.SIP) {
                continue;
            }
            if (!last.isEmpty() && !x.what().equals(last.get(0).what())) {
                break;
            }
            last.add(0, x);
        }
        for (Sent x : last) {
            sent.add(new Sent(now, x.frame(), Kind.SIP, x.what() + " again"));
        }
        now += MS;
        return this;
    }

    public SipScenario bye(boolean fromCaller) {
        Request r = newRequest("BYE", fromCaller, fromCaller ? ++callerCseq : ++calleeCseq, true);
        return sendRequest(r, new String[0], null, null);
    }

    // ---- SIP responses ----

    /** Answers the latest request other than ACK. */
    public SipScenario respond(int code) {
        return respond(code, null);
    }

    public SipScenario respond(int code, Sdp sdp, String... extraHeaders) {
        return respondTo(lastRequest.method, code, sdp, extraHeaders);
    }

    /** Answers the latest request of {@code method}, from the side that did not send it. */
    public SipScenario respondTo(String method, int code, Sdp sdp, String... extraHeaders) {
        Request r = lastByMethod.get(method);
        if (r == null) {
            throw new IllegalStateException("no " + method + " to answer");
        }
        String to = r.to;
        if (code > 100 && !to.contains(";tag=")) {
            to = to + ";tag=" + toTag;
            toTagKnown = true;
        }
        if (r == invite && code >= 200) {
            inviteFinalCode = code;
        }
        boolean fromCaller = !r.fromCaller;
        StringBuilder sb = new StringBuilder();
        sb.append("SIP/2.0 ").append(code).append(' ').append(reason(code)).append("\r\n");
        sb.append("Via: ").append(r.via).append("\r\n");
        sb.append("From: ").append(r.from).append("\r\n");
        sb.append("To: ").append(to).append("\r\n");
        sb.append("Call-ID: ").append(callId).append("\r\n");
        sb.append("CSeq: ").append(r.cseq).append(' ').append(r.method).append("\r\n");
        if (code >= 200 && code < 300) {
            sb.append("Contact: <sip:").append(user(fromCaller)).append('@').append(sip(fromCaller).hostPort()).append(">\r\n");
        }
        sb.append("User-Agent: ").append(userAgent(fromCaller)).append("\r\n");
        for (String h : extraHeaders) {
            sb.append(h).append("\r\n");
        }
        return send(fromCaller, withBody(sb, sdp == null ? null : "application/sdp", sdp == null ? null : sdp.toString()),
                code + " " + r.method);
    }

    private Request newRequest(String method, boolean fromCaller, int cseq, boolean inDialog) {
        String branch = nextBranch();
        String callerAddr = "\"Alice\" <sip:" + callerUser + "@" + domain + ">;tag=" + fromTag;
        String calleeAddr = "<sip:" + calleeUser + "@" + domain + ">";
        String calleeTagged = calleeAddr + ";tag=" + toTag;
        String from;
        String to;
        if (fromCaller) {
            from = callerAddr;
            to = inDialog ? calleeTagged : calleeAddr;
        } else {
            from = calleeTagged;
            to = callerAddr;
        }
        return new Request(method, fromCaller, cseq, branch, via(fromCaller, branch), from, to);
    }

    private String toWithTag(Request r) {
        return r.to.contains(";tag=") ? r.to : r.to + ";tag=" + toTag;
    }

    private SipScenario sendRequest(Request r, String[] extraHeaders, String contentType, String body) {
        if (!r.method.equals("ACK")) {
            lastRequest = r;
        }
        lastByMethod.put(r.method, r);
        boolean fromCaller = r.fromCaller;
        HostPort target = sip(!fromCaller);
        StringBuilder sb = new StringBuilder();
        sb.append(r.method).append(" sip:").append(user(!fromCaller)).append('@').append(target.hostPort()).append(" SIP/2.0\r\n");
        sb.append("Via: ").append(r.via).append("\r\n");
        sb.append("Max-Forwards: 70\r\n");
        sb.append("From: ").append(r.from).append("\r\n");
        sb.append("To: ").append(r.to).append("\r\n");
        sb.append("Call-ID: ").append(callId).append("\r\n");
        sb.append("CSeq: ").append(r.cseq).append(' ').append(r.method).append("\r\n");
        if (r.method.equals("INVITE")) {
            sb.append("Contact: <sip:").append(user(fromCaller)).append('@').append(sip(fromCaller).hostPort()).append(">\r\n");
        }
        sb.append("User-Agent: ").append(userAgent(fromCaller)).append("\r\n");
        for (String h : extraHeaders) {
            sb.append(h).append("\r\n");
        }
        return send(fromCaller, withBody(sb, contentType, body), r.method);
    }

    private byte[] withBody(StringBuilder headers, String contentType, String body) {
        byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            headers.append("Content-Type: ").append(contentType).append("\r\n");
        }
        headers.append("Content-Length: ").append(b.length).append("\r\n\r\n");
        return FrameBuilder.concat(headerRewrite.apply(headers.toString()).getBytes(StandardCharsets.UTF_8), b);
    }

    private String via(boolean fromCaller, String branch) {
        return "SIP/2.0/" + (tcp ? "TCP" : "UDP") + " " + sip(fromCaller).hostPort() + ";branch=" + branch;
    }

    private String nextBranch() {
        return "z9hG4bK-" + callId.hashCode() + "-" + (++branches); // RFC 3261 §8.1.1.7 magic cookie
    }

    private HostPort sip(boolean callerSide) {
        return callerSide ? caller : callee;
    }

    private String user(boolean callerSide) {
        return callerSide ? callerUser : calleeUser;
    }

    private static String userAgent(boolean callerSide) {
        return callerSide ? "CallerPhone/1.0" : "CalleePhone/2.0";
    }

    static String reason(int code) {
        return switch (code) {
            case 100 -> "Trying";
            case 180 -> "Ringing";
            case 183 -> "Session Progress";
            case 200 -> "OK";
            case 401 -> "Unauthorized";
            case 407 -> "Proxy Authentication Required";
            case 481 -> "Call/Transaction Does Not Exist";
            case 486 -> "Busy Here";
            case 487 -> "Request Terminated";
            default -> "Status " + code;
        };
    }

    // ---- transports ----

    private SipScenario send(boolean fromCaller, byte[] message, String what) {
        HostPort src = sip(fromCaller);
        HostPort dst = sip(!fromCaller);
        if (tcp) {
            sendTcp(fromCaller, message, what);
        } else if (fragmentMtu > 0 && message.length + FrameBuilder.IPV4_HEADER + FrameBuilder.UDP_HEADER > fragmentMtu) {
            List<byte[]> fragments = new ArrayList<>(link.udpFragments(src, dst, message, fragmentMtu));
            if (fragmentsReversed) {
                java.util.Collections.reverse(fragments);
            }
            for (byte[] f : fragments) {
                sent.add(new Sent(now, f, Kind.SIP, what + " fragment"));
                now += 100_000L;
            }
        } else {
            sent.add(new Sent(now, link.udp(src, dst, message), Kind.SIP, what));
        }
        now += MS;
        return this;
    }

    private void sendTcp(boolean fromCaller, byte[] message, String what) {
        openTcp();
        int dir = fromCaller ? 0 : 1;
        if (batching) {
            outbox[dir].writeBytes(message);
            batchedLengths.get(dir).add(message.length);
            return;
        }
        segment(fromCaller, tcpSeq[dir], message, Kind.SIP, what);
        tcpSeq[dir] += message.length;
    }

    private void openTcp() {
        if (tcpOpen) {
            return;
        }
        tcpOpen = true;
        // RFC 9293 §3.5 three-way handshake; data starts at ISN + 1.
        sent.add(new Sent(now, link.tcp(caller, callee, tcpSeq[0], 0, FrameBuilder.TCP_SYN, new byte[0]), Kind.TCP_CONTROL, "SYN"));
        sent.add(new Sent(now + 100_000L, link.tcp(callee, caller, tcpSeq[1], tcpSeq[0] + 1,
                FrameBuilder.TCP_SYN | FrameBuilder.TCP_ACK, new byte[0]), Kind.TCP_CONTROL, "SYN-ACK"));
        tcpSeq[0]++;
        tcpSeq[1]++;
        sent.add(new Sent(now + 200_000L, link.tcp(caller, callee, tcpSeq[0], tcpSeq[1], FrameBuilder.TCP_ACK, new byte[0]),
                Kind.TCP_CONTROL, "ACK"));
        now += MS;
    }

    private void segment(boolean fromCaller, long seq, byte[] data, Kind kind, String what) {
        HostPort src = sip(fromCaller);
        HostPort dst = sip(!fromCaller);
        long ack = tcpSeq[fromCaller ? 1 : 0];
        sent.add(new Sent(now, link.tcp(src, dst, seq & 0xffffffffL, ack & 0xffffffffL,
                FrameBuilder.TCP_PSH | FrameBuilder.TCP_ACK, data), kind, what));
    }

    /** From now on TCP messages are queued per direction until {@link #tcpFlush}. */
    public SipScenario tcpBatch() {
        batching = true;
        return this;
    }

    /** Lengths of the messages queued in one direction, in order. */
    public List<Integer> batchedLengths(boolean fromCaller) {
        return List.copyOf(batchedLengths.get(fromCaller ? 0 : 1));
    }

    /**
     * Sends the bytes queued in one direction as segments cut at {@code cuts} (offsets into the
     * queued bytes), emitted in the order of segment indexes {@code order}, 1 ms apart.
     */
    public SipScenario tcpFlush(boolean fromCaller, int[] cuts, int[] order) {
        int dir = fromCaller ? 0 : 1;
        byte[] data = outbox[dir].toByteArray();
        int[] bounds = new int[cuts.length + 2];
        System.arraycopy(cuts, 0, bounds, 1, cuts.length);
        bounds[bounds.length - 1] = data.length;
        if (order.length != cuts.length + 1) {
            throw new IllegalArgumentException("order must name every one of " + (cuts.length + 1) + " segments");
        }
        for (int i : order) {
            segment(fromCaller, tcpSeq[dir] + bounds[i], Arrays.copyOfRange(data, bounds[i], bounds[i + 1]), Kind.SIP,
                    "segment " + i);
            now += MS;
        }
        tcpSeq[dir] += data.length;
        outbox[dir].reset();
        batchedLengths.get(dir).clear();
        batching = outbox[1 - dir].size() > 0;
        return this;
    }

    // ---- media ----

    public SipScenario rtp(HostPort from, HostPort to, RtpTrain train) {
        for (RtpTrain.Packet p : train.packets()) {
            sent.add(new Sent(p.tsNanos(), link.udp(from, to, RtpTrain.bytes(p, train.ssrc())), Kind.RTP,
                    "RTP " + p.seq()));
        }
        return this;
    }

    /** RTP whose packets {@code protect} turns into what goes on the wire (SRTP), each as built. */
    public SipScenario rtp(HostPort from, HostPort to, RtpTrain train, java.util.function.UnaryOperator<byte[]> protect) {
        for (RtpTrain.Packet p : train.packets()) {
            sent.add(new Sent(p.tsNanos(), link.udp(from, to, protect.apply(RtpTrain.bytes(p, train.ssrc()))), Kind.RTP,
                    "SRTP " + p.seq()));
        }
        return this;
    }

    public SipScenario rtcp(HostPort from, HostPort to, long atNanos, byte[] compound) {
        sent.add(new Sent(atNanos, link.udp(from, to, compound), Kind.RTCP, "RTCP"));
        return this;
    }

    // ---- output ----

    /** Everything sent, in time order (stable for equal times). */
    public List<Sent> sent() {
        List<Sent> s = new ArrayList<>(sent);
        s.sort(Comparator.comparingLong(Sent::tsNanos));
        return s;
    }

    /** The capture: Ethernet frames in time order, numbered from 1. */
    public List<CapturedPacket> packets() {
        return merge(this);
    }

    /** Several scenarios on one capture, in time order. */
    public static List<CapturedPacket> merge(SipScenario... scenarios) {
        List<Sent> all = new ArrayList<>();
        for (SipScenario s : scenarios) {
            all.addAll(s.sent());
        }
        all.sort(Comparator.comparingLong(Sent::tsNanos));
        List<CapturedPacket> out = new ArrayList<>(all.size());
        for (Sent s : all) {
            out.add(packet(s, out.size() + 1));
        }
        return out;
    }

    static CapturedPacket packet(Sent s, long number) {
        CapturedPacket p = new CapturedPacket(s.frame().length);
        System.arraycopy(s.frame(), 0, p.data, 0, s.frame().length);
        p.capturedLength = s.frame().length;
        p.originalLength = s.frame().length;
        p.linkType = LinkType.ETHERNET;
        p.tsNanos = s.tsNanos();
        p.frameNumber = number;
        return p;
    }

    /** Writes the capture as classic pcap, for opening in Wireshark. */
    public void writePcap(Path file) throws IOException {
        try (PcapWriter w = new PcapWriter(file, LinkType.ETHERNET, 65_535)) {
            for (CapturedPacket p : packets()) {
                w.write(p);
            }
        }
    }
}
