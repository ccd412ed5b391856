package org.callscope.engine.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One parsed SIP message: its bytes plus the offsets of the start line and each header field.
 * Header values are unfolded and decoded only when asked for; From, To and the header checks
 * behind {@link #problems()} run on first use and are cached. Owned by one thread at a time
 * (the lazy caches are not synchronised); accessors allocate the Strings they return.
 */
public final class SipMessage {
    private final byte[] raw;
    private final SipStartLine line;
    private final int[] index;
    private final int headerCount;
    private final int bodyOffset;
    private final int bodyLength;
    private final int contentLength;
    private final int messageLength;
    private final List<SipProblem> problems;
    private boolean checked;
    private NameAddr from;
    private NameAddr to;

    SipMessage(byte[] raw, SipStartLine line, int[] index, int headerCount, int bodyOffset, int bodyLength,
            int contentLength, int messageLength, List<SipProblem> problems) {
        this.raw = raw;
        this.line = line;
        this.index = index;
        this.headerCount = headerCount;
        this.bodyOffset = bodyOffset;
        this.bodyLength = bodyLength;
        this.contentLength = contentLength;
        this.messageLength = messageLength;
        this.problems = problems;
    }

    public boolean isRequest() {
        return line.request;
    }

    /** Request method, or for a response the CSeq method (null if CSeq is absent). */
    public String method() {
        return line.request ? text(line.methodStart, line.methodEnd) : cseqMethod();
    }

    /** The method as a {@link SipMethod}, OTHER for extensions, null when unknown for a response. */
    public SipMethod sipMethod() {
        return SipMethod.of(method());
    }

    /** Request-URI as written, or null for a response. */
    public String requestUri() {
        return line.request ? text(line.uriStart, line.uriEnd) : null;
    }

    /** Status code, or -1 for a request (and for a code too large for an int). */
    public int statusCode() {
        return line.statusCode;
    }

    /** Reason phrase (may be empty), or null for a request. */
    public String reasonPhrase() {
        return line.request ? null : text(line.reasonStart, line.reasonEnd);
    }

    /** SIP-Version as written, e.g. "SIP/2.0". */
    public String sipVersion() {
        return text(line.versionStart, line.versionEnd);
    }

    /**
     * First value of a header, unfolded (RFC 3261 §7.3.1) and trimmed; null when absent. The
     * name is case-insensitive and compact and long forms find each other. A comma-separated
     * field stays one value.
     */
    public String header(String name) {
        String alt = SipHeaderNames.alternate(name);
        for (int h = 0; h < headerCount; h++) {
            if (nameIs(h, name, alt)) {
                return value(h);
            }
        }
        return null;
    }

    /** All values of a header, in message order; empty when absent. */
    public List<String> headers(String name) {
        String alt = SipHeaderNames.alternate(name);
        List<String> out = new ArrayList<>();
        for (int h = 0; h < headerCount; h++) {
            if (nameIs(h, name, alt)) {
                out.add(value(h));
            }
        }
        return out;
    }

    /** Header names as first written, in order, each once (case-insensitively). */
    public List<String> headerNames() {
        Set<String> seen = new LinkedHashSet<>();
        List<String> out = new ArrayList<>();
        for (int h = 0; h < headerCount; h++) {
            String n = text(index[h * 4], index[h * 4 + 1]);
            if (seen.add(n.toLowerCase(Locale.ROOT))) {
                out.add(n);
            }
        }
        return out;
    }

    /** Number of header fields indexed. */
    public int headerCount() {
        return headerCount;
    }

    public String callId() {
        return header("Call-ID");
    }

    /** CSeq sequence number, or -1 when absent, not a number or not below 2^31 (RFC 3261 §8.1.1.5). */
    public long cseqNumber() {
        String[] parts = cseqParts();
        if (parts == null) {
            return -1;
        }
        long v = SipChars.decimal(parts[0], SipHeaderChecks.MAX_CSEQ);
        return v < 0 ? -1 : v;
    }

    /** CSeq method, or null when CSeq is absent. */
    public String cseqMethod() {
        String[] parts = cseqParts();
        return parts == null || parts.length < 2 ? null : parts[1];
    }

    String[] cseqParts() {
        String v = header("CSeq");
        if (v == null) {
            return null;
        }
        return v.isEmpty() ? new String[] {""} : CSEQ_SEPARATOR.split(v, 2);
    }

    private static final java.util.regex.Pattern CSEQ_SEPARATOR = java.util.regex.Pattern.compile("[ \t]+");

    /** The From header, parsed leniently; null when absent. */
    public NameAddr from() {
        if (from == null) {
            String v = header("From");
            from = v == null ? null : NameAddr.parse(v);
        }
        return from;
    }

    /** The To header, parsed leniently; null when absent. */
    public NameAddr to() {
        if (to == null) {
            String v = header("To");
            to = v == null ? null : NameAddr.parse(v);
        }
        return to;
    }

    /** The branch parameter of the topmost Via (RFC 3261 §8.1.1.7), or null. */
    public String viaBranch() {
        String via = header("Via");
        if (via == null) {
            return null;
        }
        String first = SipChars.splitTopLevel(via, ',', 2).get(0);
        List<String> params = SipChars.splitTopLevel(first, ';', SipUri.MAX_PARAMETERS + 1);
        for (int i = 1; i < params.size(); i++) {
            String p = params.get(i);
            int eq = p.indexOf('=');
            if (eq > 0 && SipChars.trim(p.substring(0, eq)).equalsIgnoreCase("branch")) {
                return SipChars.trim(p.substring(eq + 1));
            }
        }
        return null;
    }

    /** User-Agent; for a response Server, falling back to User-Agent. Null when neither. */
    public String userAgent() {
        if (!line.request) {
            String server = header("Server");
            if (server != null) {
                return server;
            }
        }
        return header("User-Agent");
    }

    public String contentType() {
        return header("Content-Type");
    }

    /** The first Content-Length value, or -1 when absent or not a valid number. */
    public int contentLength() {
        return contentLength;
    }

    /** A copy of the body. */
    public byte[] body() {
        return Arrays.copyOfRange(raw, bodyOffset, bodyOffset + bodyLength);
    }

    /** Offset of the body in {@link #raw()}. */
    public int bodyOffset() {
        return bodyOffset;
    }

    public int bodyLength() {
        return bodyLength;
    }

    /**
     * Bytes of the input this message took: any CRLF before the start line, the headers and
     * the body (Content-Length bytes; for a datagram without it, the rest of the datagram).
     */
    public int messageLength() {
        return messageLength;
    }

    /** The message bytes from the start line to the end of the body. Shared: do not modify. */
    public byte[] raw() {
        return raw;
    }

    /** Violations found; empty when the message is valid as far as checked. Read-only. */
    public List<SipProblem> problems() {
        if (!checked) {
            checked = true;
            SipHeaderChecks.check(this, problems);
        }
        return Collections.unmodifiableList(problems);
    }

    public boolean isValid() {
        return problems().isEmpty();
    }

    int headerIndexOf(String name, String alt, int from) {
        for (int h = from; h < headerCount; h++) {
            if (nameIs(h, name, alt)) {
                return h;
            }
        }
        return -1;
    }

    private boolean nameIs(int h, String name, String alt) {
        int ns = index[h * 4];
        int ne = index[h * 4 + 1];
        return SipChars.equalsIgnoreCase(raw, ns, ne, name) || (alt != null && SipChars.equalsIgnoreCase(raw, ns, ne, alt));
    }

    /** Header value h with line breaks and the whitespace around them folded into one SP. */
    String value(int h) {
        int vs = index[h * 4 + 2];
        int ve = index[h * 4 + 3];
        while (vs < ve && SipChars.isLws(raw[vs])) {
            vs++;
        }
        while (ve > vs && SipChars.isLws(raw[ve - 1])) {
            ve--;
        }
        byte[] out = null;
        int n = 0;
        for (int i = vs; i < ve; i++) {
            byte b = raw[i];
            if (b == '\r' || b == '\n') {
                if (out == null) {
                    out = Arrays.copyOfRange(raw, vs, ve);
                    n = i - vs;
                }
                while (n > 0 && SipChars.isWs(out[n - 1])) {
                    n--;
                }
                while (i + 1 < ve && SipChars.isLws(raw[i + 1])) {
                    i++;
                }
                out[n++] = ' ';
            } else if (out != null) {
                out[n++] = b;
            }
        }
        return out == null ? text(vs, ve) : new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private String text(int from, int to) {
        return new String(raw, from, to - from, StandardCharsets.UTF_8);
    }
}
