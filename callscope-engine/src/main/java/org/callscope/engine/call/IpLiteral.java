package org.callscope.engine.call;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Parses IP address literals from SDP and SIP without ever asking DNS. */
final class IpLiteral {
    private IpLiteral() {
    }

    /** The address bytes (4 or 16), or null when {@code text} is not an IP literal. */
    static byte[] parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (s.indexOf(':') >= 0) {
            if (!s.matches("[0-9A-Fa-f:.]+")) {
                return null;
            }
            try {
                // A string of hex digits, colons and dots is parsed as a literal; no lookup happens.
                return InetAddress.getByName(s).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }
}
