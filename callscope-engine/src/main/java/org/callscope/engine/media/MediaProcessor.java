package org.callscope.engine.media;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.bytes.Bytes;
import org.callscope.engine.bytes.PackedEndpoint;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.cdr.RtpStreamReport;
import org.callscope.engine.decode.DecodedPacket;
import org.callscope.engine.dtlssrtp.DtlsSrtpTracker;
import org.callscope.engine.rtp.RtcpParser;
import org.callscope.engine.rtp.RtcpReport;
import org.callscope.engine.rtp.RtcpRoundTrip;
import org.callscope.engine.rtp.RtpHeuristic;
import org.callscope.engine.rtp.RtpView;
import org.callscope.engine.srtp.SrtpContext;

/**
 * Media path for UDP packets that are not signalling: finds the endpoint an SDP announced (by
 * destination, then by source for symmetric RTP), the stream by (source, destination, SSRC), and
 * updates its statistics. A packet of a known stream costs one hash lookup: the stream remembers
 * what the endpoint lookups returned and reuses it while the endpoint table has not changed in a
 * way that could alter it. RTP that no SDP announced is tracked as unassociated streams and
 * reported only if it looks like a real stream (sequence numbers mostly step by one).
 *
 * <p>One instance per media thread; the hot path allocates only when a stream is new.
 */
public final class MediaProcessor {
    /** Unassociated candidate streams kept at once; each random UDP flow that parses as RTP is one. */
    static final int MAX_UNASSOCIATED = 100_000;
    /** Fewest packets for an unassociated stream to be reported (the MGCP-set-up stream in Wireshark's samples has 6). */
    static final int MIN_UNASSOCIATED_PACKETS = 4;
    /** A candidate idle this long (packet time) is dropped or reported. */
    static final long UNASSOCIATED_IDLE_NANOS = 60_000_000_000L;

    private final MediaEndpointTable endpoints;
    private final AnomalyCounters anomalies;
    private final StreamTable streams = new StreamTable();
    private final List<MediaStream> unassociated = new ArrayList<>();
    private final RtpView rtp = new RtpView();
    private final RtcpParser rtcpParser = new RtcpParser();
    private final RtcpReport rtcpReport = new RtcpReport();
    private final Consumer<RtpStreamReport> unassociatedSink;
    private final SrtpKeyring keyring;
    /** Where decrypted SRTP and SRTCP go; a UDP datagram is at most this long. */
    private final byte[] plain = new byte[65_536];
    private final RtpView plainRtp = new RtpView();
    /** Held packets are decrypted here, while {@link #plain} holds the packet that brought their key. */
    private final byte[] heldPlain = new byte[65_536];
    private final RtpView heldRtp = new RtpView();
    private MediaPayloadListener payloadListener;
    private DtlsSrtpTracker dtls;

    public MediaProcessor(MediaEndpointTable endpoints, AnomalyCounters anomalies, Consumer<RtpStreamReport> unassociatedSink) {
        this(endpoints, anomalies, unassociatedSink, new SrtpKeyring());
    }

    public MediaProcessor(MediaEndpointTable endpoints, AnomalyCounters anomalies, Consumer<RtpStreamReport> unassociatedSink,
                          SrtpKeyring keyring) {
        this.endpoints = endpoints;
        this.anomalies = anomalies;
        this.unassociatedSink = unassociatedSink;
        this.keyring = keyring;
    }

    /** SRTP keys not tied to a call's SDP. */
    public SrtpKeyring keyring() {
        return keyring;
    }

    /** Follows DTLS-SRTP handshakes on media addresses with {@code tracker}, which reports to {@link #keyring()}. */
    public void setDtlsTracker(DtlsSrtpTracker tracker) {
        this.dtls = tracker;
    }

    /** Hands every readable RTP payload to {@code listener} as well (null: to nobody). */
    public void setPayloadListener(MediaPayloadListener listener) {
        this.payloadListener = listener;
    }

