package org.callscope.engine.pipeline;

import java.util.List;
import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.call.CallRecorder;
import org.callscope.engine.call.CallTable;
import org.callscope.engine.call.SipEvent;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.cdr.CdrSink;
import org.callscope.engine.cdr.TlsSummary;
import org.callscope.engine.config.AnalyzerSettings;
import org.callscope.engine.decode.DecodeStatus;
import org.callscope.engine.decode.DecodedPacket;
import org.callscope.engine.decode.PacketDecoder;
import org.callscope.engine.defrag.IpDefragmenter;
import org.callscope.engine.media.MediaEndpointTable;
import org.callscope.engine.dtlssrtp.DtlsSrtpStats;
import org.callscope.engine.dtlssrtp.DtlsSrtpTracker;
import org.callscope.engine.media.MediaPayloadListener;
import org.callscope.engine.media.MediaProcessor;
import org.callscope.engine.media.SrtpKeyring;
import org.callscope.engine.sip.SipHeuristic;
import org.callscope.engine.sip.SipMessage;
import org.callscope.engine.sip.SipParser;
import org.callscope.engine.tcp.TcpLimits;
import org.callscope.engine.tcp.TcpReassembler;
import org.callscope.engine.tls.keys.KeyDatagrams;
import org.callscope.engine.tls.keys.KeyLogEntry;
import org.callscope.engine.tls.keys.KeyLogFormatException;
import org.callscope.engine.tls.session.TlsConnectionListener;
import org.callscope.engine.tls.session.TlsKeySources;

/**
 * The only code that knows the order: frame → decoder → UDP SIP / TCP reassembly → SIP → call
 * table, and UDP media → media processor. Timers run on packet time, once per second of it.
 *
 * <p>Single-threaded: one capture thread calls {@link #onFrame} then {@link #finish}.
 */
public final class Analyzer {
    private static final long TICK_NANOS = 1_000_000_000L;

    private final AnalyzerSettings settings;
    private final AnomalyCounters anomalies = new AnomalyCounters();
    private final IpDefragmenter defragmenter;
    private final PacketDecoder decoder;
    private final DecodedPacket packet = new DecodedPacket();
    private final MediaEndpointTable endpoints;
    private final MediaProcessor media;
    private final DtlsSrtpTracker dtls;
    private final CallTable calls;
    private final TcpReassembler tcp;
    private final List<SipEventListener> sipListeners;
    private final AnalyzerStats stats = new AnalyzerStats();
    private final TlsKeySources tlsKeys;
    private final TlsConnections tls;
    private final boolean tlsOnly;
    private CapturedPacket currentFrame;
    private long clockNanos;
    private long nextTickNanos;

    public Analyzer(AnalyzerSettings settings, CdrSink sink, CallRecorder.Factory recorders, List<SipEventListener> sipListeners) {
        this(settings, sink, recorders, sipListeners, TlsKeySources.empty(), (c, r) -> { });
    }

    /**
     * @param tlsKeys    where TLS secrets come from; key datagrams found in the capture are added to it
     * @param tlsReports told about every TLS connection when it ends
     */
    public Analyzer(AnalyzerSettings settings, CdrSink sink, CallRecorder.Factory recorders, List<SipEventListener> sipListeners,
                    TlsKeySources tlsKeys, TlsConnectionListener tlsReports) {
        this(settings, sink, recorders, sipListeners, tlsKeys, tlsReports, false);
    }

    /**
     * An analyzer that follows TLS connections and nothing else, for listing them: their
     * application data goes to {@code tlsReports} and is not read as SIP; plain SIP and media are
     * not analysed, so no call is made. Key datagrams in the capture are still read.
     */
    public static Analyzer tlsOnly(AnalyzerSettings settings, TlsKeySources tlsKeys, TlsConnectionListener tlsReports) {
        return new Analyzer(settings, CdrSink.NONE, id -> CallRecorder.NONE, List.of(), tlsKeys, tlsReports, true);
    }

