package org.callscope.engine.tls.keys;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a key datagram (from a keylogger over UDP, or found as a UDP packet inside a capture)
 * carries: one or more NSS key log lines, or the JSON objects VoIPmonitor's receiver accepts.
 * See the package documentation for the variants and where each comes from.
 *
 * <p>A datagram is taken whole or not at all: one bad item rejects it, so a sender that is
 * misconfigured is noticed rather than half-heard.
 */
public final class KeyDatagrams {
    private KeyDatagrams() {
    }

    /**
     * The entries in {@code len} bytes of {@code buf} from {@code off}.
     *
     * @throws KeyLogFormatException when the datagram carries no key, or any item in it is not a
     *                               valid key (the message says which line and why)
     */
    public static List<KeyLogEntry> parse(byte[] buf, int off, int len) throws KeyLogFormatException {
        Objects.checkFromIndexSize(off, len, buf.length);
        int end = off + len;
        while (end > off && buf[end - 1] == 0) {
            end--; // C senders may include the string's terminator
        }
        for (int i = off; i < end; i++) {
            if (buf[i] == 0) {
                throw new KeyLogFormatException("NUL byte at offset " + (i - off) + " inside the datagram");
            }
        }
        String text = new String(buf, off, end - off, StandardCharsets.UTF_8);
        List<KeyLogEntry> entries = new ArrayList<>();
        int pos = 0;
        int line = 1;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\uFEFF') {
                pos++;
            } else if (c == '{') {
                KeyJson.JsonObject object = KeyJson.readObject(text, pos);
                entries.add(jsonEntry(object.members(), line));
                line += newlines(text, pos, object.end());
                pos = object.end();
            } else {
                int eol = text.indexOf('\n', pos);
                String item = text.substring(pos, eol < 0 ? text.length() : eol);
                KeyLogEntry entry;
                try {
                    entry = KeyLogLine.parse(item);
                } catch (KeyLogFormatException e) {
                    throw at(line, e);
                }
                if (entry != null) {
                    entries.add(entry);
                }
                pos += item.length();
            }
        }
        if (entries.isEmpty()) {
            throw new KeyLogFormatException(len == 0 ? "empty datagram" : "no key in the datagram");
        }
        return entries;
    }

    /**
     * Whether a UDP payload looks like a key datagram at all (it starts with a key log label, or is a
     * JSON object), as a capture decides which packets to hand to {@link #parse} (VoIPmonitor's
     * {@code string_looks_like_client_random} makes the same test).
     */
    public static boolean looksLikeKeyDatagram(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        int end = off + len;
        while (end > off && (buf[end - 1] == 0 || buf[end - 1] == '\n' || buf[end - 1] == '\r')) {
            end--;
        }
        if (end == off) {
            return false;
        }
        if (buf[off] == '{') {
            return buf[end - 1] == '}';
        }
        for (SecretLabel label : SecretLabel.values()) {
            String name = label.name();
            if (end - off > name.length() && startsWithIgnoringCase(buf, off, name)
                    && (buf[off + name.length()] == ' ' || buf[off + name.length()] == '\t')) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithIgnoringCase(byte[] buf, int off, String name) {
        for (int i = 0; i < name.length(); i++) {
            int b = buf[off + i] & 0xff;
            if (b >= 'a' && b <= 'z') {
                b -= 'a' - 'A';
            }
            if (b != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code {"sessionid": <client random>, "mastersecret": <master secret>}} is a CLIENT_RANDOM;
     * otherwise {@code {"type": <label>, "client_random": <id>, "key": <secret>}}.
     */
    private static KeyLogEntry jsonEntry(Map<String, Object> members, int line) throws KeyLogFormatException {
        try {
            if (members.containsKey("sessionid") && members.containsKey("mastersecret")) {
                return KeyText.entry(SecretLabel.CLIENT_RANDOM, string(members, "sessionid"),
                        string(members, "mastersecret"));
            }
            if (members.containsKey("type") && members.containsKey("client_random") && members.containsKey("key")) {
                String type = string(members, "type");
                SecretLabel label = SecretLabel.fromName(type);
                if (label == null) {
                    throw new KeyLogFormatException("JSON: unknown type " + KeyText.quote(type));
                }
                return KeyText.entry(label, string(members, "client_random"), string(members, "key"));
            }
            throw new KeyLogFormatException("JSON object has neither \"sessionid\" and \"mastersecret\" nor \"type\", "
                    + "\"client_random\" and \"key\" (members: " + names(members) + ")");
        } catch (KeyLogFormatException e) {
            throw at(line, e);
        }
    }

    private static String string(Map<String, Object> members, String name) throws KeyLogFormatException {
        Object value = members.get(name);
        if (value instanceof String s) {
            return s.strip();
        }
        throw new KeyLogFormatException("JSON: \"" + name + "\" must be a string, got "
                + ((KeyJson.Kind) value).description);
    }

    private static String names(Map<String, Object> members) {
        if (members.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (String name : members.keySet()) {
            if (shown == 8) {
                sb.append(", ...");
                break;
            }
            sb.append(shown++ == 0 ? "" : ", ").append(KeyText.quote(name));
        }
        return sb.toString();
    }

    private static int newlines(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private static KeyLogFormatException at(int line, KeyLogFormatException e) {
        return new KeyLogFormatException("line " + line + ": " + e.getMessage());
    }
}
