package org.callscope.engine.sip;

import java.util.ArrayList;
import java.util.List;

/** Character classes and small scanners of the RFC 3261 §25.1 grammar, shared by the parsers. */
final class SipChars {
    private SipChars() {
    }

    /** token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~"). */
    static boolean isToken(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '!' || c == '%' || c == '*' || c == '_' || c == '+'
                || c == '`' || c == '\'' || c == '~';
    }

    static boolean isWs(int c) {
        return c == ' ' || c == '\t';
    }

    static boolean isLws(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    /** Whether buf at off holds text (ASCII), optionally ignoring case. Caller checks bounds. */
    static boolean regionEquals(byte[] buf, int off, String text, boolean ignoreCase) {
        for (int i = 0; i < text.length(); i++) {
            int a = buf[off + i] & 0xff;
            int b = text.charAt(i);
            if (ignoreCase ? lower(a) != lower(b) : a != b) {
                return false;
            }
        }
        return true;
    }

    static boolean equalsIgnoreCase(byte[] buf, int off, int end, String text) {
        return end - off == text.length() && regionEquals(buf, off, text, true);
    }

    /*
     * Scanners in the pkts.io convention: consumeX returns the offset after what it took and
     * the unchanged offset when there was nothing to take; expectX returns -1 when the thing
     * it insists on is not there. All stop at {@code end}, so lookahead is the caller's cap.
     */

    static int consumeToken(byte[] buf, int p, int end) {
        while (p < end && isToken(buf[p])) {
            p++;
        }
        return p;
    }

    static int consumeWs(byte[] buf, int p, int end) {
        while (p < end && isWs(buf[p])) {
            p++;
        }
        return p;
    }

    static int consumeDigits(byte[] buf, int p, int end) {
        while (p < end && isDigit(buf[p])) {
            p++;
        }
        return p;
    }

    /** SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT (RFC 3261 §25.1), case-insensitive; lenient on the digits. */
    static int expectSipVersion(byte[] buf, int p, int end) {
        if (end - p < 5 || !regionEquals(buf, p, "SIP/", true) || !isDigit(buf[p + 4])) {
            return -1;
        }
        return p + 4;
    }

    /** Trims SP, HTAB, CR and LF from both ends. */
    static String trim(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && isLws(s.charAt(a))) {
            a++;
        }
        while (b > a && isLws(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(a, b);
    }

    static boolean hasWs(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isLws(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Index of the closing quote of the quoted string opening at {@code open}, honouring
     * quoted-pair escapes (RFC 3261 §25.1), or -1 when unterminated.
     */
    static int closingQuote(String s, int open) {
        for (int i = open + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    /** Removes the quotes and quoted-pair backslashes of a quoted string. */
    static String unquote(String quoted) {
        int end = quoted.endsWith("\"") && quoted.length() > 1 ? quoted.length() - 1 : quoted.length();
        StringBuilder sb = new StringBuilder(end);
        for (int i = 1; i < end; i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < end) {
                c = quoted.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /**
     * Splits at {@code sep} where it is outside quoted strings and angle brackets, the way
     * comma-separated header lists and parameter lists are delimited (RFC 3261 §7.3.1).
     * Pieces are untrimmed. Stops after {@code maxPieces}, leaving the rest in the last piece.
     */
    static List<String> splitTopLevel(String s, char sep, int maxPieces) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                int close = closingQuote(s, i);
                if (close < 0) {
                    break;
                }
                i = close;
            } else if (c == '<') {
                depth++;
            } else if (c == '>' && depth > 0) {
                depth--;
            } else if (c == sep && depth == 0 && out.size() < maxPieces - 1) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }

    /**
     * Parses decimal digits; returns -1 when empty or not all digits, -2 when the value exceeds
     * {@code max}. Surrounding whitespace must already be trimmed.
     */
    static long decimal(String s, long max) {
        if (s.isEmpty()) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
            if (v > max) {
                for (int j = i + 1; j < s.length(); j++) {
                    if (!isDigit(s.charAt(j))) {
                        return -1;
                    }
                }
                return -2;
            }
        }
        return v;
    }
}
