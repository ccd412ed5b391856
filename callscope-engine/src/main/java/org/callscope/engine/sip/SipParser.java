package org.callscope.engine.sip;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lenient SIP message parser (RFC 3261 §7), in the spirit of pkts.io: one pass finds the start
 * line, the offsets of every header field and the body; values become Strings only when
 * {@link SipMessage} is asked for them.
 *
 * <table>
 * <caption>Limits</caption>
 * <tr><th>limit</th><th>value</th><th>on excess</th></tr>
 * <tr><td>{@link #MAX_MESSAGE_SIZE}</td><td>65535</td><td>{@link SipProblem#MESSAGE_TOO_LARGE}, cut there</td></tr>
 * <tr><td>{@link #MAX_LINE_LENGTH}</td><td>8192</td><td>{@link SipProblem#LINE_TOO_LONG}, line skipped</td></tr>
 * <tr><td>{@link #MAX_HEADERS}</td><td>256</td><td>{@link SipProblem#TOO_MANY_HEADERS}, rest ignored</td></tr>
 * </table>
 *
 * <p>Tolerates bare LF line ends and CRLF before the start line (RFC 3261 §7.5). Stateless and
 * thread-safe; allocates the returned message (one copy of the bytes it keeps) and its index.
 */
public final class SipParser {
    /**
     * Largest message kept: the largest UDP payload over IPv4 (RFC 768 16-bit length less
     * headers) rounded up. RFC 3261 sets no limit for streams; a real message is a few KiB,
     * so anything larger is treated as an attack or garbage rather than buffered.
     */
    public static final int MAX_MESSAGE_SIZE = 65_535;
    /**
     * Longest physical line. RFC 3261 sets none; 8 KiB matches Netty's HTTP default for a
     * header block and is 13 times the longest line in the RFC 4475 long-values case.
     * It caps the lookahead for a line end, as pkts' MAX_LOOK_AHEAD does.
     */
    public static final int MAX_LINE_LENGTH = 8192;
    /**
     * Most header fields indexed. RFC 4475 §3.1.1.7 (long values) has 46; 256 leaves room for
     * long Via and Record-Route chains while bounding the index.
     */
    public static final int MAX_HEADERS = 256;

    private static final int INITIAL_HEADER_SLOTS = 16;

    private SipParser() {
    }

    /**
     * Parses one message from a datagram (UDP semantics: without Content-Length the body is the
     * rest of the data, RFC 3261 §18.3). Returns null when the bytes do not start with a request
     * or status line, or when the arguments are out of range; never throws.
     */
    public static SipMessage parse(byte[] buf, int off, int len) {
        return parse(buf, off, len, false);
    }

    /** As {@link #parse(byte[], int, int)}; on a stream a missing Content-Length means no body. */
    static SipMessage parse(byte[] buf, int off, int len, boolean stream) {
        if (buf == null || off < 0 || len <= 0 || off > buf.length - len) {
            return null;
        }
        int end = off + len;
        int start = off;
        int skipCap = Math.min(end, off + MAX_LINE_LENGTH);
        while (start < skipCap && (buf[start] == '\r' || buf[start] == '\n')) {
            start++;
        }
        int limit = (int) Math.min(end, (long) start + MAX_MESSAGE_SIZE);
        int lf = indexOf(buf, start, Math.min(limit, start + MAX_LINE_LENGTH + 1), '\n');
        int next;
        int lineEnd;
        if (lf < 0) {
            if (limit - start > MAX_LINE_LENGTH) {
                return null;
            }
            lineEnd = limit;
            next = limit;
        } else {
            lineEnd = lf;
            next = lf + 1;
        }
        List<SipProblem> problems = new ArrayList<>(2);
        SipStartLine line = new SipStartLine();
        if (!line.read(buf, start, trimCr(buf, start, lineEnd), problems)) {
            return null;
        }

        int[] index = new int[INITIAL_HEADER_SLOTS * 4];
        int count = 0;
        boolean open = false;
        int bodyStart = -1;
        int p = next;
        while (p < limit) {
            int cap = Math.min(limit, p + MAX_LINE_LENGTH + 1);
            int nl = indexOf(buf, p, cap, '\n');
            int le;
            int nx;
            if (nl < 0 && cap < limit) {
                SipUri.add(problems, SipProblem.LINE_TOO_LONG);
                int far = indexOf(buf, cap, limit, '\n');
                p = far < 0 ? limit : far + 1;
                open = false;
                continue;
            } else if (nl < 0) {
                le = limit;
                nx = limit;
            } else {
                le = nl;
                nx = nl + 1;
            }
            int ce = trimCr(buf, p, le);
            if (ce == p) {
                bodyStart = nx;
                break;
            }
            if (SipChars.isWs(buf[p])) {
                // RFC 3261 §7.3.1: a line starting with SP/HTAB continues the previous header.
                if (open) {
                    index[(count - 1) * 4 + 3] = ce;
                } else {
                    SipUri.add(problems, SipProblem.MALFORMED_HEADER);
                }
            } else {
                int colon = indexOf(buf, p, ce, ':');
                int ne = colon;
                while (ne > p && SipChars.isWs(buf[ne - 1])) {
                    ne--;
                }
                if (colon < 0 || ne == p || !allToken(buf, p, ne)) {
                    SipUri.add(problems, SipProblem.MALFORMED_HEADER);
                    open = false;
                } else if (count >= MAX_HEADERS) {
                    SipUri.add(problems, SipProblem.TOO_MANY_HEADERS);
                    open = false;
                } else {
                    if (count * 4 == index.length) {
                        index = Arrays.copyOf(index, index.length * 2);
                    }
                    index[count * 4] = p;
                    index[count * 4 + 1] = ne;
                    index[count * 4 + 2] = colon + 1;
                    index[count * 4 + 3] = ce;
                    count++;
                    open = true;
                }
            }
            p = nx;
        }
        if (bodyStart < 0) {
            // No blank line: the headers run to the end of the data (RFC 5118 §4.10 files).
            bodyStart = p;
            if (end > limit) {
                SipUri.add(problems, SipProblem.MESSAGE_TOO_LARGE);
            }
        }

        int contentLength = contentLength(buf, index, count, problems);
        long bodyEnd;
        if (contentLength >= 0) {
            bodyEnd = (long) bodyStart + contentLength;
            if (bodyEnd > end) {
                SipUri.add(problems, SipProblem.CONTENT_LENGTH_EXCEEDS_DATA);
                bodyEnd = end;
            }
        } else if (stream) {
            SipUri.add(problems, SipProblem.MISSING_CONTENT_LENGTH);
            bodyEnd = bodyStart;
        } else {
            bodyEnd = end;
        }
        if (bodyEnd > limit) {
            SipUri.add(problems, SipProblem.MESSAGE_TOO_LARGE);
            bodyEnd = limit;
        }
        int stop = (int) bodyEnd;
        byte[] raw = Arrays.copyOfRange(buf, start, stop);
        for (int i = 0; i < count * 4; i++) {
            index[i] -= start;
        }
        line.shift(-start);
        return new SipMessage(raw, line, Arrays.copyOf(index, count * 4), count, bodyStart - start,
                stop - bodyStart, contentLength, stop - off, problems);
    }

    /**
     * Value of the first Content-Length (or l) header: -1 when absent or bad, the bad case
     * recorded (RFC 4475 §3.1.2.3 negative; overlarge values overflow).
     */
    private static int contentLength(byte[] buf, int[] index, int count, List<SipProblem> problems) {
        for (int h = 0; h < count; h++) {
            int ns = index[h * 4];
            int ne = index[h * 4 + 1];
            if (SipChars.equalsIgnoreCase(buf, ns, ne, "content-length") || SipChars.equalsIgnoreCase(buf, ns, ne, "l")) {
                int vs = index[h * 4 + 2];
                int ve = index[h * 4 + 3];
                while (vs < ve && SipChars.isLws(buf[vs])) {
                    vs++;
                }
                while (ve > vs && SipChars.isLws(buf[ve - 1])) {
                    ve--;
                }
                long v = 0;
                for (int i = vs; i < ve; i++) {
                    if (!SipChars.isDigit(buf[i])) {
                        SipUri.add(problems, SipProblem.BAD_CONTENT_LENGTH);
                        return -1;
                    }
                    v = v * 10 + (buf[i] - '0');
                    if (v > Integer.MAX_VALUE) {
                        SipUri.add(problems, SipProblem.BAD_CONTENT_LENGTH);
                        SipUri.add(problems, SipProblem.SCALAR_OVERFLOW);
                        return -1;
                    }
                }
                if (vs == ve) {
                    SipUri.add(problems, SipProblem.BAD_CONTENT_LENGTH);
                    return -1;
                }
                return (int) v;
            }
        }
        return -1;
    }

    private static boolean allToken(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!SipChars.isToken(buf[i])) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] buf, int from, int to, char c) {
        for (int i = from; i < to; i++) {
            if (buf[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int trimCr(byte[] buf, int from, int lineEnd) {
        return lineEnd > from && buf[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
    }
}
