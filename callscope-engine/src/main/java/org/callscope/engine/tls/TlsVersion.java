package org.callscope.engine.tls;

/** Protocol versions as they appear on the wire (ServerHello, supported_versions, record headers). */
public enum TlsVersion {
    SSL_3_0(0x0300, "SSL 3.0"),
    TLS_1_0(0x0301, "TLS 1.0"),
    TLS_1_1(0x0302, "TLS 1.1"),
    TLS_1_2(0x0303, "TLS 1.2"),
    TLS_1_3(0x0304, "TLS 1.3"),
    DTLS_1_0(0xfeff, "DTLS 1.0"),
    DTLS_1_2(0xfefd, "DTLS 1.2");

    private final int code;
    private final String displayName;

    TlsVersion(int code, String displayName) {
        this.code = code;
        this.displayName = displayName;
    }

    public int code() {
        return code;
    }

    /** "TLS 1.2", as the CDR and the {@code tls} command print it. */
    public String displayName() {
        return displayName;
    }

    public boolean isDtls() {
        return this == DTLS_1_0 || this == DTLS_1_2;
    }

    /** The stream-TLS version whose key derivation and record protection a DTLS version uses. */
    public TlsVersion streamEquivalent() {
        return switch (this) {
            case DTLS_1_0 -> TLS_1_1;
            case DTLS_1_2 -> TLS_1_2;
            default -> this;
        };
    }

    /** Null for a code that is no known version. */
    public static TlsVersion fromCode(int code) {
        for (TlsVersion v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        return null;
    }
}
