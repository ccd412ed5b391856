package org.callscope.engine.call;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.cdr.Cdr;
import org.callscope.engine.cdr.RtpStreamReport;
import org.callscope.engine.cdr.TlsSummary;
import org.callscope.engine.media.CallSide;
import org.callscope.engine.media.MediaEndpoint;
import org.callscope.engine.media.MediaOwner;
import org.callscope.engine.media.MediaStream;
import org.callscope.engine.media.PayloadFormat;
import org.callscope.engine.media.SrtpCandidate;
import org.callscope.engine.media.TimedDigits;
import org.callscope.engine.sip.NameAddr;
import org.callscope.engine.sip.SipMessage;
import org.callscope.engine.sip.SipUri;

/**
 * The live state of one call (one Call-ID that started with an INVITE), on packet time.
 * Owned by the signalling thread; media activity reaches it through {@link MediaOwner}.
 */
final class Call implements MediaOwner {
    /** Distinct messages remembered for retransmission detection; a call with more is pathological. */
    static final int MAX_REMEMBERED_MESSAGES = 4096;

    final String callId;
    final long firstNanos;
    final String callerTag;
    final String callerIp;
    final int callerPort;
    final String calledIp;
    final int calledPort;
    final String transport;
    private TlsSummary tls;
    final String caller;
    final String callerDomain;
    final String callername;
    final String called;
    final String calledDomain;
    final String userAgentCaller;
    final CallRecorder recorder;

    long lastNanos;
    long connectNanos;
    int finalCode;
    String finalReason = "";
    int lastProvisionalCode;
    String lastProvisionalReason = "";
    String userAgentCalled;
    CallSide hangupBy;
    String endReason;
    long endedNanos;
    int sipMessages;
    int retransmissions;
    final List<MediaStream.TimedDigit> infoDigits = new ArrayList<>();
    final List<MediaStream> streams = new ArrayList<>();
    final List<MediaEndpoint> endpoints = new ArrayList<>();
    private PayloadFormat[] callerFormats;
    private PayloadFormat[] calleeFormats;
    /** Per side (caller, callee), per m= line of its latest SDP with a=crypto lines. */
    @SuppressWarnings("unchecked")
    private final List<SdesOffer>[] sdes = new List[2];
    private final Set<String> seenMessages = new HashSet<>();
    /** The SIP frame last written to the recorder, so a frame shared by two messages is written once. */
    private CapturedPacket lastSipFrame;

    Call(SipEvent invite, CallRecorder recorder) {
        SipMessage m = invite.message();
        this.callId = m.callId();
        this.firstNanos = invite.tsNanos();
        this.lastNanos = invite.tsNanos();
        NameAddr from = m.from();
        NameAddr to = m.to();
        this.callerTag = from == null ? null : from.tag();
        this.callerIp = invite.srcIp();
        this.callerPort = invite.srcPort();
        this.calledIp = invite.dstIp();
        this.calledPort = invite.dstPort();
        this.transport = invite.transport();
        SipUri fromUri = from == null ? null : from.uri();
        SipUri toUri = to == null ? null : to.uri();
        SipUri requestUri = SipUri.parse(m.requestUri());
        this.caller = userOf(fromUri);
        this.callerDomain = hostOf(fromUri);
        this.callername = from == null || from.displayName() == null ? "" : from.displayName();
        String toUser = userOf(toUri);
        this.called = toUser.isEmpty() ? userOf(requestUri) : toUser;
        this.calledDomain = toUri != null ? hostOf(toUri) : hostOf(requestUri);
        this.userAgentCaller = nullToEmpty(m.userAgent());
        this.recorder = recorder;
    }

    /** True when {@code e} was sent by the caller (its From tag is the caller's, or by address). */
    boolean sentByCaller(SipEvent e) {
        SipMessage m = e.message();
        NameAddr from = m.from();
        String tag = from == null ? null : from.tag();
        if (callerTag != null && tag != null) {
            return m.isRequest() == callerTag.equals(tag);
        }
        return e.srcIp().equals(callerIp) && e.srcPort() == callerPort;
    }

    /** Counts the message; returns false if it repeats one already seen (a retransmission). */
    boolean account(SipEvent e) {
        sipMessages++;
        lastNanos = Math.max(lastNanos, e.tsNanos());
        if (e.tls() != null) {
            tls = e.tls();
        }
        for (CapturedPacket f : e.frames()) {
            if (!sameFrame(f, lastSipFrame)) {
                recorder.sip(f);
                lastSipFrame = f;
            }
        }
        String key = retransmissionKey(e);
        if (seenMessages.contains(key)) {
            retransmissions++;
            return false;
        }
        if (seenMessages.size() < MAX_REMEMBERED_MESSAGES) {
            seenMessages.add(key);
        }
        return true;
    }

