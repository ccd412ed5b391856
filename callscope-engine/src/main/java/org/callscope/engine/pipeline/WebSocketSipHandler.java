package org.callscope.engine.pipeline;

import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.sip.SipMessage;
import org.callscope.engine.sip.SipParser;
import org.callscope.engine.tcp.TcpStreamHandler;
import org.callscope.engine.websocket.WebSocketDeframer;

/** SIP over WebSocket (RFC 7118 §5: each text or binary message carries exactly one SIP message). */
final class WebSocketSipHandler implements TcpStreamHandler {
    private final Analyzer analyzer;
    private final SipAddressing addressing;
    private final FrameTracker frames = new FrameTracker();
    private final WebSocketDeframer deframer;

    WebSocketSipHandler(Analyzer analyzer, SipAddressing addressing) {
        this.analyzer = analyzer;
        this.addressing = addressing;
        this.deframer = new WebSocketDeframer(this::onMessage, analyzer.anomalies());
    }

    private void onMessage(byte[] buf, int off, int len, long tsNanos) {
        SipMessage m = SipParser.parse(buf, off, len);
        if (m != null) {
            analyzer.dispatchSip(m, "ws", frames.takeAll(), addressing, tsNanos);
        }
    }

    @Override
    public void onData(byte[] buf, int off, int len, long tsNanos) {
        CapturedPacket frame = analyzer.currentFrame();
        if (frame != null) {
            frames.delivered(frame, len);
        }
        deframer.onData(buf, off, len, tsNanos);
    }

    @Override
    public void onGap(long missingBytes, long tsNanos) {
        deframer.onGap(missingBytes, tsNanos);
    }

    @Override
    public void onClose(long tsNanos) {
        deframer.onClose(tsNanos);
    }
}
