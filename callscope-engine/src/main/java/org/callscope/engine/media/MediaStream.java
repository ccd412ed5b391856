package org.callscope.engine.media;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.callscope.engine.bytes.PackedEndpoint;
import org.callscope.engine.cdr.RtpStreamReport;
import org.callscope.engine.cdr.SrtpSummary;
import org.callscope.engine.decode.DecodedPacket;
import org.callscope.engine.rtp.DtmfEventDecoder;
import org.callscope.engine.rtp.EModel;
import org.callscope.engine.rtp.RtpCodecs;
import org.callscope.engine.rtp.RtpStreamStats;

/**
 * One RTP stream: one SSRC from one source to one destination. Owned by the media path that
 * created it; per-packet updates allocate nothing.
 */
public final class MediaStream {
    final long ssrc;
    final long srcKey;
    final long dstKey;
    final byte[] srcAddr;
    final int srcPort;
    final byte[] dstAddr;
    final int dstPort;
    final MediaOwner owner;
    /** The owner keeps a per-call capture of media frames. */
    final boolean recordsFrames;
    final CallSide sender;
    final MediaEndpoint endpoint;
    /** Payload formats of the receiving side: RTP uses the receiver's payload type numbers. */
    private final PayloadFormat[] formats;
    final RtpStreamStats stats = new RtpStreamStats();
    private final DtmfEventDecoder dtmf;
    private final List<TimedDigit> digits = new ArrayList<>();
    /** The payload is SRTP: the SDP said so, or a key or DTLS handshake names the stream's addresses. */
    private final boolean srtp;
    /** Decryption state of an SRTP stream; null for plain RTP. */
    StreamDecryption decryption;
    private final SrtpKeyring keyring;
    private int payloadType = -1;
    private String codec;
    private final int telephoneEvent;
    private int lastSeq = -1;
    private long sequentialPackets;
    private long firstNanos;
    private long lastNanos;
    private MediaEndpoint resolvedEndpoint;
    private boolean resolvedViaDestination;
    /** -1 until first resolved, so a fresh stream never counts as resolved. */
    private int resolvedAtAnnouncement = -1;
    /** {@link MediaEndpointTable#endings()} when {@link #resolvedEndpoint} was last seen live. */
    private int liveAtEndings;

    /** Null until the first RTCP report about this stream. */
    private RtcpFigures rtcp;

    MediaStream(long ssrc, long srcKey, long dstKey, DecodedPacket p, MediaOwner owner, CallSide sender,
                MediaEndpoint endpoint, PayloadFormat[] formats, boolean srtp, SrtpKeyring keyring) {
        this.ssrc = ssrc;
        this.srcKey = srcKey;
        this.dstKey = dstKey;
        this.srcAddr = Arrays.copyOf(p.srcAddr, p.addrLength());
        this.srcPort = p.srcPort;
        this.dstAddr = Arrays.copyOf(p.dstAddr, p.addrLength());
        this.dstPort = p.dstPort;
        this.owner = owner;
        this.recordsFrames = owner != null && owner.recordsMedia();
        this.sender = sender;
        this.endpoint = endpoint;
        this.formats = formats;
        this.srtp = srtp;
        this.keyring = keyring;
        if (srtp) {
            decryption = new StreamDecryption(this, keyring);
        }
        this.telephoneEvent = PayloadFormat.telephoneEventType(formats);
        this.dtmf = new DtmfEventDecoder(telephoneEvent);
        stats.setTelephoneEventPayloadType(telephoneEvent);
    }

    /**
     * This stream's tuple? IPv4 {@link PackedEndpoint} keys are exact (address and port), so equal
     * keys decide; IPv6 keys hash the address, so those are confirmed byte by byte.
     */
    boolean matches(long srcKey, long dstKey, long ssrc, DecodedPacket p) {
        if (this.ssrc != ssrc || this.srcKey != srcKey || this.dstKey != dstKey) {
            return false;
        }
        return !PackedEndpoint.isIpv6(srcKey)
                || srcAddr.length == p.addrLength()
                        && Arrays.equals(srcAddr, 0, srcAddr.length, p.srcAddr, 0, srcAddr.length)
                        && Arrays.equals(dstAddr, 0, dstAddr.length, p.dstAddr, 0, dstAddr.length);
    }

