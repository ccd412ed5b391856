package org.callscope.engine.websocket;

import java.util.Arrays;
import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.tcp.TcpStreamHandler;

/**
 * Turns one direction of a WebSocket connection into messages. It is itself the
 * {@link TcpStreamHandler} of that direction: the pipeline returns it from its
 * {@code TcpStreamHandlerFactory} when {@link WebSocketHandshake} recognises the first segment.
 *
 * <p>The stream may start with the HTTP opening handshake (a {@code GET} request or an
 * {@code HTTP/1.1 101} response, RFC 6455 §4); its head is skipped, up to
 * {@link #MAX_HANDSHAKE_BYTES}. A stream picked up mid-connection starts directly with frames:
 * the first byte tells which, since 'G' and 'H' are never valid first bytes of a frame (their
 * RSV bits are set). Then frames (§5.2) are parsed across any split of the byte stream:
 *
 * <ul>
 *   <li>masked (client) and unmasked (server) frames are both accepted and unmasked (§5.3);</li>
 *   <li>fragmented messages are joined (§5.4) up to the message limit; a longer message is
 *       skipped whole and counted as {@link Anomaly#WEBSOCKET_FRAME_TOO_LARGE};</li>
 *   <li>ping/pong are ignored; after a close frame the rest of the stream is ignored (§5.5.1);</li>
 *   <li>reserved bits or opcodes, a bad control frame, a continuation with nothing to continue or
 *       a 64-bit length with its top bit set count {@link Anomaly#WEBSOCKET_BAD_FRAME} and stop the
 *       parsing of this stream: frame boundaries can no longer be trusted;</li>
 *   <li>a TCP gap inside a frame's payload drops the message being built and keeps going; a gap
 *       anywhere else loses the framing and stops the stream.</li>
 * </ul>
 *
 * <p>Owned by the reassembler's thread. Allocates only its message buffer, grown on demand up to
 * the limit and reused; never throws on input.
 */
public final class WebSocketDeframer implements TcpStreamHandler {
    /**
     * Largest HTTP head skipped: 8 KiB, the common server limit for a request head (e.g. Apache
     * LimitRequestFieldSize 8190, nginx large_client_header_buffers 8k).
     */
    public static final int MAX_HANDSHAKE_BYTES = 8192;
    /**
     * Default largest message: SIP has no size limit over stream transports (RFC 3261 §18.3), but
     * 256 KiB is four times the largest UDP SIP message and leaves room for big SDP/multipart bodies.
     */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 256 * 1024;

    private static final int OPCODE_CONTINUATION = 0x0;
    private static final int OPCODE_TEXT = 0x1;
    private static final int OPCODE_BINARY = 0x2;
    private static final int OPCODE_CLOSE = 0x8;
    private static final int OPCODE_PING = 0x9;
    private static final int OPCODE_PONG = 0xA;
    /** RFC 6455 §5.5: control frames carry at most 125 bytes and are never fragmented. */
    private static final int MAX_CONTROL_PAYLOAD = 125;
    /** 2 fixed bytes, 8 extended length bytes, 4 masking key bytes (§5.2). */
    private static final int MAX_FRAME_HEADER = 14;
    private static final int INITIAL_MESSAGE_CAPACITY = 4096;
    private static final byte[] STATUS_101 = "HTTP/1.1 101".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private enum State { START, HANDSHAKE, FRAME_HEADER, PAYLOAD, STOPPED }

    private final WebSocketMessageListener listener;
    private final AnomalyCounters anomalies;
    private final int maxMessageBytes;

    private State state = State.START;
    // handshake
    private final byte[] headStart = new byte[STATUS_101.length];
    private int headBytes;
    private int headEndMatched;
    // frame header
    private final byte[] header = new byte[MAX_FRAME_HEADER];
    private int headerBytes;
    private int headerNeeded = 2;
    // current frame
    private int opcode;
    private boolean fin;
    private boolean masked;
    private final byte[] maskKey = new byte[4];
    private long payloadRemaining;
    private long payloadDone;
    // message being joined
    private byte[] message = new byte[0];
    private int messageLength;
    private boolean inMessage;
    private boolean discardMessage;

    public WebSocketDeframer(WebSocketMessageListener listener, AnomalyCounters anomalies) {
        this(listener, anomalies, DEFAULT_MAX_MESSAGE_BYTES);
    }