    /**
     * One TCP segment can end one message and start the next: both messages then name that frame.
     * Frames arrive in capture order, so a repeat is always the frame written just before.
     */
    private static boolean sameFrame(CapturedPacket a, CapturedPacket b) {
        return b != null && a.frameNumber == b.frameNumber && a.tsNanos == b.tsNanos
                && a.interfaceId == b.interfaceId && a.capturedLength == b.capturedLength;
    }

    private static String retransmissionKey(SipEvent e) {
        SipMessage m = e.message();
        String first = m.isRequest() ? m.method() : Integer.toString(m.statusCode());
        NameAddr to = m.to();
        return first + '|' + m.cseqNumber() + '|' + m.cseqMethod() + '|' + m.viaBranch() + '|'
                + (to == null ? "" : to.tag()) + '|' + e.srcIp() + ':' + e.srcPort() + '>' + e.dstIp() + ':' + e.dstPort();
    }

    boolean answered() {
        return connectNanos != 0;
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public void onStream(MediaStream stream) {
        streams.add(stream);
    }

    @Override
    public void onMediaActivity(long tsNanos) {
        if (tsNanos > lastNanos) {
            lastNanos = tsNanos;
        }
    }

    @Override
    public boolean recordsMedia() {
        return recorder != CallRecorder.NONE;
    }

    /** Packet time of the latest SIP, RTCP or RTP packet of this call. */
    long lastActivityNanos() {
        long last = lastNanos;
        for (MediaStream s : streams) {
            last = Math.max(last, s.lastNanos());
        }
        return last;
    }

    @Override
    public void onMediaFrame(CapturedPacket frame) {
        recorder.rtp(frame);
    }

    @Override
    public void onEndpointLearned(MediaEndpoint endpoint) {
        endpoints.add(endpoint);
    }

    @Override
    public PayloadFormat[] formatsReceivedBy(CallSide side) {
        return side == CallSide.CALLER ? callerFormats : calleeFormats;
    }

    @Override
    public boolean hasAnnounced(CallSide side) {
        return formatsReceivedBy(side) != null;
    }

    /** Records the formats {@code side} announced in its latest SDP. */
    void announcedFormats(CallSide side, PayloadFormat[] formats) {
        if (side == CallSide.CALLER) {
            callerFormats = formats;
        } else {
            calleeFormats = formats;
        }
    }

    /**
     * Records the a=crypto lines of {@code side}'s latest SDP, one entry per m= line. When they
     * answer the other side's offer, the accepted line of that offer goes first.
     */
    void announcedSdes(CallSide side, List<SdesOffer> perMedia) {
        List<SdesOffer> other = sdes[side.other().ordinal()];
        if (other != null) {
            List<SdesOffer> narrowed = new ArrayList<>(other.size());
            for (int i = 0; i < other.size(); i++) {
                narrowed.add(other.get(i).acceptedBy(i < perMedia.size() ? perMedia.get(i) : null));
            }
            sdes[side.other().ordinal()] = narrowed;
        }
        sdes[side.ordinal()] = perMedia;
    }

    @Override
    public List<SrtpCandidate> sdesKeysSentBy(CallSide sender, int mediaIndex) {
        List<SdesOffer> offers = sdes[sender.ordinal()];
        if (offers == null || mediaIndex >= offers.size()) {
            return List.of();
        }
        return offers.get(mediaIndex).keys();
    }

    @Override
    public MediaStream streamBySsrc(long ssrc) {
        for (MediaStream s : streams) {
            if (s.ssrc() == ssrc) {
                return s;
            }
        }
        return null;
    }

    Cdr toCdr() {
        List<RtpStreamReport> rtp = new ArrayList<>(streams.size());
        List<List<MediaStream.TimedDigit>> digitSources = new ArrayList<>();
        digitSources.add(infoDigits);
        for (MediaStream s : streams) {
            rtp.add(s.report());
            digitSources.add(s.digits());
        }
        int code = finalCode != 0 ? finalCode : lastProvisionalCode;
        String reason = finalCode != 0 ? finalReason : lastProvisionalReason;
        return new Cdr(callId, instant(firstNanos), instant(lastActivityNanos()),
                connectNanos == 0 ? null : instant(connectNanos),
                caller, callerDomain, callername, called, calledDomain,
                callerIp, callerPort, calledIp, calledPort, transport,
                code, reason,
                hangupBy == null ? null : (hangupBy == CallSide.CALLER ? "caller" : "callee"),
                userAgentCaller, nullToEmpty(userAgentCalled),
                sipMessages, retransmissions,
                TimedDigits.merge(digitSources),
                endReason, rtp, tls);
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(0, nanos);
    }

    private static String userOf(SipUri uri) {
        return uri == null || uri.user() == null ? "" : uri.user();
    }

    private static String hostOf(SipUri uri) {
        return uri == null || uri.host() == null ? "" : uri.host();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
