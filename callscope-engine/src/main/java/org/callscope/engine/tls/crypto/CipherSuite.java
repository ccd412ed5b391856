package org.callscope.engine.tls.crypto;

/**
 * One registered cipher suite.
 *
 * @param id          the two-byte code point
 * @param name        the IANA name, e.g. {@code TLS_RSA_WITH_AES_128_CBC_SHA}
 * @param keyExchange how the pre-master secret is agreed ({@link KeyExchange#TLS13} for TLS 1.3 suites)
 * @param cipher      the record cipher
 * @param mac         the record MAC, {@link MacAlgorithm#AEAD} for AEAD ciphers
 * @param prfHash     "SHA-256" or "SHA-384": the TLS 1.2 PRF hash and the TLS 1.3 HKDF hash
 */
public record CipherSuite(int id, String name, KeyExchange keyExchange, BulkCipher cipher, MacAlgorithm mac, String prfHash) {

    /** True for the TLS 1.3 suites (0x1301–0x1305), usable only with TLS 1.3. */
    public boolean tls13() {
        return keyExchange == KeyExchange.TLS13;
    }

    @Override
    public String toString() {
        return String.format("%s (0x%04x)", name, id);
    }
}
