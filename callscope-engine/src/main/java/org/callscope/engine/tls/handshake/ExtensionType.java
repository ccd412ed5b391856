package org.callscope.engine.tls.handshake;

/** Hello extension types this package reads or names (IANA "TLS ExtensionType Values"). */
public final class ExtensionType {
    public static final int SERVER_NAME = 0;
    public static final int STATUS_REQUEST = 5;
    public static final int SUPPORTED_GROUPS = 10;
    public static final int EC_POINT_FORMATS = 11;
    public static final int SIGNATURE_ALGORITHMS = 13;
    public static final int USE_SRTP = 14;
    public static final int HEARTBEAT = 15;
    public static final int APPLICATION_LAYER_PROTOCOL_NEGOTIATION = 16;
    public static final int SIGNED_CERTIFICATE_TIMESTAMP = 18;
    public static final int PADDING = 21;
    public static final int ENCRYPT_THEN_MAC = 22;
    public static final int EXTENDED_MASTER_SECRET = 23;
    public static final int SESSION_TICKET = 35;
    public static final int PRE_SHARED_KEY = 41;
    public static final int EARLY_DATA = 42;
    public static final int SUPPORTED_VERSIONS = 43;
    public static final int COOKIE = 44;
    public static final int PSK_KEY_EXCHANGE_MODES = 45;
    public static final int KEY_SHARE = 51;
    public static final int RENEGOTIATION_INFO = 0xff01;

    private ExtensionType() {
    }

    /** "key_share", "use_srtp", ...; "unknown(N)" for anything else. */
    public static String name(int type) {
        return switch (type) {
            case SERVER_NAME -> "server_name";
            case STATUS_REQUEST -> "status_request";
            case SUPPORTED_GROUPS -> "supported_groups";
            case EC_POINT_FORMATS -> "ec_point_formats";
            case SIGNATURE_ALGORITHMS -> "signature_algorithms";
            case USE_SRTP -> "use_srtp";
            case HEARTBEAT -> "heartbeat";
            case APPLICATION_LAYER_PROTOCOL_NEGOTIATION -> "application_layer_protocol_negotiation";
            case SIGNED_CERTIFICATE_TIMESTAMP -> "signed_certificate_timestamp";
            case PADDING -> "padding";
            case ENCRYPT_THEN_MAC -> "encrypt_then_mac";
            case EXTENDED_MASTER_SECRET -> "extended_master_secret";
            case SESSION_TICKET -> "session_ticket";
            case PRE_SHARED_KEY -> "pre_shared_key";
            case EARLY_DATA -> "early_data";
            case SUPPORTED_VERSIONS -> "supported_versions";
            case COOKIE -> "cookie";
            case PSK_KEY_EXCHANGE_MODES -> "psk_key_exchange_modes";
            case KEY_SHARE -> "key_share";
            case RENEGOTIATION_INFO -> "renegotiation_info";
            default -> "unknown(" + type + ")";
        };
    }
}
