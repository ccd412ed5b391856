package org.callscope.engine.tls.keys;

import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * One line of the NSS key log format, as {@code SSLKEYLOGFILE} writers produce it and RFC 9850
 * (draft-ietf-tls-keylogfile) specifies: {@code LABEL <client random hex> <secret hex>}, or
 * {@code RSA <8-byte encrypted pre-master prefix hex> <48-byte pre-master hex>}.
 *
 * <p>Accepted beyond the letter of the format, because real writers produce it: runs of spaces or
 * tabs between fields, leading and trailing white space (CR of a CRLF file, a byte-order mark),
 * upper- or lower-case hex, and labels in any case (VoIPmonitor's receiver compares them ignoring
 * case). Blank lines and lines starting with {@code #} are comments.
 */
public final class KeyLogLine {
    /** Longer than any valid line (a TLS 1.3 line is under 230 characters); longer ones are refused unread. */
    static final int MAX_LINE_CHARS = 1024;
    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern FIELD_SEPARATOR = Pattern.compile("[ \t]+");

    private KeyLogLine() {
    }

    /** {@code CLIENT_TRAFFIC_SECRET_1}, {@code SERVER_TRAFFIC_SECRET_2}, …: secrets after TLS 1.3 KeyUpdates. */
    private static final java.util.regex.Pattern UPDATED_TRAFFIC_SECRET =
            java.util.regex.Pattern.compile("(?i)(CLIENT|SERVER)_TRAFFIC_SECRET_[1-9][0-9]{0,9}");

    /**
     * The entry on {@code line}, or null for a blank or comment line, or for a secret that is
     * derived rather than read (a TLS 1.3 traffic secret after a KeyUpdate).
     *
     * @throws KeyLogFormatException when the line is not a valid key log entry: the message says
     *                               which field is wrong and how
     */
    public static KeyLogEntry parse(String line) throws KeyLogFormatException {
        if (line.length() > MAX_LINE_CHARS) {
            throw new KeyLogFormatException("line too long (" + line.length() + " characters, at most "
                    + MAX_LINE_CHARS + ")");
        }
        String text = strip(line);
        if (text.isEmpty() || text.charAt(0) == '#') {
            return null;
        }
        String[] fields = FIELD_SEPARATOR.split(text);
        if (fields.length < 3) {
            throw new KeyLogFormatException("missing fields: expected LABEL ID SECRET, got " + fields.length
                    + (fields.length == 1 ? " field" : " fields"));
        }
        if (fields.length > 3) {
            throw new KeyLogFormatException("extra fields: expected LABEL ID SECRET, got " + fields.length
                    + " fields");
        }
        SecretLabel label = SecretLabel.fromName(fields[0]);
        if (label == null && UPDATED_TRAFFIC_SECRET.matcher(fields[0]).matches()) {
            return null; // OpenSSL 3 logs the secrets after each KeyUpdate; they are derived from _0 anyway
        }
        if (label == null) {
            throw new KeyLogFormatException("unknown label " + KeyText.quote(fields[0]));
        }
        return KeyText.entry(label, fields[1], fields[2]);
    }

    /** The line for {@code e}, with lower-case hex and no line terminator. */
    public static String format(KeyLogEntry e) {
        return e.label().name() + ' ' + HEX.formatHex(e.id()) + ' ' + HEX.formatHex(e.secret());
    }

    /** White space as key logs have it around a line: blanks, CR/LF, a byte-order mark. */
    private static String strip(String line) {
        int start = 0;
        int end = line.length();
        while (start < end && isBlank(line.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(start, end);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\uFEFF';
    }
}
