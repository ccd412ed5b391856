package org.callscope.engine.tls.crypto;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

/** HKDF (RFC 5869) and TLS 1.3's HKDF-Expand-Label (RFC 8446 §7.1), over "SHA-256" or "SHA-384". */
public final class Hkdf {
    private static final byte[] LABEL_PREFIX = "tls13 ".getBytes(StandardCharsets.US_ASCII);

    private Hkdf() {
    }

    /** HKDF-Extract(salt, IKM) = HMAC-Hash(salt, IKM); an empty salt means HashLen zeros. */
    public static byte[] extract(String hash, byte[] salt, byte[] ikm) {
        return Crypto.hmac(Crypto.hmacOf(hash), salt).doFinal(ikm);
    }

    /** HKDF-Expand(PRK, info, L). */
    public static byte[] expand(String hash, byte[] prk, byte[] info, int length) {
        Mac mac = Crypto.hmac(Crypto.hmacOf(hash), prk);
        int n = mac.getMacLength();
        if (length < 0 || length > 255 * n) {
            throw new IllegalArgumentException("HKDF-Expand length " + length + " outside 0.." + 255 * n);
        }
        byte[] out = new byte[length];
        byte[] t = new byte[n];
        try {
            for (int i = 1, pos = 0; pos < length; i++, pos += n) {
                if (i > 1) {
                    mac.update(t);
                }
                mac.update(info);
                mac.update((byte) i);
                mac.doFinal(t, 0);
                System.arraycopy(t, 0, out, pos, Math.min(n, length - pos));
            }
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /**
     * HKDF-Expand-Label(Secret, Label, Context, Length) with the HkdfLabel structure: uint16 length,
     * opaque label&lt;7..255&gt; = "tls13 " + Label, opaque context&lt;0..255&gt;.
     */
    public static byte[] expandLabel(String hash, byte[] secret, String label, byte[] context, int length) {
        byte[] l = label.getBytes(StandardCharsets.US_ASCII);
        int labelLength = LABEL_PREFIX.length + l.length;
        if (labelLength > 255 || context.length > 255 || length > 0xffff) {
            throw new IllegalArgumentException("HkdfLabel field too long: label " + label + ", context " + context.length
                    + " bytes, length " + length);
        }
        byte[] info = new byte[2 + 1 + labelLength + 1 + context.length];
        info[0] = (byte) (length >>> 8);
        info[1] = (byte) length;
        info[2] = (byte) labelLength;
        System.arraycopy(LABEL_PREFIX, 0, info, 3, LABEL_PREFIX.length);
        System.arraycopy(l, 0, info, 3 + LABEL_PREFIX.length, l.length);
        info[3 + labelLength] = (byte) context.length;
        System.arraycopy(context, 0, info, 4 + labelLength, context.length);
        return expand(hash, secret, info, length);
    }

    /** Output bytes of the hash: 32 for SHA-256, 48 for SHA-384. */
    public static int hashLength(String hash) {
        return switch (hash) {
            case "SHA-256" -> 32;
            case "SHA-384" -> 48;
            default -> throw new IllegalArgumentException("unsupported hash " + hash);
        };
    }
}
