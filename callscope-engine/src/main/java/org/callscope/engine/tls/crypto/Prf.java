package org.callscope.engine.tls.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import org.callscope.engine.tls.TlsVersion;

/**
 * The pseudo-random functions of SSL 3.0 to TLS 1.2 and what is derived with them before record
 * protection: master secret (RFC 5246 §8.1, RFC 7627) and its session hash. DTLS 1.0 uses the TLS
 * 1.1 PRF, DTLS 1.2 the TLS 1.2 one.
 */
public final class Prf {
    static final int MASTER_SECRET_LENGTH = 48;
    /** SSL 3.0 salts its MD5/SHA-1 chain with "A", "BB", "CCC"...: 26 steps of 16 bytes. */
    private static final int SSL3_MAX_LENGTH = 26 * 16;

    private Prf() {
    }

    /**
     * PRF(secret, label, seed)[length] of the version: SSL 3.0's MD5(secret + SHA-1(salt + secret +
     * seed)) chain (label ignored), TLS 1.0/1.1's P_MD5 ⊕ P_SHA-1 over split halves of the secret,
     * TLS 1.2's P_hash with the suite's PRF hash (SHA-256 when {@code s} is null).
     *
     * @throws IllegalArgumentException for TLS 1.3, which has no PRF, or an SSL 3.0 output over 416 bytes
     */
    public static byte[] compute(TlsVersion v, CipherSuite s, byte[] secret, String label, byte[] seed, int length) {
        return switch (v.streamEquivalent()) {
            case SSL_3_0 -> ssl3(secret, seed, length);
            case TLS_1_0, TLS_1_1 -> tls10(secret, labelled(label, seed), length);
            case TLS_1_2 -> pHash(Crypto.hmacOf(s == null ? "SHA-256" : s.prfHash()), secret, labelled(label, seed), length);
            default -> throw new IllegalArgumentException(v.displayName() + " has no PRF (it uses HKDF)");
        };
    }

    /** master_secret = PRF(pre_master_secret, "master secret", client_random + server_random)[48]. */
    public static byte[] masterSecret(TlsVersion v, CipherSuite s, byte[] preMaster, byte[] clientRandom, byte[] serverRandom) {
        return compute(v, s, preMaster, "master secret", Crypto.concat(clientRandom, serverRandom), MASTER_SECRET_LENGTH);
    }

    /** RFC 7627 §4: PRF(pre_master_secret, "extended master secret", session_hash)[48]. */
    public static byte[] extendedMasterSecret(TlsVersion v, CipherSuite s, byte[] preMaster, byte[] sessionHash) {
        requireTls10To12(v);
        return compute(v, s, preMaster, "extended master secret", sessionHash, MASTER_SECRET_LENGTH);
    }

    /**
     * RFC 7627 §3: the hash of the handshake messages from ClientHello up to and including
     * ClientKeyExchange: MD5 ‖ SHA-1 before TLS 1.2, the suite's PRF hash in TLS 1.2.
     */
    public static byte[] sessionHash(TlsVersion v, CipherSuite s, byte[] handshakeMessages) {
        requireTls10To12(v);
        if (v.streamEquivalent() == TlsVersion.TLS_1_2) {
            return Crypto.digest(s == null ? "SHA-256" : s.prfHash()).digest(handshakeMessages);
        }
        return Crypto.concat(Crypto.digest("MD5").digest(handshakeMessages), Crypto.digest("SHA-1").digest(handshakeMessages));
    }

    private static void requireTls10To12(TlsVersion v) {
        TlsVersion base = v.streamEquivalent();
        if (base == TlsVersion.SSL_3_0 || base == TlsVersion.TLS_1_3) {
            throw new IllegalArgumentException("the extended master secret is not defined for " + v.displayName());
        }
    }

    private static byte[] labelled(String label, byte[] seed) {
        return Crypto.concat(label.getBytes(StandardCharsets.US_ASCII), seed);
    }

    /** RFC 2246 §5: the secret's halves (sharing the middle byte when odd) feed P_MD5 and P_SHA-1. */
    private static byte[] tls10(byte[] secret, byte[] seed, int length) {
        int half = (secret.length + 1) / 2;
        byte[] s1 = java.util.Arrays.copyOfRange(secret, 0, half);
        byte[] s2 = java.util.Arrays.copyOfRange(secret, secret.length - half, secret.length);
        byte[] md5 = pHash("HmacMD5", s1, seed, length);
        byte[] sha = pHash("HmacSHA1", s2, seed, length);
        for (int i = 0; i < length; i++) {
            md5[i] ^= sha[i];
        }
        return md5;
    }

    /** RFC 5246 §5: A(0) = seed, A(i) = HMAC(secret, A(i-1)), output HMAC(secret, A(i) + seed)... */
    static byte[] pHash(String hmac, byte[] secret, byte[] seed, int length) {
        Mac mac = Crypto.hmac(hmac, secret);
        int n = mac.getMacLength();
        byte[] out = new byte[length];
        byte[] a = seed;
        byte[] block = new byte[n];
        try {
            for (int pos = 0; pos < length; pos += n) {
                a = mac.doFinal(a);
                mac.update(a);
                mac.update(seed);
                mac.doFinal(block, 0);
                System.arraycopy(block, 0, out, pos, Math.min(n, length - pos));
            }
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** SSL 3.0 §6.1/§6.2.2: MD5(secret + SHA(‘A’ + secret + seed)) + MD5(secret + SHA(‘BB’ + secret + seed)) + ... */
    private static byte[] ssl3(byte[] secret, byte[] seed, int length) {
        if (length > SSL3_MAX_LENGTH) {
            throw new IllegalArgumentException("SSL 3.0 derives at most " + SSL3_MAX_LENGTH + " bytes, not " + length);
        }
        MessageDigest md5 = Crypto.digest("MD5");
        MessageDigest sha = Crypto.digest("SHA-1");
        byte[] out = new byte[length];
        for (int i = 0, pos = 0; pos < length; i++, pos += 16) {
            for (int j = 0; j <= i; j++) {
                sha.update((byte) ('A' + i));
            }
            sha.update(secret);
            sha.update(seed);
            md5.update(secret);
            md5.update(sha.digest());
            byte[] block = md5.digest();
            System.arraycopy(block, 0, out, pos, Math.min(16, length - pos));
        }
        return out;
    }

    /** SSL 3.0 export key and IV derivation: MD5 over the concatenation, truncated. */
    static byte[] ssl3Md5(int length, byte[]... parts) {
        MessageDigest md5 = Crypto.digest("MD5");
        for (byte[] p : parts) {
            md5.update(p);
        }
        return java.util.Arrays.copyOf(md5.digest(), length);
    }
}
