package org.callscope.engine.sip;

import java.util.Arrays;
import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;

/**
 * Cuts SIP messages out of one direction of a byte stream (TCP, or TLS after decryption): a
 * message ends after the blank line plus Content-Length bytes (RFC 3261 §18.3, where
 * Content-Length is mandatory). Between messages it skips CRLF keep-alives (RFC 5626 §3.5.1:
 * CRLFCRLF ping, CRLF pong). On bytes that do not start a request or status line, and after a
 * gap, it discards up to the next line that does ({@link Anomaly#SIP_STREAM_RESYNC}).
 *
 * <p>Bounded: the buffer grows up to {@link SipParser#MAX_MESSAGE_SIZE}; a message whose
 * headers or Content-Length exceed it is counted as {@link Anomaly#SIP_MESSAGE_TOO_LARGE} and
 * skipped. One framer per stream direction, owned by the thread feeding it; allocates the
 * buffer once and each emitted message.
 */
public final class SipStreamFramer {
    private static final int INITIAL_CAPACITY = 4096;
    private static final int MAX_BUFFER = SipParser.MAX_MESSAGE_SIZE;
    private static final int MAX_LINE = SipParser.MAX_LINE_LENGTH;

    private final SipMessageListener listener;
    private final AnomalyCounters anomalies;
    private final SipStartLine probe = new SipStartLine();
    private byte[] buf = new byte[INITIAL_CAPACITY];
    private int head;
    private int len;
    /** Where the blank-line search resumes, relative to head, so slow streams scan once. */
    private int scanned;
    /** Bytes of an oversize message still to discard. */
    private long skip;
    private boolean resync;
    /** Stream offset of buf[head]: every byte fed, skipped or lost before it. */
    private long headOffset;
    private long messageOffset = -1;
    private long messageEnd = -1;
    /** In resync, whether the byte at head may itself start a line (true after a gap). */
    private boolean headIsLineStart;

    public SipStreamFramer(SipMessageListener listener, AnomalyCounters anomalies) {
        this.listener = listener;
        this.anomalies = anomalies;
    }

    /** Adds stream bytes and emits every message they complete. Bad arguments are ignored. */
    public void feed(byte[] data, int off, int length, long tsNanos) {
        if (data == null || off < 0 || length <= 0 || off > data.length - length) {
            return;
        }
        while (length > 0) {
            if (skip > 0) {
                int n = (int) Math.min(skip, length);
                skip -= n;
                headOffset += n;
                off += n;
                length -= n;
                continue;
            }
            int n = Math.min(length, room());
            System.arraycopy(data, off, buf, head + len, n);
            len += n;
            off += n;
            length -= n;
            drain(tsNanos);
        }
    }

    /**
     * The stream lost {@code missing} bytes (reassembly gave up on them): the partial message
     * is dropped and the framer resynchronises on the next start line.
     */
    public void onGap(long missing) {
        if (skip > 0 && missing < skip) {
            skip -= missing;
            headOffset += missing;
            return;
        }
        skip = 0;
        clear();
        headOffset += missing;
        enterResync(true);
    }

    /**
     * Stream offset (bytes since the start of the stream, gaps included) of the first byte of the
     * message being delivered; valid during {@link SipMessageListener#onMessage}, -1 before any.
     */
    public long messageStreamOffset() {
        return messageOffset;
    }

    /** Stream offset just past the message being delivered; valid during the listener call. */
    public long messageStreamEnd() {
        return messageEnd;
    }

    /** Bytes buffered and not yet emitted (for tests and memory accounting). */
    public int buffered() {
        return len;
    }

    private int room() {
        if (head + len == buf.length) {
            if (head > 0) {
                System.arraycopy(buf, head, buf, 0, len);
                head = 0;
            } else if (buf.length < MAX_BUFFER) {
                buf = Arrays.copyOf(buf, Math.min(MAX_BUFFER, buf.length * 2));
            }
        }
        return buf.length - head - len;
    }

    private void drain(long tsNanos) {
        while (len > 0) {
            if (resync && !resynchronise()) {
                return;
            }
            int p = head;
            int end = head + len;
            while (p < end && (buf[p] == '\r' || buf[p] == '\n')) {
                p++;
            }
            consumeTo(p);
            if (len == 0) {
                return;
            }
            int lf = SipParser.indexOf(buf, head, Math.min(head + len, head + MAX_LINE + 1), '\n');
            if (lf < 0) {
                if (len > MAX_LINE) {
                    enterResync(false);
                }
                if (!resync) {
                    return;
                }
                continue;
            }
            if (!probe.read(buf, head, trimCr(head, lf), null)) {
                enterResync(false);
                continue;
            }
            int headerEnd = headerEnd();
            if (headerEnd < 0) {
                if (len >= MAX_BUFFER) {
                    anomalies.count(Anomaly.SIP_MESSAGE_TOO_LARGE);
                    clear();
                    enterResync(false);
                }
                return;
            }
            int contentLength = contentLength(headerEnd);
            long total = (long) (headerEnd - head) + Math.max(0, contentLength);
            if (total > MAX_BUFFER) {
                anomalies.count(Anomaly.SIP_MESSAGE_TOO_LARGE);
                long have = Math.min(total, len);
                skip = total - have;
                consumeTo(head + (int) have);
                continue;
            }
            if (len < total) {
                return;
            }
            SipMessage m = SipParser.parse(buf, head, (int) total, true);
            messageOffset = headOffset;
            messageEnd = headOffset + total;
            consumeTo(head + (int) total);
            if (m != null) {
                listener.onMessage(m, tsNanos);
            }
        }
    }

