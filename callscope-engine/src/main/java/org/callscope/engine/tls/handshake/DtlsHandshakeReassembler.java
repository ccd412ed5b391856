package org.callscope.engine.tls.handshake;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;

/**
 * Reassembles DTLS 1.0/1.2 handshake messages (RFC 6347 §4.2.2–4.2.3) from the handshake-record
 * plaintexts of one direction. Each fragment has a 12-byte header (msg_type, 24-bit length,
 * 16-bit message_seq, 24-bit fragment_offset, 24-bit fragment_length); a record may hold several.
 *
 * <ul>
 *   <li>Messages are delivered in message_seq order, each once. The first fragment seen sets the
 *       sequence expected next: a capture may start after the first flight, and a stateless
 *       server answers the ClientHello that carries the cookie with a ServerHello of that
 *       ClientHello's message_seq, whether or not its HelloVerifyRequest was captured
 *       (RFC 6347 §4.2.1–4.2.2).</li>
 *   <li>Fragments may come in any order, overlap, or repeat; a message is delivered when every
 *       byte of it has arrived.</li>
 *   <li>A fragment with the message_seq of a message already delivered, and the same type and
 *       length, is a retransmission and ignored (§4.2.4). With another type or length it starts a
 *       new sequence there (a server that restarted message_seq after a HelloVerifyRequest):
 *       whatever was pending is dropped.</li>
 *   <li>Messages up to {@link #WINDOW} - 1 ahead of the expected one wait for it; fragments
 *       further ahead are dropped with an error, and so is a message over the size limit (the
 *       sequence then moves past it, so later messages still come), a fragment that disagrees
 *       with earlier ones on type or length, one that reaches beyond its message, or one that
 *       would take the buffered total over {@link #MAX_BUFFERED_BYTES}.</li>
 *   <li>A header cut short or a fragment_length beyond the record loses the framing of the rest
 *       of that record only.</li>
 * </ul>
 *
 * <p>A new handshake (renegotiation) restarts message_seq at 0 (§4.2.2), which would look like
 * retransmissions here: the caller calls {@link #reset} when one begins. Owned by one thread.
 * Never throws on input.
 */
public final class DtlsHandshakeReassembler {
    /** msg_type 1 + length 3 + message_seq 2 + fragment_offset 3 + fragment_length 3. */
    public static final int HEADER_LENGTH = 12;
    /** Messages held ahead of the expected one: a whole flight (at most 8 messages, RFC 6347 §4.2.4) with room. */
    public static final int WINDOW = 16;
    /** Total body bytes held across messages not yet complete or not yet in order. */
    public static final int MAX_BUFFERED_BYTES = 2 * HandshakeReassembler.DEFAULT_MAX_MESSAGE_BYTES;

    private final HandshakeListener listener;
    private final int maxMessageBytes;
    private final Pending[] window = new Pending[WINDOW];
    private int nextSeq = -1;
    private long bufferedBytes;
    /** message_seq, type and length of the last {@link #WINDOW} messages delivered, by message_seq modulo the window. */
    private final int[] deliveredSeq = new int[WINDOW];
    private final int[] deliveredType = new int[WINDOW];
    private final int[] deliveredLength = new int[WINDOW];

    public DtlsHandshakeReassembler(HandshakeListener listener) {
        this(listener, HandshakeReassembler.DEFAULT_MAX_MESSAGE_BYTES);
    }

    public DtlsHandshakeReassembler(HandshakeListener listener, int maxMessageBytes) {
        if (maxMessageBytes < 0) {
            throw new IllegalArgumentException("maxMessageBytes " + maxMessageBytes);
        }
        this.listener = Objects.requireNonNull(listener, "listener");
        this.maxMessageBytes = maxMessageBytes;
        Arrays.fill(deliveredSeq, -1);
    }

    /** The plaintext of one DTLS handshake record, {@code fragment[off, off + len)}. */
    public void feed(byte[] fragment, int off, int len, long tsNanos) {
        Objects.checkFromIndexSize(off, len, fragment.length);
        int end = off + len;
        int p = off;
        while (p < end) {
            int at = p - off;
            if (end - p < HEADER_LENGTH) {
                error("DTLS handshake header cut short: " + (end - p) + " of " + HEADER_LENGTH
                        + " bytes at record offset " + at, tsNanos);
                return;
            }
            int type = fragment[p] & 0xff;
            int length = u24(fragment, p + 1);
            int seq = ((fragment[p + 4] & 0xff) << 8) | (fragment[p + 5] & 0xff);
            int fragmentOffset = u24(fragment, p + 6);
            int fragmentLength = u24(fragment, p + 9);
            int data = p + HEADER_LENGTH;
            if (fragmentLength > end - data) {
                error("DTLS handshake fragment_length " + fragmentLength + " exceeds the " + (end - data)
                        + " bytes left at record offset " + at, tsNanos);
                return;
            }
            p = data + fragmentLength;
            if (fragmentOffset + fragmentLength > length) {
                error(HandshakeType.name(type) + " message_seq " + seq + ": fragment " + fragmentOffset + "+"
                        + fragmentLength + " reaches beyond the message length " + length + " at record offset " + at, tsNanos);
                continue;
            }
            accept(type, length, seq, fragmentOffset, fragment, data, fragmentLength, at, tsNanos);
        }
    }