    /** Remembers what the endpoint lookups for this stream's packets returned (see {@link #resolution}). */
    void resolved(MediaEndpoint ep, boolean viaDestination, int announcements, int endings) {
        resolvedEndpoint = ep;
        resolvedViaDestination = viaDestination;
        resolvedAtAnnouncement = announcements;
        liveAtEndings = endings;
    }

    /**
     * Whether the endpoint lookups (by destination, then by source) would still return what they
     * returned for this stream's last packet, without doing them: a found endpoint stays found
     * while it is {@link MediaEndpoint#live}; a lookup that found nothing keeps finding nothing
     * until the next announcement. The endpoint itself is read only when some endpoint has
     * stopped being live since this stream last looked ({@code endings} moved): with thousands
     * of streams it is one cache miss per packet less.
     */
    boolean resolutionCurrent(int announcements, int endings) {
        if (!resolvedViaDestination && resolvedAtAnnouncement != announcements) {
            return false;
        }
        MediaEndpoint ep = resolvedEndpoint;
        if (ep == null || liveAtEndings == endings) {
            return true;
        }
        if (!ep.live()) {
            return false;
        }
        liveAtEndings = endings;
        return true;
    }

    /** The endpoint of the last resolution; valid while {@link #resolutionCurrent} holds. */
    MediaEndpoint resolution() {
        return resolvedEndpoint;
    }

    /** The format the receiver announced for {@code pt}, or null. */
    public PayloadFormat format(int pt) {
        return PayloadFormat.find(formats, pt);
    }

    /**
     * Accounts one RTP packet. Allocation-free except when a DTMF digit completes. {@code
     * payloadReadable} is false for SRTP that was not decrypted: its headers still count, its
     * payload (DTMF events) is not read.
     */
    void onRtp(long tsNanos, int seq, long rtpTimestamp, int pt, boolean marker,
               byte[] buf, int payloadOff, int payloadLen, boolean payloadReadable) {
        if (firstNanos == 0) {
            firstNanos = tsNanos;
        }
        lastNanos = tsNanos;
        if (lastSeq >= 0 && ((lastSeq + 1) & 0xffff) == seq) {
            sequentialPackets++;
        }
        lastSeq = seq;
        if (pt == telephoneEvent) {
            char digit = payloadReadable ? dtmf.onPayload(rtpTimestamp, buf, payloadOff, payloadLen) : DtmfEventDecoder.NONE;
            if (digit != DtmfEventDecoder.NONE) {
                digits.add(new TimedDigit(tsNanos, digit));
            }
        } else if (payloadType < 0 && !RtpCodecs.isComfortNoise(pt)) {
            payloadType = pt;
            PayloadFormat f = PayloadFormat.find(formats, pt);
            codec = f != null && f.encoding() != null ? f.encoding() : RtpCodecs.encodingName(pt);
            if (RtpCodecs.isDynamic(pt)) {
                stats.setClockRate(f != null && f.clockRate() > 0 ? f.clockRate() : RtpCodecs.clockRate(codec));
            }
            stats.setCodec(EModel.Codec.forPayloadType(pt));
        }
        stats.onPacket(tsNanos, seq, rtpTimestamp, pt, marker, payloadLen);
    }

    /**
     * The payload of a packet counted earlier without it (SRTP held until its key came): only
     * what needs the payload, DTMF events, is read now.
     */
    void onLatePayload(long tsNanos, long rtpTimestamp, int pt, byte[] buf, int payloadOff, int payloadLen) {
        if (pt == telephoneEvent) {
            char digit = dtmf.onPayload(rtpTimestamp, buf, payloadOff, payloadLen);
            if (digit != DtmfEventDecoder.NONE) {
                digits.add(new TimedDigit(tsNanos, digit));
            }
        }
    }