    public WebSocketDeframer(WebSocketMessageListener listener, AnomalyCounters anomalies, int maxMessageBytes) {
        this.listener = listener;
        this.anomalies = anomalies;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** True once parsing gave up (bad frame, lost framing, close frame, or not a WebSocket at all). */
    public boolean stopped() {
        return state == State.STOPPED;
    }

    @Override
    public void onData(byte[] buf, int off, int len, long tsNanos) {
        int end = off + len;
        while (off < end && state != State.STOPPED) {
            switch (state) {
                case START -> state = buf[off] == 'G' || buf[off] == 'H' ? State.HANDSHAKE : State.FRAME_HEADER;
                case HANDSHAKE -> off = consumeHandshake(buf, off, end);
                case FRAME_HEADER -> off = consumeHeader(buf, off, end, tsNanos);
                case PAYLOAD -> off = consumePayload(buf, off, end, tsNanos);
                default -> off = end;
            }
        }
    }

    @Override
    public void onGap(long missingBytes, long tsNanos) {
        if (state == State.PAYLOAD && missingBytes <= payloadRemaining) {
            // The framing survives: only this frame's content is incomplete.
            if ((opcode & 0x8) == 0) {
                discardMessage = true;
            }
            payloadRemaining -= missingBytes;
            payloadDone += missingBytes;
            if (payloadRemaining == 0) {
                endFrame(tsNanos);
            }
            return;
        }
        state = State.STOPPED;
    }

    @Override
    public void onClose(long tsNanos) {
        state = State.STOPPED;
        messageLength = 0;
    }

    /** Skips the HTTP head up to its blank line (RFC 9112 §2.1: CRLF CRLF). */
    private int consumeHandshake(byte[] buf, int off, int end) {
        while (off < end) {
            byte b = buf[off++];
            if (headBytes < headStart.length) {
                headStart[headBytes] = b;
            }
            headBytes++;
            headEndMatched = b == (headEndMatched % 2 == 0 ? '\r' : '\n') ? headEndMatched + 1 : (b == '\r' ? 1 : 0);
            if (headEndMatched == 4) {
                boolean response = headStart[0] == 'H';
                if (response && !Arrays.equals(headStart, STATUS_101)) {
                    state = State.STOPPED; // the upgrade was refused: no WebSocket follows
                } else {
                    state = State.FRAME_HEADER;
                }
                return off;
            }
            if (headBytes > MAX_HANDSHAKE_BYTES) {
                badFrame();
                return end;
            }
        }
        return off;
    }

    private int consumeHeader(byte[] buf, int off, int end, long tsNanos) {
        int n = Math.min(headerNeeded - headerBytes, end - off);
        System.arraycopy(buf, off, header, headerBytes, n);
        headerBytes += n;
        off += n;
        if (headerBytes < headerNeeded) {
            return off;
        }
        if (headerNeeded == 2) {
            int length7 = header[1] & 0x7f;
            headerNeeded = 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0) + ((header[1] & 0x80) != 0 ? 4 : 0);
            if (headerNeeded > 2) {
                return off;
            }
        }
        startFrame(tsNanos);
        return off;
    }

    /** Validates a complete frame header (RFC 6455 §5.2) and prepares for its payload. */
    private void startFrame(long tsNanos) {
        int b0 = header[0] & 0xff;
        int b1 = header[1] & 0xff;
        headerBytes = 0;
        headerNeeded = 2;
        fin = (b0 & 0x80) != 0;
        opcode = b0 & 0x0f;
        masked = (b1 & 0x80) != 0;
        int length7 = b1 & 0x7f;
        long length;
        int pos = 2;
        if (length7 == 126) {
            length = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
            pos = 4;
        } else if (length7 == 127) {
            length = 0;
            for (int i = 2; i < 10; i++) {
                length = (length << 8) | (header[i] & 0xff);
            }
            pos = 10;
        } else {
            length = length7;
        }
        if ((b0 & 0x70) != 0 || length < 0) {
            // Reserved bits need a negotiated extension (e.g. RFC 7692 compression) we cannot undo;
            // §5.2: "the most significant bit MUST be 0" in the 64-bit length.
            badFrame();
            return;
        }
        if (masked) {
            System.arraycopy(header, pos, maskKey, 0, 4);
        }
        boolean control = (opcode & 0x8) != 0;
        if (control) {
            if (opcode != OPCODE_CLOSE && opcode != OPCODE_PING && opcode != OPCODE_PONG
                    || !fin || length > MAX_CONTROL_PAYLOAD) {
                badFrame();
                return;
            }
        } else if (opcode == OPCODE_CONTINUATION ? !inMessage
                : (opcode != OPCODE_TEXT && opcode != OPCODE_BINARY) || inMessage) {
            badFrame(); // §5.4: fragments of one message are not interleaved with another
            return;
        } else {
            if (!inMessage) {
                inMessage = true;
                discardMessage = false;
                messageLength = 0;
            }
            if (!discardMessage && length > maxMessageBytes - messageLength) {
                anomalies.count(Anomaly.WEBSOCKET_FRAME_TOO_LARGE);
                discardMessage = true;
            }
        }
        payloadRemaining = length;
        payloadDone = 0;
        if (length == 0) {
            endFrame(tsNanos);
        } else {
            state = State.PAYLOAD;
        }
    }

    private int consumePayload(byte[] buf, int off, int end, long tsNanos) {
        int n = (int) Math.min(payloadRemaining, end - off);
        if ((opcode & 0x8) == 0 && !discardMessage) {
            ensureCapacity(messageLength + n);
            if (masked) {
                // §5.3: octet i of the payload is XORed with octet i MOD 4 of the masking key.
                int keyIndex = (int) (payloadDone & 3);
                for (int i = 0; i < n; i++) {
                    message[messageLength + i] = (byte) (buf[off + i] ^ maskKey[(keyIndex + i) & 3]);
                }
            } else {
                System.arraycopy(buf, off, message, messageLength, n);
            }
            messageLength += n;
        }
        payloadRemaining -= n;
        payloadDone += n;
        if (payloadRemaining == 0) {
            endFrame(tsNanos);
        }
        return off + n;
    }

    private void endFrame(long tsNanos) {
        state = State.FRAME_HEADER;
        if ((opcode & 0x8) != 0) {
            if (opcode == OPCODE_CLOSE) {
                state = State.STOPPED; // §5.5.1: no data frames follow a close frame
            }
            return;
        }
        if (fin) {
            if (!discardMessage) {
                listener.onMessage(message, 0, messageLength, tsNanos);
            }
            inMessage = false;
            discardMessage = false;
            messageLength = 0;
        }
    }

    private void ensureCapacity(int needed) {
        if (needed > message.length) {
            int capacity = Math.max(INITIAL_MESSAGE_CAPACITY, message.length);
            while (capacity < needed) {
                capacity = (int) Math.min((long) capacity * 2, maxMessageBytes);
            }
            message = Arrays.copyOf(message, capacity);
        }
    }

    private void badFrame() {
        anomalies.count(Anomaly.WEBSOCKET_BAD_FRAME);
        state = State.STOPPED;
    }
}
