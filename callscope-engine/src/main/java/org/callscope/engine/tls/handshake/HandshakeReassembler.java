package org.callscope.engine.tls.handshake;

import java.util.Arrays;
import java.util.Objects;

/**
 * Reassembles TLS handshake messages (RFC 8446 §4, RFC 5246 §7.4: type, 24-bit length, body)
 * from the consecutive handshake-record plaintexts of one direction: a message may span many
 * records and a record may hold many messages (RFC 5246 §6.2.1).
 *
 * <p>A message longer than the limit ({@link #DEFAULT_MAX_MESSAGE_BYTES} unless given) is reported
 * through {@link HandshakeListener#onHandshakeError} and its body skipped without being buffered;
 * the messages after it are still delivered, since the length keeps the framing. The transcript
 * then misses that message, which the caller has to take into account.
 *
 * <p>Owned by one thread. Allocates, per message, the array the message is assembled in and the
 * copy of its body handed over. Never throws on input.
 */
public final class HandshakeReassembler {
    /**
     * Default largest message body: 256 KiB holds certificate chains many times the usual few
     * KiB, while a peer (or garbage) announcing up to 16 MiB cannot make us buffer it.
     */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 256 * 1024;
    /** Handshake message header: msg_type and 24-bit length. */
    public static final int HEADER_LENGTH = 4;

    private final HandshakeListener listener;
    private final int maxMessageBytes;
    private final byte[] header = new byte[HEADER_LENGTH];
    private int headerBytes;
    /** Header and body of the message being assembled (its transcript form), or null between messages. */
    private byte[] message;
    private int messageBytes;
    private long skipRemaining;
    /** Handshake bytes fed so far, and where the current message's header began: for error reasons. */
    private long offset;
    private long messageStart;

    public HandshakeReassembler(HandshakeListener listener) {
        this(listener, DEFAULT_MAX_MESSAGE_BYTES);
    }

    public HandshakeReassembler(HandshakeListener listener, int maxMessageBytes) {
        if (maxMessageBytes < 0) {
            throw new IllegalArgumentException("maxMessageBytes " + maxMessageBytes);
        }
        this.listener = Objects.requireNonNull(listener, "listener");
        this.maxMessageBytes = maxMessageBytes;
    }

    /** The plaintext of the next handshake record of this direction, {@code buf[off, off + len)}. */
    public void feed(byte[] buf, int off, int len, long tsNanos) {
        Objects.checkFromIndexSize(off, len, buf.length);
        int end = off + len;
        offset += len;
        while (off < end) {
            if (skipRemaining > 0) {
                int n = (int) Math.min(skipRemaining, end - off);
                skipRemaining -= n;
                off += n;
            } else if (message != null) {
                int n = Math.min(message.length - messageBytes, end - off);
                System.arraycopy(buf, off, message, messageBytes, n);
                messageBytes += n;
                off += n;
                if (messageBytes == message.length) {
                    deliver(tsNanos);
                }
            } else {
                if (headerBytes == 0) {
                    messageStart = offset - (end - off);
                }
                int n = Math.min(HEADER_LENGTH - headerBytes, end - off);
                System.arraycopy(buf, off, header, headerBytes, n);
                headerBytes += n;
                off += n;
                if (headerBytes == HEADER_LENGTH) {
                    startMessage(tsNanos);
                }
            }
        }
    }

    /**
     * True when the bytes fed so far end inside a message. RFC 8446 §5.1 requires handshake
     * messages to end before a key change, so a caller can check this at ChangeCipherSpec or a
     * new epoch.
     */
    public boolean hasPartialMessage() {
        return headerBytes > 0 || message != null || skipRemaining > 0;
    }

    /** Forgets any partial message (for a new handshake, or after the stream was lost). */
    public void reset() {
        headerBytes = 0;
        message = null;
        messageBytes = 0;
        skipRemaining = 0;
    }

    private void startMessage(long tsNanos) {
        headerBytes = 0;
        int type = header[0] & 0xff;
        int length = ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8) | (header[3] & 0xff);
        if (length > maxMessageBytes) {
            skipRemaining = length;
            listener.onHandshakeError(HandshakeType.name(type) + " message of " + length
                    + " bytes exceeds the limit of " + maxMessageBytes + " bytes at handshake stream offset "
                    + messageStart + ": skipped", tsNanos);
            return;
        }
        message = new byte[HEADER_LENGTH + length];
        System.arraycopy(header, 0, message, 0, HEADER_LENGTH);
        messageBytes = HEADER_LENGTH;
        if (length == 0) {
            deliver(tsNanos);
        }
    }

    private void deliver(long tsNanos) {
        byte[] transcript = message;
        message = null;
        messageBytes = 0;
        listener.onHandshake(transcript[0] & 0xff, Arrays.copyOfRange(transcript, HEADER_LENGTH, transcript.length),
                transcript, tsNanos);
    }
}