    /** Share of packets whose sequence number followed the previous one: real RTP is near 1. */
    double sequentialRatio() {
        long packets = stats.packets();
        return packets <= 1 ? 0 : (double) sequentialPackets / (packets - 1);
    }

    /** An RTCP report block whose subject is this stream (RFC 3550 §6.4.1). */
    void onReportBlock(double fractionLost, long cumulativeLost, long jitterUnits, double rttMs) {
        int clock = payloadType >= 0 && !RtpCodecs.isDynamic(payloadType) ? RtpCodecs.staticClockRate(payloadType)
                : stats.clockRate() > 0 ? stats.clockRate() : 8000;
        rtcp().onReportBlock(fractionLost, cumulativeLost, jitterUnits * 1000.0 / clock, rttMs);
    }

    /** An RFC 3611 §4.7 VoIP metrics block about this stream: the latest one wins. */
    void onVoipMetrics(double lossRate, double discardRate, int roundTripMs, double mosLq, double mosCq) {
        rtcp().onVoipMetrics(lossRate, discardRate, roundTripMs, mosLq, mosCq);
    }

    private RtcpFigures rtcp() {
        if (rtcp == null) {
            rtcp = new RtcpFigures();
        }
        return rtcp;
    }

    public long ssrc() {
        return ssrc;
    }

    /** The call whose endpoint the stream reached, or null for an unassociated stream. */
    public MediaOwner owner() {
        return owner;
    }

    /** Source address and port as text: {@code 10.0.0.1:4000}, {@code [2001:db8::1]:4000}. */
    public String sourceText() {
        return SrtpKeyring.endpoint(srcAddr, srcPort).toString();
    }

    /** Destination address and port as text. */
    public String destinationText() {
        return SrtpKeyring.endpoint(dstAddr, dstPort).toString();
    }

    public CallSide sender() {
        return sender;
    }

    public long packets() {
        return stats.packets();
    }

    public long firstNanos() {
        return firstNanos;
    }

    public long lastNanos() {
        return lastNanos;
    }

    /** DTMF digits from RFC 4733 events, with their arrival times. */
    public List<TimedDigit> digits() {
        return digits;
    }

    /** Snapshot of the statistics for a CDR. Allocates. */
    public RtpStreamReport report() {
        if (decryption != null) {
            decryption.dropHeld();
        }
        return new RtpStreamReport(ssrc,
                DecodedPacket.addressString(srcAddr, srcAddr.length), srcPort,
                DecodedPacket.addressString(dstAddr, dstAddr.length), dstPort,
                sender == null ? null : sender.letter(),
                payloadType, codec,
                stats.packets(), stats.lost(), stats.duplicates(), stats.outOfOrder(),
                stats.meanJitterMillis(), stats.maxJitterMillis(), stats.maxDeltaMillis(),
                stats.mosF1(), stats.mosF2(), stats.mosAdapt(),
                delayBuckets(),
                instant(firstNanos), instant(lastNanos),
                srtp, decryption != null && decryption.decryptedAny(),
                decryption == null ? null : decryption.reason(this),
                decryption == null ? null : new SrtpSummary(decryption.suite(), decryption.keySource(),
                        decryption.decrypted, decryption.authFailures + decryption.malformed, decryption.withoutKey),
                rtcp == null ? null : rtcp.summary());
    }

    private long[] delayBuckets() {
        long[] b = new long[RtpStreamStats.DELAY_BUCKET_MILLIS.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = stats.delayBucket(i);
        }
        return b;
    }

    private static Instant instant(long nanos) {
        return nanos == 0 ? null : Instant.ofEpochSecond(0, nanos);
    }

    /** A DTMF digit and when it was seen. */
    public record TimedDigit(long tsNanos, char digit) {
    }
}
