package org.callscope.engine.pipeline;

import java.util.List;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.decode.DecodedPacket;
import org.callscope.engine.sip.SipHeuristic;
import org.callscope.engine.sip.SipMessage;
import org.callscope.engine.sip.SipStreamFramer;
import org.callscope.engine.tcp.TcpDirection;
import org.callscope.engine.tcp.TcpStreamHandler;
import org.callscope.engine.tcp.TcpStreamHandlerFactory;
import org.callscope.engine.tls.record.TlsDetector;
import org.callscope.engine.tls.session.TlsConnection;
import org.callscope.engine.tls.session.TlsDirection;
import org.callscope.engine.websocket.WebSocketHandshake;

/**
 * Decides who reads a TCP direction: SIP framed by Content-Length when a SIP port is involved or
 * the first bytes look like SIP, SIP over WebSocket (RFC 7118) when the first bytes are a
 * WebSocket upgrade, TLS (decrypted, then read as SIP) when the first bytes are a TLS handshake or
 * a TLS record on a TLS port, nobody otherwise (nothing is buffered for ignored streams). An
 * analyzer that follows TLS only reads TLS streams and does not read their plaintext as SIP.
 */
final class SipStreamHandlers implements TcpStreamHandlerFactory {
    private final Analyzer analyzer;

    SipStreamHandlers(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    @Override
    public TcpStreamHandler open(TcpDirection direction, DecodedPacket first) {
        byte[] b = first.payload;
        int off = first.payloadOffset;
        int len = first.payloadLength;
        TlsConnections tls = analyzer.tlsConnections();
        TlsConnection reverse = tls.reverseOf(direction);
        if (reverse != null) {
            return tlsHandler(reverse, reverse.secondDirection(), direction, first);
        }
        boolean tlsPort = analyzer.settings().isTlsPort(direction.srcPort()) || analyzer.settings().isTlsPort(direction.dstPort());
        if (analyzer.settings().tls().enabled()
                && (TlsDetector.looksLikeTlsHandshake(b, off, len) || (tlsPort && TlsDetector.looksLikeTlsRecord(b, off, len)))) {
            TlsConnection c = tls.open(direction, first);
            return tlsHandler(c, c.firstDirection(), direction, first);
        }
        if (analyzer.followsTlsOnly()) {
            return null;
        }
        if (WebSocketHandshake.isUpgradeRequest(b, off, len) || WebSocketHandshake.isUpgradeResponse(b, off, len)) {
            return new WebSocketSipHandler(analyzer, SipAddressing.of(direction));
        }
        boolean sipPort = analyzer.settings().isSipPort(direction.srcPort()) || analyzer.settings().isSipPort(direction.dstPort());
        if (sipPort || SipHeuristic.looksLikeSip(b, off, len)) {
            return new SipTcpHandler(SipAddressing.of(direction));
        }
        return null;
    }

    private TcpStreamHandler tlsHandler(TlsConnection c, TlsDirection side, TcpDirection direction, DecodedPacket first) {
        TcpStreamHandler handler = analyzer.followsTlsOnly()
                ? new TlsRecordsOnlyHandler(side)
                : new TlsSipHandler(analyzer, c, side, SipAddressing.of(direction),
                        VirtualUdpFrames.Template.of(analyzer.currentFrame(), first.ipHeaderOffset, first.tunnelDepth, first.ipVersion));
        return new TcpStreamHandler() {
            @Override
            public void onData(byte[] buf, int off, int len, long tsNanos) {
                handler.onData(buf, off, len, tsNanos);
            }

            @Override
            public void onGap(long missingBytes, long tsNanos) {
                handler.onGap(missingBytes, tsNanos);
            }

            @Override
            public void onClose(long tsNanos) {
                handler.onClose(tsNanos);
                analyzer.tlsConnections().directionClosed(direction, c, tsNanos);
            }
        };
    }

    /** SIP over plain TCP: Content-Length framing (RFC 3261 §18.3). */
    private final class SipTcpHandler implements TcpStreamHandler {
        private final SipAddressing addressing;
        private final FrameTracker frames = new FrameTracker();
        private final SipStreamFramer framer;

        SipTcpHandler(SipAddressing addressing) {
            this.addressing = addressing;
            this.framer = new SipStreamFramer(this::onMessage, analyzer.anomalies());
        }

        private void onMessage(SipMessage m, long tsNanos) {
            List<CapturedPacket> carried = frames.take(framer.messageStreamOffset(), framer.messageStreamEnd());
            analyzer.dispatchSip(m, "tcp", carried, addressing, tsNanos);
        }

        @Override
        public void onData(byte[] buf, int off, int len, long tsNanos) {
            deliver(analyzer.currentFrame(), buf, off, len, tsNanos);
        }

        /** Out-of-order segments keep a copy of their own frame, so the call's capture gets it. */
        @Override
        public Object tagForHeldSegment() {
            CapturedPacket frame = analyzer.currentFrame();
            return frame == null ? null : CapturedPacket.copyOf(frame);
        }

        @Override
        public void onHeldData(byte[] buf, int off, int len, long tsNanos, Object tag) {
            deliver(tag instanceof CapturedPacket held ? held : analyzer.currentFrame(), buf, off, len, tsNanos);
        }

        private void deliver(CapturedPacket frame, byte[] buf, int off, int len, long tsNanos) {
            if (frame != null) {
                frames.delivered(frame, len);
            } else {
                frames.gap(len);
            }
            framer.feed(buf, off, len, tsNanos);
        }

        @Override
        public void onGap(long missingBytes, long tsNanos) {
            frames.gap(missingBytes);
            framer.onGap(missingBytes);
        }

        @Override
        public void onClose(long tsNanos) {
            // A partial message at the close is incomplete and is dropped.
        }
    }
}
