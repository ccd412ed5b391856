package org.callscope.engine.tls.record;

/** TLS record content types (RFC 8446 §5.1, RFC 6520 §3 for heartbeat), with their RFC names. */
public final class ContentType {
    public static final int CHANGE_CIPHER_SPEC = 20;
    public static final int ALERT = 21;
    public static final int HANDSHAKE = 22;
    public static final int APPLICATION_DATA = 23;
    public static final int HEARTBEAT = 24;

    private ContentType() {
    }

    /** True for the types a TLS 1.0–1.3 or DTLS 1.0/1.2 record may carry (20..24). */
    public static boolean isKnown(int type) {
        return type >= CHANGE_CIPHER_SPEC && type <= HEARTBEAT;
    }

    /** "handshake", "application_data", ...; "unknown(N)" for anything else. */
    public static String name(int type) {
        return switch (type) {
            case CHANGE_CIPHER_SPEC -> "change_cipher_spec";
            case ALERT -> "alert";
            case HANDSHAKE -> "handshake";
            case APPLICATION_DATA -> "application_data";
            case HEARTBEAT -> "heartbeat";
            default -> "unknown(" + type + ")";
        };
    }
}
