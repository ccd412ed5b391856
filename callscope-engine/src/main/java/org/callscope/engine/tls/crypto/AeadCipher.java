package org.callscope.engine.tls.crypto;

/** An AEAD decryption keyed once; each record brings its nonce and additional data. */
interface AeadCipher {

    int tagLength();

    /**
     * Verifies and decrypts {@code in[off, off+len)} (ciphertext ‖ tag) into {@code out[outOff...]}.
     *
     * @return the plaintext length, {@code len - tagLength()}
     * @throws RecordDecryptException when the tag does not verify
     */
    int open(byte[] nonce, byte[] aad, int aadLen, byte[] in, int off, int len, byte[] out, int outOff)
            throws RecordDecryptException;

    /** The AEAD of {@code cipher} keyed with {@code key}. */
    static AeadCipher of(BulkCipher cipher, byte[] key) {
        return switch (cipher) {
            case AES_128_GCM, AES_256_GCM -> new JceAeadCipher(JceAeadCipher.Mode.GCM, key);
            case CHACHA20_POLY1305 -> new JceAeadCipher(JceAeadCipher.Mode.CHACHA20_POLY1305, key);
            case AES_128_CCM, AES_256_CCM, AES_128_CCM_8, AES_256_CCM_8 -> new BcCcmCipher(key, cipher.tagLength());
            default -> throw new IllegalArgumentException(cipher + " is not an AEAD cipher");
        };
    }
}