    /** Handles one UDP datagram that was not SIP. {@code frame} is the frame it came in, for spooling. */
    public void onUdp(DecodedPacket p, CapturedPacket frame) {
        byte[] buf = p.payload;
        int off = p.payloadOffset;
        int len = p.payloadLength;
        int addrLen = p.addrLength();
        long srcKey = PackedEndpoint.pack(p.srcAddr, addrLen, p.srcPort);
        long dstKey = PackedEndpoint.pack(p.dstAddr, addrLen, p.dstPort);
        boolean rtcpLike = RtpHeuristic.looksLikeRtcp(buf, off, len);
        boolean rtpOk = !rtcpLike && rtp.wrap(buf, off, len);
        long ssrc = 0;
        long hash = 0;
        MediaStream s = null;
        if (rtpOk) {
            // Known stream first: one lookup. Its remembered endpoint resolution stands in for
            // the endpoint lookups as long as the endpoint table has not changed under it.
            ssrc = rtp.ssrc() & 0xffffffffL;
            hash = StreamTable.hash(srcKey, dstKey, ssrc);
            s = streams.find(hash, srcKey, dstKey, ssrc, p);
            if (s != null && s.resolutionCurrent(endpoints.announcements(), endpoints.endings())) {
                // The owner learns of this packet's time from the stream itself (it asks its
                // streams when it checks timeouts), so the common case touches only the stream.
                if (s.recordsFrames) {
                    s.owner.onMediaFrame(frame);
                } else if (s.owner == null && !plausibleUnannounced(rtp.payloadType())) {
                    return;
                }
                onRtp(s, p, buf);
                return;
            }
        }
        MediaEndpoint ep = endpoints.find(p.dstAddr, addrLen, dstKey);
        boolean viaDestination = ep != null;
        CallSide sender;
        if (ep != null) {
            sender = ep.receiver.other();
        } else {
            ep = endpoints.find(p.srcAddr, addrLen, srcKey);
            sender = ep == null ? null : ep.receiver;
        }
        if (dtls != null && onDtls(p, frame, ep, rtpOk, buf, off, len)) {
            return;
        }
        if (ep != null) {
            MediaOwner owner = ep.owner;
            owner.onMediaActivity(p.tsNanos);
            owner.onMediaFrame(frame);
            if (ep.rtcp || rtcpLike) {
                onRtcp(owner, p, buf, off, len, ep.srtp);
                return;
            }
        } else if (rtcpLike) {
            return;
        }
        if (!rtpOk) {
            if (ep != null) {
                // Keep-alives and STUN share media ports; only a version-2 header that does not fit is truncated RTP.
                anomalies.count(RtpView.isVersion2(buf, off, len) ? Anomaly.RTP_TRUNCATED : Anomaly.RTP_BAD_VERSION);
            }
            return;
        }
        if (ep == null && !plausibleUnannounced(rtp.payloadType())) {
            return;
        }
        if (s != null && s.owner != (ep == null ? null : ep.owner)) {
            // The address pair now belongs to another call (ports and SSRC reused, or SDP seen
            // after the first packets): the old stream keeps what it counted, a new one starts.
            streams.remove(hash, s);
            s = null;
        }
        if (s == null) {
            s = newStream(p, ssrc, srcKey, dstKey, hash, ep, sender, viaDestination);
            if (s == null) {
                return;
            }
        }
        s.resolved(ep, viaDestination, endpoints.announcements(), endpoints.endings());
        onRtp(s, p, buf);
    }

    /**
     * The first packet a key decrypted brings the packets held before it: their headers were
     * counted when they came, now their payloads are read, in order and before the new packet's.
     */
    private void replayHeld(MediaStream s, StreamDecryption d) {
        StreamDecryption.Held h;
        while ((h = d.takeHeld()) != null) {
            int n = d.unprotectHeld(h, heldPlain);
            RtpView r = heldRtp;
            if (n > 0 && r.wrap(heldPlain, 0, n)) {
                s.onLatePayload(h.tsNanos(), r.timestamp(), r.payloadType(), heldPlain, r.payloadOffset(), r.payloadLength());
                MediaPayloadListener l = payloadListener;
                if (l != null) {
                    l.onPayload(s, h.tsNanos(), r.sequence(), r.timestamp(), r.payloadType(), r.marker(),
                            heldPlain, r.payloadOffset(), r.payloadLength());
                }
            }
        }
    }

    /**
     * RFC 7983: a first byte of 20..63 is DTLS. Media of a pair shows the tracker the pair carries
     * a call (VoIPmonitor's DTLS queue waits for that): an SDP announced it, or SRTP flows on it.
     *
     * @return true when the datagram was DTLS and taken
     */
    private boolean onDtls(DecodedPacket p, CapturedPacket frame, MediaEndpoint ep, boolean rtpOk, byte[] buf, int off, int len) {
        boolean media = ep != null || (rtpOk && dtls.settings().queue());
        if (!dtls.onDatagram(p.srcAddr, p.srcPort, p.dstAddr, p.dstPort, p.addrLength(), media, p.tsNanos, buf, off, len)) {
            return false;
        }
        keyring.dtlsSeen(SrtpKeyring.endpoint(p.srcAddr, p.addrLength(), p.srcPort),
                SrtpKeyring.endpoint(p.dstAddr, p.addrLength(), p.dstPort));
        if (ep != null) {
            ep.owner.onMediaActivity(p.tsNanos);
            ep.owner.onMediaFrame(frame);
        }
        return true;
    }