    /** Offset just past the blank line ending the headers, or -1 when not yet buffered. */
    private int headerEnd() {
        int end = head + len;
        for (int i = head + Math.max(0, scanned - 2); i < end; i++) {
            if (buf[i] == '\n') {
                if (i + 1 < end && buf[i + 1] == '\n') {
                    return i + 2;
                }
                if (i + 2 < end && buf[i + 1] == '\r' && buf[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        scanned = len;
        return -1;
    }

    /**
     * Content-Length (or compact l) among the header lines in [head, headerEnd): its value,
     * -1 when absent, -2 when not a number (the parser flags it; the message is cut at the
     * blank line and whatever follows is resynchronised over).
     */
    private int contentLength(int headerEnd) {
        int p = SipParser.indexOf(buf, head, headerEnd, '\n') + 1;
        while (p > 0 && p < headerEnd) {
            int nameEnd = -1;
            if (headerEnd - p > 14 && SipChars.regionEquals(buf, p, "content-length", true)) {
                nameEnd = p + 14;
            } else if (buf[p] == 'l' || buf[p] == 'L') {
                nameEnd = p + 1;
            }
            if (nameEnd > 0) {
                int q = nameEnd;
                while (q < headerEnd && SipChars.isWs(buf[q])) {
                    q++;
                }
                if (q < headerEnd && buf[q] == ':') {
                    return digits(q + 1, headerEnd);
                }
            }
            p = SipParser.indexOf(buf, p, headerEnd, '\n') + 1;
        }
        return -1;
    }

    private int digits(int p, int end) {
        // LWS before the value may include a line fold (RFC 3261 §7.3.1).
        while (p < end) {
            if (SipChars.isWs(buf[p])) {
                p++;
            } else if (buf[p] == '\r' && p + 2 < end && buf[p + 1] == '\n' && SipChars.isWs(buf[p + 2])) {
                p += 3;
            } else if (buf[p] == '\n' && p + 1 < end && SipChars.isWs(buf[p + 1])) {
                p += 2;
            } else {
                break;
            }
        }
        long v = 0;
        int start = p;
        while (p < end && SipChars.isDigit(buf[p])) {
            v = Math.min(v * 10 + (buf[p] - '0'), Integer.MAX_VALUE);
            p++;
        }
        if (p == start || (buf[p] != '\r' && buf[p] != '\n' && !SipChars.isWs(buf[p]))) {
            return -2;
        }
        return (int) v;
    }

    /**
     * Discards up to the next line start that begins a request or status line. Returns true
     * when found (framing resumes there), false when more data is needed.
     */
    private boolean resynchronise() {
        int end = head + len;
        int from = head;
        int q = headIsLineStart ? head : -1;
        while (true) {
            if (q < 0) {
                int lf = SipParser.indexOf(buf, from, end, '\n');
                if (lf < 0) {
                    if (len > MAX_LINE) {
                        clear();
                    }
                    headIsLineStart = false;
                    return false;
                }
                q = lf + 1;
            }
            if (q >= end) {
                consumeTo(q);
                headIsLineStart = true;
                return false;
            }
            int lf = SipParser.indexOf(buf, q, Math.min(end, q + MAX_LINE + 1), '\n');
            if (lf < 0 && end - q <= MAX_LINE) {
                consumeTo(q);
                headIsLineStart = true;
                return false;
            }
            if (lf >= 0 && probe.read(buf, q, trimCr(q, lf), null)) {
                consumeTo(q);
                resync = false;
                headIsLineStart = false;
                return true;
            }
            from = q;
            q = -1;
        }
    }

    private void enterResync(boolean atLineStart) {
        if (!resync) {
            anomalies.count(Anomaly.SIP_STREAM_RESYNC);
        }
        resync = true;
        headIsLineStart = atLineStart;
    }

    private void consumeTo(int p) {
        int n = p - head;
        if (n == 0) {
            return;
        }
        head = p;
        len -= n;
        headOffset += n;
        scanned = 0;
        if (len == 0) {
            head = 0;
        }
    }

    private void clear() {
        headOffset += len;
        head = 0;
        len = 0;
        scanned = 0;
    }

    private int trimCr(int from, int lf) {
        return lf > from && buf[lf - 1] == '\r' ? lf - 1 : lf;
    }
}
