package org.callscope.engine.tls.keys;

/**
 * Shared checks of key text: hex fields of the right size, and quoting untrusted text into
 * messages (shortened, control characters escaped, so a hostile datagram cannot flood or garble
 * a terminal).
 */
final class KeyText {
    private static final int QUOTE_MAX_CHARS = 40;

    private KeyText() {
    }

    /** The entry for {@code label} from its two hex fields, or why they do not fit it. */
    static KeyLogEntry entry(SecretLabel label, String idHex, String secretHex) throws KeyLogFormatException {
        byte[] id = hex(idHex, label.idDescription());
        if (id.length != label.idBytes()) {
            throw new KeyLogFormatException(label + ": " + label.idDescription() + " must be " + label.idBytes()
                    + " bytes (" + 2 * label.idBytes() + " hex digits), got " + id.length + " bytes");
        }
        byte[] secret = hex(secretHex, label.secretDescription());
        if (!label.acceptsSecretBytes(secret.length)) {
            throw new KeyLogFormatException(label + ": " + label.secretDescription() + " must be "
                    + label.secretSizes() + ", got " + secret.length + " bytes");
        }
        return new KeyLogEntry(label, id, secret);
    }

    /** Decodes hex digits of either case. */
    static byte[] hex(String text, String what) throws KeyLogFormatException {
        if (text.isEmpty()) {
            throw new KeyLogFormatException(what + " is empty");
        }
        if (text.length() % 2 != 0) {
            throw new KeyLogFormatException(what + " has an odd number of hex digits (" + text.length() + ")");
        }
        byte[] out = new byte[text.length() / 2];
        for (int i = 0; i < text.length(); i += 2) {
            int hi = nibble(text.charAt(i));
            int lo = nibble(text.charAt(i + 1));
            if (hi < 0 || lo < 0) {
                int bad = hi < 0 ? i : i + 1;
                throw new KeyLogFormatException(what + " is not hex: " + quote(String.valueOf(text.charAt(bad)))
                        + " at position " + (bad + 1));
            }
            out[i / 2] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    /** The value of an ASCII hex digit, or -1 (also for the non-ASCII digits {@link Character#digit} takes). */
    private static int nibble(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** {@code text} in double quotes, shortened, with control and non-ASCII characters escaped. */
    static String quote(String text) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), QUOTE_MAX_CHARS) + 8).append('"');
        int n = Math.min(text.length(), QUOTE_MAX_CHARS);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        sb.append('"');
        if (text.length() > n) {
            sb.append("...");
        }
        return sb.toString();
    }
}