    private void onRtp(MediaStream s, DecodedPacket p, byte[] buf) {
        RtpView r = rtp;
        StreamDecryption d = s.decryption;
        if (d != null) {
            int n = d.unprotectRtp(s, buf, p.payloadOffset, p.payloadLength, plain, endpoints.announcements());
            if (n == StreamDecryption.NO_KEY) {
                d.hold(p.tsNanos, buf, p.payloadOffset, p.payloadLength);
            } else if (n > 0 && d.hasHeld()) {
                replayHeld(s, d);
            }
            if (n > 0 && plainRtp.wrap(plain, 0, n)) {
                r = plainRtp;
                buf = plain;
            } else {
                // Headers are in the clear, so sequence, timing and loss still count; the payload does not.
                s.onRtp(p.tsNanos, r.sequence(), r.timestamp(), r.payloadType(), r.marker(),
                        buf, r.payloadOffset(), r.payloadLength(), false);
                return;
            }
        }
        s.onRtp(p.tsNanos, r.sequence(), r.timestamp(), r.payloadType(), r.marker(),
                buf, r.payloadOffset(), r.payloadLength(), true);
        MediaPayloadListener l = payloadListener;
        if (l != null) {
            l.onPayload(s, p.tsNanos, r.sequence(), r.timestamp(), r.payloadType(), r.marker(),
                    buf, r.payloadOffset(), r.payloadLength());
        }
    }

    private MediaStream newStream(DecodedPacket p, long ssrc, long srcKey, long dstKey, long hash,
                                  MediaEndpoint ep, CallSide sender, boolean viaDestination) {
        if (ep == null && unassociated.size() >= MAX_UNASSOCIATED) {
            anomalies.count(Anomaly.MEDIA_TABLE_FULL);
            return null;
        }
        MediaOwner owner = ep == null ? null : ep.owner;
        boolean srtp = ep != null && ep.srtp;
        PayloadFormat[] formats = null;
        if (ep != null) {
            // Found by destination, the endpoint is the receiver's; found by source it is the
            // sender's, and the receiver's own announcement says what the payload types mean.
            formats = viaDestination ? ep.formats : owner.formatsReceivedBy(sender.other());
            if (formats == null) {
                formats = ep.formats;
            }
        }
        if (!srtp && keyring.version() != 0) {
            srtp = keyring.knowsFlow(SrtpKeyring.endpoint(p.srcAddr, p.addrLength(), p.srcPort),
                    SrtpKeyring.endpoint(p.dstAddr, p.addrLength(), p.dstPort));
        }
        MediaStream s = new MediaStream(ssrc, srcKey, dstKey, p, owner, sender, ep, formats, srtp, keyring);
        streams.add(hash, s);
        if (owner == null) {
            unassociated.add(s);
        } else {
            owner.onStream(s);
            learnSymmetricSource(p, srcKey, ep, sender, owner);
        }
        return s;
    }

    /**
     * Symmetric RTP (RFC 4961): a side sends from where it receives. When media reaches an
     * announced endpoint from an address nobody announced (NAT), the source becomes the sender's
     * receiving endpoint, so the reverse stream is found too.
     */
    private void learnSymmetricSource(DecodedPacket p, long srcKey, MediaEndpoint ep, CallSide sender, MediaOwner owner) {
        if (endpoints.find(p.srcAddr, p.addrLength(), srcKey) != null) {
            return;
        }
        byte[] addr = java.util.Arrays.copyOf(p.srcAddr, p.addrLength());
        PayloadFormat[] own = owner.formatsReceivedBy(sender);
        MediaEndpoint learned = endpoints.announce(addr, p.srcPort, sender, false, own != null ? own : ep.formats, owner, ep.srtp,
                ep.mediaIndex);
        if (learned != null) {
            owner.onEndpointLearned(learned);
        }
    }

