package org.callscope.engine.tls.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.callscope.engine.tls.TlsVersion;

/** Builds the record decryptors of a connection from its negotiated parameters and secrets. */
public final class RecordDecryptors {
    private RecordDecryptors() {
    }

    /**
     * SSL 3.0 to TLS 1.2, DTLS 1.0 and 1.2: both directions' decryptors from the master secret.
     *
     * @param encryptThenMac RFC 7366 negotiated; applies to CBC suites only
     * @throws IllegalArgumentException when the suite cannot be used with the version (a TLS 1.3
     *                                  suite, AEAD or SHA-256/384 MACs before TLS 1.2, SSL 3.0 with
     *                                  anything but MD5/SHA-1 MACs)
     */
    public static ConnectionDecryptors tls12(TlsVersion v, CipherSuite s, byte[] masterSecret, byte[] clientRandom,
                                             byte[] serverRandom, boolean encryptThenMac) {
        checkUsable(v, s);
        DirectionKeys[] keys = KeyBlock.derive(v, s, masterSecret, clientRandom, serverRandom);
        return new ConnectionDecryptors(direction(v, s, keys[0], encryptThenMac), direction(v, s, keys[1], encryptThenMac));
    }

    /** TLS 1.3 (RFC 8446 §7.3): key = HKDF-Expand-Label(secret, "key", "", key_length), iv likewise with "iv", 12. */
    public static RecordDecryptor tls13(CipherSuite s, byte[] trafficSecret) {
        if (!s.cipher().aead()) {
            throw new IllegalArgumentException(s + " is not an AEAD suite usable with TLS 1.3");
        }
        byte[] key = Hkdf.expandLabel(s.prfHash(), trafficSecret, "key", new byte[0], s.cipher().keyLength());
        byte[] iv = Hkdf.expandLabel(s.prfHash(), trafficSecret, "iv", new byte[0], 12);
        return new Tls13RecordDecryptor(AeadCipher.of(s.cipher(), key), iv);
    }

    /** RFC 8446 §7.2: application_traffic_secret_N+1 = HKDF-Expand-Label(secret_N, "traffic upd", "", Hash.length). */
    public static byte[] tls13NextTrafficSecret(CipherSuite s, byte[] secret) {
        return Hkdf.expandLabel(s.prfHash(), secret, "traffic upd", new byte[0], Hkdf.hashLength(s.prfHash()));
    }

    /**
     * RFC 5705 exporter without context: PRF(master_secret, label, client_random + server_random)[length].
     * DTLS-SRTP (RFC 5764 §4.2) uses it with "EXTRACTOR-dtls_srtp".
     */
    public static byte[] exportKeyingMaterial(TlsVersion v, CipherSuite s, byte[] masterSecret, String label,
                                              byte[] clientRandom, byte[] serverRandom, int length) {
        return exportKeyingMaterial(v, s, masterSecret, label, clientRandom, serverRandom, null, length);
    }

    /** RFC 5705 exporter; a non-null context is appended to the seed with its 2-byte length. */
    public static byte[] exportKeyingMaterial(TlsVersion v, CipherSuite s, byte[] masterSecret, String label,
                                              byte[] clientRandom, byte[] serverRandom, byte[] context, int length) {
        TlsVersion base = v.streamEquivalent();
        if (base == TlsVersion.SSL_3_0 || base == TlsVersion.TLS_1_3) {
            throw new IllegalArgumentException("the RFC 5705 exporter is not defined for " + v.displayName());
        }
        byte[] seed = Crypto.concat(clientRandom, serverRandom);
        if (context != null) {
            if (context.length > 0xffff) {
                throw new IllegalArgumentException("exporter context of " + context.length + " bytes, at most 65535");
            }
            byte[] withLength = new byte[seed.length + 2 + context.length];
            System.arraycopy(seed, 0, withLength, 0, seed.length);
            withLength[seed.length] = (byte) (context.length >>> 8);
            withLength[seed.length + 1] = (byte) context.length;
            System.arraycopy(context, 0, withLength, seed.length + 2, context.length);
            seed = withLength;
        }
        return Prf.compute(v, s, masterSecret, label, seed, length);
    }

    private static void checkUsable(TlsVersion v, CipherSuite s) {
        TlsVersion base = v.streamEquivalent();
        if (base == TlsVersion.TLS_1_3 || s.tls13()) {
            throw new IllegalArgumentException(s + " with " + v.displayName() + ": TLS 1.3 keys come from traffic secrets");
        }
        boolean tls12 = base == TlsVersion.TLS_1_2;
        if (!tls12 && (s.cipher().aead() || s.mac() == MacAlgorithm.SHA256 || s.mac() == MacAlgorithm.SHA384)) {
            throw new IllegalArgumentException(s + " requires TLS 1.2, not " + v.displayName());
        }
        if (v.isDtls() && s.cipher().stream() && s.cipher() != BulkCipher.NULL) {
            throw new IllegalArgumentException(s + ": DTLS forbids stream ciphers");
        }
    }

    private static RecordDecryptor direction(TlsVersion v, CipherSuite s, DirectionKeys keys, boolean encryptThenMac) {
        TlsVersion base = v.streamEquivalent();
        boolean ssl3 = base == TlsVersion.SSL_3_0;
        BulkCipher cipher = s.cipher();
        if (cipher.aead()) {
            return new AeadRecordDecryptor(AeadCipher.of(cipher, keys.key()), keys.iv(), cipher.recordIvLength());
        }
        RecordMac mac = RecordMac.of(s.mac(), ssl3, keys.macKey());
        if (cipher.block()) {
            boolean explicitIv = base != TlsVersion.SSL_3_0 && base != TlsVersion.TLS_1_0;
            return new CbcRecordDecryptor(CbcCipher.of(cipher, keys.key(), keys.iv()), mac, explicitIv,
                    encryptThenMac && !ssl3, ssl3);
        }
        return new StreamRecordDecryptor(cipher == BulkCipher.NULL ? null : rc4(keys.key()), mac);
    }

    private static Cipher rc4(byte[] key) {
        Cipher rc4 = Crypto.cipher("ARCFOUR");
        try {
            rc4.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "ARCFOUR"));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("RC4 refused a " + key.length + "-byte key", e);
        }
        return rc4;
    }
}
