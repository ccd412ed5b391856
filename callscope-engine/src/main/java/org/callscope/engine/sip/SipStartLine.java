package org.callscope.engine.sip;

import java.util.List;

/**
 * Offsets of a request line (RFC 3261 §7.1) or status line (§7.2) within a buffer. Reusable:
 * {@link #read} overwrites all fields, so a framer can keep one for probing without allocating.
 */
final class SipStartLine {
    private static final String SIP_2_0 = "SIP/2.0";

    boolean request;
    int methodStart;
    int methodEnd;
    int uriStart;
    int uriEnd;
    int versionStart;
    int versionEnd;
    int statusCode;
    int reasonStart;
    int reasonEnd;

    /**
     * Reads the line buf[start..end) (terminator excluded). Returns false when it is not a SIP
     * start line at all; otherwise records offsets and, when {@code problems} is not null, adds
     * what is wrong with it.
     */
    boolean read(byte[] buf, int start, int end, List<SipProblem> problems) {
        if (SipChars.expectSipVersion(buf, start, end) >= 0) {
            return readStatus(buf, start, end, problems);
        }
        return readRequest(buf, start, end, problems);
    }

    /** Status-Line = SIP-Version SP Status-Code SP Reason-Phrase (RFC 3261 §7.2). */
    private boolean readStatus(byte[] buf, int start, int end, List<SipProblem> problems) {
        int p = start;
        while (p < end && !SipChars.isWs(buf[p])) {
            p++;
        }
        if (p >= end) {
            return false;
        }
        versionStart = start;
        versionEnd = p;
        int digits = SipChars.consumeWs(buf, p + 1, end);
        boolean malformed = digits > p + 1;
        int codeEnd = SipChars.consumeDigits(buf, digits, end);
        if (codeEnd == digits) {
            return false;
        }
        long code = 0;
        for (int i = digits; i < codeEnd && code <= Integer.MAX_VALUE; i++) {
            code = code * 10 + (buf[i] - '0');
        }
        request = false;
        statusCode = code <= Integer.MAX_VALUE ? (int) code : -1;
        boolean badCode = codeEnd - digits != 3 || code < 100 || code > 699;
        if (codeEnd < end && buf[codeEnd] == ' ') {
            reasonStart = codeEnd + 1;
        } else {
            // RFC 3261 §7.2 wants SP even before an empty reason phrase (RFC 4475 §3.1.1.13).
            malformed = true;
            reasonStart = codeEnd;
        }
        reasonEnd = end;
        if (problems != null) {
            if (badCode) {
                SipUri.add(problems, SipProblem.BAD_STATUS_CODE);
            }
            if (malformed) {
                SipUri.add(problems, SipProblem.MALFORMED_START_LINE);
            }
            checkVersion(buf, problems);
        }
        return true;
    }

    /**
     * Request-Line = Method SP Request-URI SP SIP-Version (RFC 3261 §7.1). The version is taken
     * from the end of the line so that the URI can be examined for embedded whitespace.
     */
    private boolean readRequest(byte[] buf, int start, int end, List<SipProblem> problems) {
        int p = SipChars.consumeToken(buf, start, end);
        if (p == start || p >= end || buf[p] != ' ') {
            return false;
        }
        int e = end;
        while (e > p && SipChars.isWs(buf[e - 1])) {
            e--;
        }
        boolean trailing = e < end;
        int vs = e;
        while (vs > p && !SipChars.isWs(buf[vs - 1])) {
            vs--;
        }
        if (SipChars.expectSipVersion(buf, vs, e) < 0) {
            return false;
        }
        int us = SipChars.consumeWs(buf, p + 1, vs);
        boolean extra = us > p + 1;
        int ue = vs - 1;
        while (ue > us && SipChars.isWs(buf[ue - 1])) {
            ue--;
            extra = true;
        }
        if (ue <= us) {
            return false;
        }
        request = true;
        methodStart = start;
        methodEnd = p;
        uriStart = us;
        uriEnd = ue;
        versionStart = vs;
        versionEnd = e;
        statusCode = -1;
        if (problems != null) {
            if (extra) {
                SipUri.add(problems, SipProblem.REQUEST_LINE_EXTRA_SPACE);
            }
            if (trailing) {
                SipUri.add(problems, SipProblem.REQUEST_LINE_TRAILING_SPACE);
            }
            for (int i = us; i < ue; i++) {
                if (SipChars.isWs(buf[i])) {
                    SipUri.add(problems, SipProblem.REQUEST_URI_WHITESPACE);
                    break;
                }
            }
            if (buf[us] == '<') {
                SipUri.add(problems, SipProblem.REQUEST_URI_IN_ANGLE_BRACKETS);
            }
            checkVersion(buf, problems);
        }
        return true;
    }

    private void checkVersion(byte[] buf, List<SipProblem> problems) {
        // RFC 3261 §7.1: the version string is case-insensitive.
        if (!SipChars.equalsIgnoreCase(buf, versionStart, versionEnd, SIP_2_0)) {
            SipUri.add(problems, SipProblem.UNKNOWN_SIP_VERSION);
        }
    }

    void shift(int delta) {
        methodStart += delta;
        methodEnd += delta;
        uriStart += delta;
        uriEnd += delta;
        versionStart += delta;
        versionEnd += delta;
        reasonStart += delta;
        reasonEnd += delta;
    }
}