    /** True while fragments are held for a message not yet delivered. */
    public boolean hasPartialMessage() {
        for (Pending m : window) {
            if (m != null) {
                return true;
            }
        }
        return false;
    }

    /** Forgets everything, including the expected message_seq: for a new handshake. */
    public void reset() {
        Arrays.fill(window, null);
        Arrays.fill(deliveredSeq, -1);
        nextSeq = -1;
        bufferedBytes = 0;
    }

    private void accept(int type, int length, int seq, int fragmentOffset, byte[] buf, int data, int fragmentLength,
                        int at, long tsNanos) {
        if (nextSeq < 0) {
            nextSeq = seq;
        }
        if (seq < nextSeq) {
            int slot = seq % WINDOW;
            boolean retransmission = deliveredSeq[slot] != seq
                    || (deliveredType[slot] == type && deliveredLength[slot] == length);
            if (retransmission) {
                return;
            }
            reset();
            nextSeq = seq;
        }
        if (seq >= nextSeq + WINDOW) {
            error(HandshakeType.name(type) + " message_seq " + seq + " is " + WINDOW + " or more ahead of the expected "
                    + nextSeq + " at record offset " + at + ": dropped", tsNanos);
            return;
        }
        int slot = seq % WINDOW;
        Pending m = window[slot];
        if (m == null) {
            if (length > maxMessageBytes) {
                error(HandshakeType.name(type) + " message_seq " + seq + " of " + length + " bytes exceeds the limit of "
                        + maxMessageBytes + " bytes at record offset " + at + ": skipped", tsNanos);
                window[slot] = new Pending(seq, type, length, false);
                drain(tsNanos);
                return;
            }
            if (bufferedBytes + length > MAX_BUFFERED_BYTES) {
                error(HandshakeType.name(type) + " message_seq " + seq + " of " + length + " bytes would take the "
                        + bufferedBytes + " bytes held over " + MAX_BUFFERED_BYTES + " at record offset " + at + ": dropped", tsNanos);
                return;
            }
            m = new Pending(seq, type, length, true);
            window[slot] = m;
            bufferedBytes += length;
        } else if (m.type != type || m.length != length) {
            error("fragment of message_seq " + seq + " says " + HandshakeType.name(type) + " of " + length
                    + " bytes, earlier fragments " + HandshakeType.name(m.type) + " of " + m.length
                    + " bytes, at record offset " + at + ": dropped", tsNanos);
            return;
        }
        if (m.body != null && fragmentLength > 0) {
            System.arraycopy(buf, data, m.body, fragmentOffset, fragmentLength);
            m.received.set(fragmentOffset, fragmentOffset + fragmentLength);
        }
        drain(tsNanos);
    }

    /** Delivers the expected message and those after it while they are complete. */
    private void drain(long tsNanos) {
        while (true) {
            int slot = nextSeq % WINDOW;
            Pending m = window[slot];
            if (m == null || m.seq != nextSeq || !m.complete()) {
                return;
            }
            window[slot] = null;
            deliveredSeq[slot] = m.seq;
            deliveredType[slot] = m.type;
            deliveredLength[slot] = m.length;
            nextSeq++;
            if (m.body != null) {
                bufferedBytes -= m.length;
                listener.onHandshake(m.type, m.body, transcript(m), tsNanos);
            }
        }
    }

    /** RFC 6347 §4.2.6: the message as if sent as one fragment, DTLS header included. */
    private static byte[] transcript(Pending m) {
        byte[] t = new byte[HEADER_LENGTH + m.length];
        t[0] = (byte) m.type;
        putU24(t, 1, m.length);
        t[4] = (byte) (m.seq >>> 8);
        t[5] = (byte) m.seq;
        putU24(t, 6, 0);
        putU24(t, 9, m.length);
        System.arraycopy(m.body, 0, t, HEADER_LENGTH, m.length);
        return t;
    }

    private void error(String reason, long tsNanos) {
        listener.onHandshakeError(reason, tsNanos);
    }

    private static int u24(byte[] b, int p) {
        return ((b[p] & 0xff) << 16) | ((b[p + 1] & 0xff) << 8) | (b[p + 2] & 0xff);
    }

    private static void putU24(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 16);
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) v;
    }

    /** A message being collected; without a body when it was too long and is only passed over. */
    private static final class Pending {
        final int seq;
        final int type;
        final int length;
        final byte[] body;
        final BitSet received;

        Pending(int seq, int type, int length, boolean keep) {
            this.seq = seq;
            this.type = type;
            this.length = length;
            this.body = keep ? new byte[length] : null;
            this.received = keep ? new BitSet(length) : null;
        }

        boolean complete() {
            return body == null || received.nextClearBit(0) >= length;
        }
    }
}
