package org.callscope.engine.spool;

import java.nio.charset.StandardCharsets;

/**
 * Turns a Call-ID (attacker-controlled text) into a safe file name: letters, digits and
 * {@code . _ - @ +} kept, everything else as {@code %XX}, no leading dot, bounded length.
 */
public final class SafeFileNames {
    /** Linux NAME_MAX is 255 bytes; leave room for ".sip.pcap" and a hash suffix. */
    static final int MAX_LENGTH = 200;

    private SafeFileNames() {
    }

    public static String of(String callId) {
        StringBuilder sb = new StringBuilder(callId.length());
        for (byte b : callId.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || c == '@' || c == '+' || (c == '.' && !sb.isEmpty());
            if (keep) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        if (sb.isEmpty()) {
            return "%EMPTY";
        }
        if (sb.length() > MAX_LENGTH) {
            String hash = Integer.toHexString(callId.hashCode());
            sb.setLength(MAX_LENGTH - hash.length() - 1);
            sb.append('~').append(hash);
        }
        return sb.toString();
    }
}
