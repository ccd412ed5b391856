package org.callscope.engine.tls.handshake;

import java.util.Objects;

/** An alert (RFC 8446 §6, RFC 5246 §7.2): level and description. */
public record Alert(int level, int description) {
    public static final int LEVEL_WARNING = 1;
    public static final int LEVEL_FATAL = 2;
    public static final int CLOSE_NOTIFY = 0;

    /**
     * The alert in {@code buf[off, off + len)}: exactly two bytes, level 1 (warning) or 2 (fatal).
     * RFC 8446 §5.1 forbids coalescing alerts in one record, so a longer plaintext is an error too.
     *
     * @throws TlsParseException when the length or the level is wrong
     */
    public static Alert parse(byte[] buf, int off, int len) throws TlsParseException {
        Objects.checkFromIndexSize(off, len, buf.length);
        WireReader r = new WireReader("Alert", buf, off, len);
        int level = r.u8("level");
        int description = r.u8("description");
        r.expectEnd("description");
        if (level != LEVEL_WARNING && level != LEVEL_FATAL) {
            throw r.errorAt(0, "level " + level + " is neither warning (1) nor fatal (2)");
        }
        return new Alert(level, description);
    }

    public boolean fatal() {
        return level == LEVEL_FATAL;
    }

    /** "close_notify", "handshake_failure", ...; "unknown(N)" for anything else. */
    public String descriptionName() {
        return descriptionName(description);
    }

    /** RFC names of the alert descriptions of SSL 3.0 to TLS 1.3 (IANA "TLS Alerts"). */
    public static String descriptionName(int description) {
        return switch (description) {
            case 0 -> "close_notify";
            case 10 -> "unexpected_message";
            case 20 -> "bad_record_mac";
            case 21 -> "decryption_failed";
            case 22 -> "record_overflow";
            case 30 -> "decompression_failure";
            case 40 -> "handshake_failure";
            case 41 -> "no_certificate";
            case 42 -> "bad_certificate";
            case 43 -> "unsupported_certificate";
            case 44 -> "certificate_revoked";
            case 45 -> "certificate_expired";
            case 46 -> "certificate_unknown";
            case 47 -> "illegal_parameter";
            case 48 -> "unknown_ca";
            case 49 -> "access_denied";
            case 50 -> "decode_error";
            case 51 -> "decrypt_error";
            case 60 -> "export_restriction";
            case 70 -> "protocol_version";
            case 71 -> "insufficient_security";
            case 80 -> "internal_error";
            case 86 -> "inappropriate_fallback";
            case 90 -> "user_canceled";
            case 100 -> "no_renegotiation";
            case 109 -> "missing_extension";
            case 110 -> "unsupported_extension";
            case 111 -> "certificate_unobtainable";
            case 112 -> "unrecognized_name";
            case 113 -> "bad_certificate_status_response";
            case 114 -> "bad_certificate_hash_value";
            case 115 -> "unknown_psk_identity";
            case 116 -> "certificate_required";
            case 120 -> "no_application_protocol";
            default -> "unknown(" + description + ")";
        };
    }
}
