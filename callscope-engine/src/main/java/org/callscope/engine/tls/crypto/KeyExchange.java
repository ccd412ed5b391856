package org.callscope.engine.tls.crypto;

/** How a cipher suite agrees on the pre-master secret; what a passive observer needs to decrypt. */
public enum KeyExchange {
    NULL,
    RSA,
    RSA_EXPORT,
    /** Static (EC)DH from the certificate: no forward secrecy, but no RSA-decryptable pre-master either. */
    DH,
    /** Ephemeral finite-field DH, signed or anonymous. */
    DHE,
    ECDH,
    /** Ephemeral elliptic-curve DH, signed or anonymous. */
    ECDHE,
    PSK,
    DHE_PSK,
    ECDHE_PSK,
    RSA_PSK,
    /** TLS 1.3 suites name no key exchange: it is negotiated by extensions. */
    TLS13;

    /** True when a recorded session cannot be decrypted with the server's long-term key. */
    public boolean forwardSecret() {
        return switch (this) {
            case DHE, ECDHE, DHE_PSK, ECDHE_PSK, TLS13 -> true;
            default -> false;
        };
    }

    /** True when the ClientKeyExchange carries a pre-master secret encrypted to the server's RSA key. */
    public boolean rsaPremaster() {
        return this == RSA || this == RSA_EXPORT || this == RSA_PSK;
    }
}
