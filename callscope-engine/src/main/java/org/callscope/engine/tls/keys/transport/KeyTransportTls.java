package org.callscope.engine.tls.keys.transport;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.tls.BasicTlsPSKExternal;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.PRFAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsPSKExternal;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The TLS parameters of the secure key transport (docs/KEY-TRANSPORT.md), shared by
 * {@link ExternalPskServer} and {@link ExternalPskClient}: TLS 1.3 only, TLS_AES_128_GCM_SHA256,
 * X25519 or P-256, one external PSK under {@link KeyTransportPsk#IDENTITY}. BouncyCastle offers and
 * accepts only {@code psk_dhe_ke} for TLS 1.3 PSKs (RFC 8446 §4.2.9), which is what the protocol
 * asks: every connection gets its own (EC)DHE secret.
 */
final class KeyTransportTls {
    static final byte[] IDENTITY = KeyTransportPsk.IDENTITY.getBytes(StandardCharsets.US_ASCII);
    static final ProtocolVersion[] VERSIONS = ProtocolVersion.TLSv13.only();
    static final int[] CIPHER_SUITES = {CipherSuite.TLS_AES_128_GCM_SHA256};
    static final int[] GROUPS = {NamedGroup.x25519, NamedGroup.secp256r1};
    /** Handshakes that take longer are abandoned, so a silent peer cannot hold a connection slot. */
    static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyTransportTls() {
    }

    /** A crypto provider for one connection (BouncyCastle's lightweight implementation). */
    static TlsCrypto crypto() {
        return new BcTlsCrypto(RANDOM);
    }

    /** The external PSK as the TLS stack wants it; its hash is SHA-256, the suite's. */
    static TlsPSKExternal externalPsk(TlsCrypto crypto, KeyTransportPsk psk) {
        byte[] key = psk.bytes();
        try {
            return new BasicTlsPSKExternal(IDENTITY, crypto.createSecret(key), PRFAlgorithm.tls13_hkdf_sha256);
        } finally {
            java.util.Arrays.fill(key, (byte) 0);
        }
    }
}
