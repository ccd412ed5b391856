package org.callscope.engine.srtp;

import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * HMAC-SHA1 (RFC 2104) on a reused {@link MessageDigest}: the same compressions as
 * {@code javax.crypto.Mac}, but {@code Mac.doFinal} allocates its result and an inner digest on
 * every call and this does not. Keys up to one block (SRTP's are 20 bytes).
 */
final class HmacSha1 {
    static final int LENGTH = 20;
    private static final int BLOCK = 64;

    private final MessageDigest sha1 = Primitives.digest("SHA-1");
    private final byte[] innerPad = new byte[BLOCK];
    private final byte[] outerPad = new byte[BLOCK];
    private final byte[] inner = new byte[LENGTH];

    HmacSha1(byte[] key, int keyLength) {
        rekey(key, keyLength);
    }

    void rekey(byte[] key, int keyLength) {
        if (keyLength > BLOCK) {
            throw new IllegalArgumentException("HMAC key longer than a block");
        }
        Arrays.fill(innerPad, (byte) 0x36);
        Arrays.fill(outerPad, (byte) 0x5c);
        for (int i = 0; i < keyLength; i++) {
            innerPad[i] ^= key[i];
            outerPad[i] ^= key[i];
        }
    }

    void begin() {
        sha1.reset();
        sha1.update(innerPad);
    }

    void update(byte[] b, int off, int len) {
        sha1.update(b, off, len);
    }

    /** Four bytes, big-endian (the ROC that RFC 3711 §4.2 appends to the authenticated portion). */
    void updateInt(long value) {
        sha1.update((byte) (value >>> 24));
        sha1.update((byte) (value >>> 16));
        sha1.update((byte) (value >>> 8));
        sha1.update((byte) value);
    }

    /** Writes the 20-byte MAC to {@code out[0..20)}. */
    void finish(byte[] out) {
        try {
            sha1.digest(inner, 0, LENGTH);
            sha1.update(outerPad);
            sha1.update(inner);
            sha1.digest(out, 0, LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }
}