    private static boolean plausibleUnannounced(int pt) {
        // Static audio/video types and the dynamic range; 72-76 would be RTCP (RFC 5761 §4).
        return pt <= 34 || (pt >= 96 && pt <= 127);
    }

    /**
     * Hands what a compound RTCP packet (RFC 3550 §6.1) says about the owner's streams to them:
     * SR/RR report blocks (§6.4.1, with the round trip from LSR and DLSR) and RFC 3611 VoIP
     * metrics. Reports about SSRCs the owner does not have are ignored.
     */
    private void onRtcp(MediaOwner owner, DecodedPacket p, byte[] buf, int off, int len, boolean srtp) {
        long arrivalNanos = p.tsNanos;
        byte[] srcAddr = p.srcAddr;
        byte[] dstAddr = p.dstAddr;
        int addrLen = p.addrLength();
        int srcPort = p.srcPort;
        int dstPort = p.dstPort;
        if (srtp) {
            if (!keyring.decryptsRtcp()) {
                return;
            }
            // SRTCP: the sender's SSRC (RFC 3550 §6.4.1) is in the clear and names the stream
            // whose key protects it; without that key the reports cannot be read.
            int n = -1;
            SrtpContext own = dtls == null ? null : keyring.dtlsRtcpContext(SrtpKeyring.endpoint(srcAddr, addrLen, srcPort),
                    SrtpKeyring.endpoint(dstAddr, addrLen, dstPort));
            if (own != null) {
                n = own.unprotectRtcp(buf, off, len, plain, 0);
            } else {
                MediaStream sender = len >= 8 ? owner.streamBySsrc(Bytes.u32(buf, off + 4)) : null;
                n = sender == null || sender.decryption == null ? -1 : sender.decryption.unprotectRtcp(buf, off, len, plain);
            }
            if (n <= 0) {
                return;
            }
            buf = plain;
            off = 0;
            len = n;
        }
        RtcpReport r = rtcpReport;
        if (!rtcpParser.parse(buf, off, len, r)) {
            // Counted, but the packets read before the fault (often trailing bytes after a valid
            // SR/RR/SDES, as some phones send) still carry usable report blocks.
            anomalies.count(Anomaly.RTCP_MALFORMED);
        }
        long arrival = RtcpRoundTrip.ntpMiddle32(arrivalNanos);
        for (int i = 0; i < r.reportBlockCount; i++) {
            MediaStream s = owner.streamBySsrc(r.blockSsrc[i]);
            if (s != null) {
                double rtt = RtcpRoundTrip.roundTripMillis(arrival, r.blockLastSr[i], r.blockDelaySinceLastSr[i]);
                s.onReportBlock(r.blockFractionLost[i] / 256.0, r.blockCumulativeLost[i], r.blockJitter[i],
                        rtt < 0 ? Double.NaN : rtt);
            }
        }
        if (r.hasVoipMetrics) {
            MediaStream s = owner.streamBySsrc(r.xrSsrc);
            if (s != null) {
                s.onVoipMetrics(r.xrLossRate / 256.0, r.xrDiscardRate / 256.0, r.xrRoundTripDelay,
                        r.xrMosLqValue(), r.xrMosCqValue());
            }
        }
    }

    /** Removes the streams of a finished call. */
    public void release(List<MediaStream> owned) {
        for (MediaStream s : owned) {
            streams.remove(StreamTable.hash(s.srcKey, s.dstKey, s.ssrc), s);
        }
    }

    /** Reports and drops unassociated streams idle since before {@code nowNanos - idle}. */
    public void expire(long nowNanos) {
        sweep(nowNanos - UNASSOCIATED_IDLE_NANOS);
    }

    /** End of input: reports every remaining unassociated stream. */
    public void flush() {
        sweep(Long.MAX_VALUE);
    }

    private void sweep(long idleBefore) {
        List<MediaStream> keep = new ArrayList<>(unassociated.size());
        for (MediaStream s : unassociated) {
            if (s.lastNanos() < idleBefore) {
                streams.remove(StreamTable.hash(s.srcKey, s.dstKey, s.ssrc), s);
                if (looksLikeRealStream(s)) {
                    unassociatedSink.accept(s.report());
                }
            } else {
                keep.add(s);
            }
        }
        unassociated.clear();
        unassociated.addAll(keep);
    }

    private static boolean looksLikeRealStream(MediaStream s) {
        long packets = s.packets();
        return packets >= MIN_UNASSOCIATED_PACKETS && s.sequentialRatio() >= 0.8;
    }
}
