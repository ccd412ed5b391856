package org.callscope.engine.pipeline;

import java.util.List;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.cdr.TlsSummary;
import org.callscope.engine.sip.SipMessage;
import org.callscope.engine.sip.SipParser;
import org.callscope.engine.sip.SipStreamFramer;
import org.callscope.engine.tcp.TcpStreamHandler;
import org.callscope.engine.tls.session.TlsConnection;
import org.callscope.engine.tls.session.TlsDirection;
import org.callscope.engine.tls.session.TlsPlaintextConsumer;
import org.callscope.engine.websocket.WebSocketDeframer;
import org.callscope.engine.websocket.WebSocketHandshake;

/**
 * One direction of SIP over TLS: TCP bytes go into the TLS layer, the plaintext that comes out is
 * read like plain TCP (SIP framed by Content-Length, transport "tls") or, after a WebSocket
 * upgrade, like SIP over WebSocket (transport "wss"). Each message reaches its call as a virtual
 * UDP frame carrying the decrypted SIP.
 */
final class TlsSipHandler implements TcpStreamHandler, TlsPlaintextConsumer {
    private final Analyzer analyzer;
    private final TlsConnection connection;
    private final TlsDirection direction;
    private final SipAddressing addressing;
    private final VirtualUdpFrames.Template template;
    private SipStreamFramer framer;
    private WebSocketDeframer deframer;

    TlsSipHandler(Analyzer analyzer, TlsConnection connection, TlsDirection direction, SipAddressing addressing,
                  VirtualUdpFrames.Template template) {
        this.analyzer = analyzer;
        this.connection = connection;
        this.direction = direction;
        this.addressing = addressing;
        this.template = template;
        direction.setConsumer(this);
    }

    @Override
    public void onData(byte[] buf, int off, int len, long tsNanos) {
        direction.feed(buf, off, len, tsNanos);
    }

    @Override
    public void onGap(long missingBytes, long tsNanos) {
        direction.gap(missingBytes, tsNanos);
    }

    @Override
    public void onClose(long tsNanos) {
        direction.close(tsNanos);
        if (deframer != null) {
            deframer.onClose(tsNanos);
        }
    }

    @Override
    public void onPlaintext(byte[] buf, int off, int len, long tsNanos) {
        if (framer == null && deframer == null) {
            if (WebSocketHandshake.isUpgradeRequest(buf, off, len) || WebSocketHandshake.isUpgradeResponse(buf, off, len)) {
                deframer = new WebSocketDeframer(this::onWebSocketMessage, analyzer.anomalies());
            } else {
                framer = new SipStreamFramer(this::onSipMessage, analyzer.anomalies());
            }
        }
        if (deframer != null) {
            deframer.onData(buf, off, len, tsNanos);
        } else {
            framer.feed(buf, off, len, tsNanos);
        }
    }

    @Override
    public void onLost(long tsNanos) {
        if (framer != null) {
            framer.onGap(1);
        }
        if (deframer != null) {
            deframer.onGap(1, tsNanos);
        }
    }

    private void onSipMessage(SipMessage m, long tsNanos) {
        dispatch(m, "tls", tsNanos);
    }

    private void onWebSocketMessage(byte[] buf, int off, int len, long tsNanos) {
        SipMessage m = SipParser.parse(buf, off, len);
        if (m != null) {
            dispatch(m, "wss", tsNanos);
        }
    }

    private void dispatch(SipMessage m, String transport, long tsNanos) {
        byte[] raw = m.raw();
        // Null for a message too large for one UDP datagram: the call still sees it, its capture does not.
        CapturedPacket frame = VirtualUdpFrames.build(template, addressing, raw, 0, m.messageLength(), tsNanos);
        TlsSummary tls = new TlsSummary(connection.version(), connection.cipher(), connection.decrypted(), connection.error());
        analyzer.dispatchSip(m, transport, frame == null ? List.of() : List.of(frame), addressing, tsNanos, tls);
    }
}