    private Analyzer(AnalyzerSettings settings, CdrSink sink, CallRecorder.Factory recorders, List<SipEventListener> sipListeners,
                     TlsKeySources tlsKeys, TlsConnectionListener tlsReports, boolean tlsOnly) {
        this.settings = settings;
        this.tlsOnly = tlsOnly;
        this.tlsKeys = tlsKeys;
        this.tls = new TlsConnections(tlsKeys, settings.tlsSettings(), tlsReports);
        this.defragmenter = new IpDefragmenter(anomalies);
        this.decoder = new PacketDecoder(anomalies, defragmenter);
        this.endpoints = new MediaEndpointTable(anomalies);
        SrtpKeyring srtpKeys = new SrtpKeyring();
        srtpKeys.setDecryption(settings.decryptsSrtp(), settings.decryptsSrtcp());
        for (AnalyzerSettings.SenderSrtpKey k : settings.srtpKeys()) {
            srtpKeys.addForSender(k.sender(), k.policy());
        }
        this.media = new MediaProcessor(endpoints, anomalies, sink::onUnassociatedStream, srtpKeys);
        this.dtls = new DtlsSrtpTracker(tlsKeys.sessionKeys(), settings.dtlsSrtpSettings(), srtpKeys);
        media.setDtlsTracker(dtls);
        this.calls = new CallTable(settings, endpoints, media, sink, anomalies, recorders);
        this.tcp = new TcpReassembler(new SipStreamHandlers(this), anomalies, TcpLimits.DEFAULTS);
        this.sipListeners = List.copyOf(sipListeners);
    }

    /** Analyses one frame. The frame's bytes are not kept after the call returns. */
    public void onFrame(CapturedPacket frame) {
        stats.frames++;
        currentFrame = frame;
        advanceClock(frame.tsNanos);
        DecodeStatus status = decoder.decode(frame, packet);
        switch (status) {
            case UDP -> onUdp(frame);
            case TCP -> {
                stats.tcpSegments++;
                tcp.accept(packet);
            }
            case MALFORMED -> stats.malformed++;
            default -> {
                // OTHER and FRAGMENT_HELD: nothing to do until a datagram completes.
            }
        }
    }

    private void onUdp(CapturedPacket frame) {
        stats.udpDatagrams++;
        byte[] buf = packet.payload;
        int off = packet.payloadOffset;
        int len = packet.payloadLength;
        if (packet.dstPort == settings.keyDatagramPort() && settings.keyDatagramPort() != 0) {
            onKeyDatagram(buf, off, len);
            return;
        }
        if (tlsOnly) {
            return;
        }
        boolean sipPort = settings.isSipPort(packet.srcPort) || settings.isSipPort(packet.dstPort);
        if (sipPort || (settings.sipHeuristic() && mayStartSip(buf, off, len)
                && SipHeuristic.looksLikeSip(buf, off, len))) {
            SipMessage m = SipParser.parse(buf, off, len);
            if (m != null) {
                dispatchSip(m, "udp", List.of(CapturedPacket.copyOf(frame)), SipAddressing.of(packet), packet.tsNanos);
                return;
            }
            if (sipPort && !isKeepAlive(buf, off, len)) {
                anomalies.count(Anomaly.SIP_MALFORMED);
            }
            if (sipPort) {
                return;
            }
        }
        stats.mediaDatagrams++;
        media.onUdp(packet, frame);
    }

    /** A keylogger's datagram captured with the traffic: its secrets decrypt what waits for them. */
    private void onKeyDatagram(byte[] buf, int off, int len) {
        try {
            for (KeyLogEntry e : KeyDatagrams.parse(buf, off, len)) {
                if (tlsKeys.sessionKeys().add(e)) {
                    stats.keysFromCapture++;
                }
            }
        } catch (KeyLogFormatException e) {
            stats.badKeyDatagrams++;
            anomalies.count(Anomaly.KEY_DATAGRAM_MALFORMED);
            return;
        }
        tls.keysMayHaveArrived(clockNanos);
        dtls.keysMayHaveArrived(clockNanos);
    }

