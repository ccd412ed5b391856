package org.callscope.engine.media;

/**
 * Receives the payload of every RTP packet whose payload is readable: plain RTP, and SRTP once
 * decrypted. For audio export; the analysis itself does not need it. Called on the media thread;
 * {@code buf} is reused after the call returns.
 */
@FunctionalInterface
public interface MediaPayloadListener {
    void onPayload(MediaStream stream, long tsNanos, int sequence, long rtpTimestamp, int payloadType, boolean marker,
                   byte[] buf, int off, int len);
}
