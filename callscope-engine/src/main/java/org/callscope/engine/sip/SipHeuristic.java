package org.callscope.engine.sip;

/**
 * Cheap sniff for SIP on a UDP port that is not configured as SIP: a known method followed by
 * SP with " SIP/2.0" ending the first line, or "SIP/2.0 " and three digits. Allocation-free and
 * stateless; any thread. A match says "parse me", not "this is SIP".
 */
public final class SipHeuristic {
    /** How far the first line is searched for its end, as in {@link SipParser#MAX_LINE_LENGTH}. */
    private static final int MAX_LOOK_AHEAD = SipParser.MAX_LINE_LENGTH;
    private static final String VERSION = " SIP/2.0";

    private SipHeuristic() {
    }

    public static boolean looksLikeSip(byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len <= 0 || off > buf.length - len) {
            return false;
        }
        int end = off + len;
        if (len >= 12 && SipChars.regionEquals(buf, off, "SIP/2.0 ", false)) {
            return SipChars.isDigit(buf[off + 8]) && SipChars.isDigit(buf[off + 9]) && SipChars.isDigit(buf[off + 10]);
        }
        int sp = off;
        while (sp < end && sp - off < 10 && buf[sp] >= 'A' && buf[sp] <= 'Z') {
            sp++;
        }
        if (sp >= end || buf[sp] != ' ' || SipMethod.of(buf, off, sp - off) == null) {
            return false;
        }
        int cap = Math.min(end, sp + MAX_LOOK_AHEAD);
        int lf = SipParser.indexOf(buf, sp, cap, '\n');
        if (lf < 0) {
            return false;
        }
        int lineEnd = lf > off && buf[lf - 1] == '\r' ? lf - 1 : lf;
        int v = lineEnd - VERSION.length();
        return v > sp && SipChars.regionEquals(buf, v, VERSION, false);
    }
}