    /**
     * Every start line SipHeuristic accepts begins with an upper-case letter: a known method or
     * "SIP/2.0" (RFC 3261 §7.1, §7.2). RTP and RTCP begin with version 2 (0x80-0xBF, RFC 3550
     * §5.1), so media is turned away on its first byte.
     */
    private static boolean mayStartSip(byte[] buf, int off, int len) {
        if (buf == null || len <= 0 || off < 0 || off >= buf.length) {
            return false;
        }
        byte b = buf[off];
        return b >= 'A' && b <= 'Z';
    }

    /** CRLF keep-alives (RFC 5626 §3.5.1) and empty datagrams on SIP ports are not malformed SIP. */
    private static boolean isKeepAlive(byte[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (buf[i] != '\r' && buf[i] != '\n' && buf[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Hands a SIP message recovered from any transport to the listeners and the call table. */
    void dispatchSip(SipMessage m, String transport, List<CapturedPacket> frames, SipAddressing where, long tsNanos) {
        dispatchSip(m, transport, frames, where, tsNanos, null);
    }

    void dispatchSip(SipMessage m, String transport, List<CapturedPacket> frames, SipAddressing where, long tsNanos,
                     TlsSummary tlsSummary) {
        stats.sipMessages++;
        SipEvent e = new SipEvent(m, tsNanos, where.srcAddr(), where.srcPort(), where.dstAddr(), where.dstPort(),
                where.srcIp(), where.dstIp(), transport, frames, tlsSummary);
        for (SipEventListener l : sipListeners) {
            l.onSip(e);
        }
        calls.onSip(e);
    }

    CapturedPacket currentFrame() {
        return currentFrame;
    }

    TlsConnections tlsConnections() {
        return tls;
    }

    AnalyzerSettings settings() {
        return settings;
    }

    /** See {@link #tlsOnly}. */
    boolean followsTlsOnly() {
        return tlsOnly;
    }

    AnomalyCounters anomalies() {
        return anomalies;
    }

    private void advanceClock(long tsNanos) {
        if (tsNanos <= clockNanos) {
            return;
        }
        clockNanos = tsNanos;
        if (nextTickNanos == 0) {
            nextTickNanos = tsNanos + TICK_NANOS;
        } else if (tsNanos >= nextTickNanos) {
            nextTickNanos = tsNanos + TICK_NANOS;
            tcp.expire(tsNanos);
            tls.expire(tsNanos);
            dtls.keysMayHaveArrived(tsNanos); // keys from a receiver thread, then expiry
            defragmenter.expire(tsNanos);
            calls.expire(tsNanos);
            media.expire(tsNanos);
        }
    }

    /** End of input: flushes streams, closes every call, reports what is left. */
    public void finish() {
        tcp.closeAll(clockNanos);
        tls.closeAll(clockNanos);
        dtls.keysMayHaveArrived(clockNanos);
        dtls.expire(Long.MAX_VALUE); // no key can come any more: handshakes still waiting fail now
        calls.closeAll();
        media.flush();
    }

    /** Hands every readable RTP payload (plain, or decrypted SRTP) to {@code listener}; for audio export. */
    public void setPayloadListener(MediaPayloadListener listener) {
        media.setPayloadListener(listener);
    }

    /** What the DTLS-SRTP tracker saw: handshakes, keys found, failures by reason. */
    public DtlsSrtpStats dtlsStats() {
        return dtls.stats();
    }

    public AnomalyCounters anomalyCounters() {
        return anomalies;
    }

    public AnalyzerStats stats() {
        stats.openCalls = calls.openCalls();
        stats.callsClosed = calls.callsClosed();
        stats.tlsConnections = tls.connections();
        stats.tlsDecryptedConnections = tls.decryptedConnections();
        return stats;
    }
}
