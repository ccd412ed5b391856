package org.callscope.engine.tls.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Factory of JDK primitives: an algorithm the JDK must have but lacks is a broken runtime, not bad input. */
final class Crypto {
    private Crypto() {
    }

    static Mac hmac(String algorithm, byte[] key) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            // An empty key is legal (RFC 2104 pads any key with zeros to the block size), but
            // SecretKeySpec refuses it; one zero byte pads to the same block.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot set up " + algorithm, e);
        }
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    static Cipher cipher(String transformation) {
        try {
            return Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + transformation, e);
        }
    }

    /** The HMAC algorithm name of a PRF/HKDF hash name ("SHA-256", "SHA-384"). */
    static String hmacOf(String hash) {
        return switch (hash) {
            case "SHA-256" -> "HmacSHA256";
            case "SHA-384" -> "HmacSHA384";
            case "SHA-1" -> "HmacSHA1";
            case "MD5" -> "HmacMD5";
            default -> throw new IllegalArgumentException("unsupported hash " + hash);
        };
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Compares without an early exit; lengths are public. */
    static boolean equal(byte[] a, int aOff, byte[] b, int bOff, int len) {
        int diff = 0;
        for (int i = 0; i < len; i++) {
            diff |= a[aOff + i] ^ b[bOff + i];
        }
        return diff == 0;
    }
}
