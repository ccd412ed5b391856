package org.callscope.engine.sdp;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One m= section (RFC 8866 §5.14) with its attributes. Values that may be given at session
 * level (connection, direction, setup, fingerprint) fall back to it. Immutable once parsed;
 * getters return read-only views; any thread.
 */
public final class MediaDescription {
    private final SessionDescription session;
    private final String mediaType;
    private final int port;
    private final int numberOfPorts;
    private final String proto;
    private final List<String> formats;
    final SdpAttributes attributes = new SdpAttributes();
    SdpConnection connection;

    MediaDescription(SessionDescription session, String mediaType, int port, int numberOfPorts, String proto,
            List<String> formats) {
        this.session = session;
        this.mediaType = mediaType;
        this.port = port;
        this.numberOfPorts = numberOfPorts;
        this.proto = proto;
        this.formats = List.copyOf(formats);
    }

    /** "audio", "video", "application", … */
    public String mediaType() {
        return mediaType;
    }

    /** Transport port, or -1 when not a number. Port 0 means the stream is rejected or disabled. */
    public int port() {
        return port;
    }

    /** The "/n" count after the port, 1 when absent. */
    public int numberOfPorts() {
        return numberOfPorts;
    }

    /** Transport protocol as written: RTP/AVP, RTP/SAVP, RTP/SAVPF, UDP/TLS/RTP/SAVPF, … */
    public String proto() {
        return proto;
    }

    /** Format list as written. */
    public List<String> formats() {
        return formats;
    }

    /** The formats that are RTP payload type numbers (0-127), in order. */
    public int[] payloadTypes() {
        return formats.stream().mapToInt(SdpParser::integer).filter(pt -> pt >= 0 && pt <= 127).toArray();
    }

    /** This section's own c= line, or null. */
    public SdpConnection connection() {
        return connection;
    }

    /** The connection in effect: the media c= line, else the session one; null when neither. */
    public SdpConnection effectiveConnection() {
        return connection != null ? connection : session.connection();
    }

    /** Address of {@link #effectiveConnection()}, or null. */
    public String connectionAddress() {
        SdpConnection c = effectiveConnection();
        return c == null ? null : c.address();
    }

    public Map<Integer, Rtpmap> rtpmaps() {
        return Collections.unmodifiableMap(attributes.rtpmaps);
    }

    public Rtpmap rtpmap(int payloadType) {
        return attributes.rtpmaps.get(payloadType);
    }

    /** The fmtp parameters of a payload type, or null. */
    public String fmtp(int payloadType) {
        return attributes.fmtps.get(payloadType);
    }

    /** Encoding name from rtpmap, else the RFC 3551 static assignment; null when unknown. */
    public String encodingName(int payloadType) {
        Rtpmap m = attributes.rtpmaps.get(payloadType);
        return m != null ? m.encodingName() : StaticPayloadTypes.name(payloadType);
    }

    /** Clock rate from rtpmap, else the RFC 3551 static assignment; -1 when unknown. */
    public int clockRate(int payloadType) {
        Rtpmap m = attributes.rtpmaps.get(payloadType);
        return m != null && m.clockRate() > 0 ? m.clockRate() : StaticPayloadTypes.clockRate(payloadType);
    }

    /** a=ptime in milliseconds, or -1. */
    public int ptime() {
        return attributes.ptime;
    }

    /** a=maxptime in milliseconds, or -1. */
    public int maxptime() {
        return attributes.maxptime;
    }

    /** a=rtcp (RFC 3605), or null. */
    public SdpRtcp rtcp() {
        return attributes.rtcp;
    }

    /** a=rtcp-mux (RFC 5761). */
    public boolean rtcpMux() {
        return attributes.rtcpMux;
    }

    /** a=crypto lines (RFC 4568) in order. */
    public List<SdpCrypto> cryptos() {
        return Collections.unmodifiableList(attributes.cryptos);
    }

    /** a=fingerprint of this section, else of the session; null when neither. */
    public SdpFingerprint fingerprint() {
        return attributes.fingerprint != null ? attributes.fingerprint : session.fingerprint();
    }

    /** a=setup of this section, else of the session; null when neither. */
    public SetupRole setup() {
        return attributes.setup != null ? attributes.setup : session.setup();
    }

    /** Direction: this section's, else the session's, else sendrecv (RFC 8866 §6.7). */
    public MediaDirection direction() {
        return attributes.direction != null ? attributes.direction : session.direction();
    }

    /** a=mid (RFC 9143 / 5888), or null. */
    public String mid() {
        return attributes.mid;
    }

    /** a=candidate lines, each as "candidate:…" text. */
    public List<String> candidates() {
        return Collections.unmodifiableList(attributes.candidates);
    }

    /** Every a= line of this section in order. */
    public List<SdpAttribute> attributes() {
        return Collections.unmodifiableList(attributes.all);
    }
}
