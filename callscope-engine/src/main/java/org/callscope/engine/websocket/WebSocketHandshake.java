package org.callscope.engine.websocket;

/**
 * Cheap recognition of the WebSocket opening handshake (RFC 6455 §4) in the first bytes of a TCP
 * direction, so that WebSocket is found on any port. Stateless, allocation-free, never throws.
 */
public final class WebSocketHandshake {
    /**
     * How far into the segment to look for the Upgrade header. Browsers send handshakes of well
     * under 1 KiB; cookies can make them longer, but the Upgrade header comes early in practice.
     */
    static final int MAX_SNIFF_BYTES = 4096;

    private static final byte[] GET = ascii("GET ");
    private static final byte[] STATUS_101 = ascii("HTTP/1.1 101");
    private static final byte[] UPGRADE = ascii("upgrade:");
    private static final byte[] WEBSOCKET = ascii("websocket");

    private WebSocketHandshake() {
    }

    /** An HTTP GET whose head has {@code Upgrade: websocket} (RFC 6455 §4.1, field case-insensitive). */
    public static boolean isUpgradeRequest(byte[] buf, int off, int len) {
        return startsWith(buf, off, len, GET) && hasWebSocketUpgrade(buf, off, len);
    }

    /** An HTTP/1.1 101 response whose head has {@code Upgrade: websocket} (RFC 6455 §4.2.2). */
    public static boolean isUpgradeResponse(byte[] buf, int off, int len) {
        return startsWith(buf, off, len, STATUS_101) && hasWebSocketUpgrade(buf, off, len);
    }

    static boolean startsWith(byte[] buf, int off, int len, byte[] prefix) {
        if (buf == null || off < 0 || len < prefix.length || off > buf.length - prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buf[off + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Scans header lines up to the blank line (or the sniff limit) for Upgrade: ...websocket... */
    private static boolean hasWebSocketUpgrade(byte[] buf, int off, int len) {
        int end = off + Math.min(Math.min(len, MAX_SNIFF_BYTES), buf.length - off);
        int line = nextLine(buf, off, end);
        while (line >= 0 && line < end) {
            int lineEnd = line;
            while (lineEnd < end && buf[lineEnd] != '\n') {
                lineEnd++;
            }
            int contentEnd = lineEnd > line && buf[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            if (contentEnd == line) {
                return false; // blank line: end of the head
            }
            if (regionMatchesIgnoreCase(buf, line, contentEnd, UPGRADE)
                    && containsIgnoreCase(buf, line + UPGRADE.length, contentEnd, WEBSOCKET)) {
                return true;
            }
            line = lineEnd + 1;
        }
        return false;
    }

    private static int nextLine(byte[] buf, int from, int end) {
        for (int i = from; i < end; i++) {
            if (buf[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    private static boolean regionMatchesIgnoreCase(byte[] buf, int from, int end, byte[] lowerAscii) {
        if (end - from < lowerAscii.length) {
            return false;
        }
        for (int i = 0; i < lowerAscii.length; i++) {
            if (lower(buf[from + i]) != lowerAscii[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsIgnoreCase(byte[] buf, int from, int end, byte[] lowerAscii) {
        for (int i = from; i + lowerAscii.length <= end; i++) {
            if (regionMatchesIgnoreCase(buf, i, end, lowerAscii)) {
                return true;
            }
        }
        return false;
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
