package org.callscope.engine.tls.keys;

import java.util.Locale;

/**
 * The labels of the NSS key log format (RFC 9850): what a secret is and what identifies it. Every
 * label but {@link #RSA} is keyed by the 32-byte ClientHello random.
 */
public enum SecretLabel {
    /** TLS 1.2 and earlier: the 48-byte master secret. */
    CLIENT_RANDOM,
    CLIENT_EARLY_TRAFFIC_SECRET,
    CLIENT_HANDSHAKE_TRAFFIC_SECRET,
    SERVER_HANDSHAKE_TRAFFIC_SECRET,
    CLIENT_TRAFFIC_SECRET_0,
    SERVER_TRAFFIC_SECRET_0,
    EARLY_EXPORTER_SECRET,
    EXPORTER_SECRET,
    /** RSA key exchange: the 48-byte pre-master secret, keyed by the first 8 bytes of its encryption. */
    RSA;

    /** Bytes in a ClientHello random (RFC 5246 §7.4.1.2). */
    public static final int CLIENT_RANDOM_BYTES = 32;
    /** Bytes of the encrypted pre-master secret that identify it in an {@code RSA} line. */
    public static final int RSA_ID_BYTES = 8;
    /** Master secret and pre-master secret size (RFC 5246 §8.1, §7.4.7.1). */
    public static final int MASTER_SECRET_BYTES = 48;

    /** How many bytes the identifier of this label has. */
    public int idBytes() {
        return this == RSA ? RSA_ID_BYTES : CLIENT_RANDOM_BYTES;
    }

    /** Whether this label carries a TLS 1.3 secret, whose size is the hash length of the suite. */
    public boolean isTls13() {
        return this != CLIENT_RANDOM && this != RSA;
    }

    /**
     * Whether {@code length} bytes is a size this label's secret can have: 48 for the master and
     * pre-master secrets; 32 (SHA-256) or 48 (SHA-384) for TLS 1.3 secrets (RFC 8446 §B.4).
     */
    public boolean acceptsSecretBytes(int length) {
        return isTls13() ? length == 32 || length == 48 : length == MASTER_SECRET_BYTES;
    }

    /** What the identifier is, for messages. */
    String idDescription() {
        return this == RSA ? "RSA encrypted pre-master prefix" : "client random";
    }

    /** What the secret is, for messages. */
    String secretDescription() {
        return switch (this) {
            case CLIENT_RANDOM -> "master secret";
            case RSA -> "RSA pre-master secret";
            default -> "TLS 1.3 secret";
        };
    }

    /** What sizes the secret may have, for messages. */
    String secretSizes() {
        return isTls13() ? "32 or 48 bytes (64 or 96 hex digits)" : "48 bytes (96 hex digits)";
    }

    /**
     * The label named {@code name}, ignoring case as VoIPmonitor's receiver does; null when no label
     * has that name.
     */
    public static SecretLabel fromName(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) > 0x7f) {
                return null; // Unicode case folding would take U+0131 (dotless i) for I
            }
        }
        String upper = name.toUpperCase(Locale.ROOT);
        for (SecretLabel label : values()) {
            if (label.name().equals(upper)) {
                return label;
            }
        }
        return null;
    }
}
