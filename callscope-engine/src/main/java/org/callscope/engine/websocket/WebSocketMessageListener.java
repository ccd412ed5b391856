package org.callscope.engine.websocket;

/** Receives complete WebSocket messages (text or binary, already unmasked and defragmented). */
public interface WebSocketMessageListener {
    /**
     * One message. {@code buf} is the deframer's reused buffer: valid only during the call.
     * {@code tsNanos} is the capture time of the segment that completed the message.
     */
    void onMessage(byte[] buf, int off, int len, long tsNanos);
}
