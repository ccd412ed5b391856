package org.callscope.engine.tls.crypto;

/**
 * A CBC decryption that carries its chaining block from one call to the next. That is exactly
 * SSL 3.0/TLS 1.0's IV rule (the last ciphertext block of the previous record); for TLS 1.1+ the
 * explicit IV is the record's first block, so decrypting the whole fragment yields one block of
 * garbage followed by the plaintext, and the cipher never needs re-initialising.
 */
interface CbcCipher {

    int blockSize();

    /** Decrypts whole blocks {@code in[off, off+len)} into {@code out[outOff...]}; {@code len} is a multiple of the block size. */
    void decrypt(byte[] in, int off, int len, byte[] out, int outOff);

    /** The CBC decryption of {@code cipher} keyed with its final key and initial IV. */
    static CbcCipher of(BulkCipher cipher, byte[] key, byte[] iv) {
        return switch (cipher) {
            case AES_128_CBC, AES_256_CBC -> new JceCbcCipher("AES", key, iv);
            case TRIPLE_DES_EDE_CBC -> new JceCbcCipher("DESede", key, iv);
            case DES_CBC, DES40_CBC -> new JceCbcCipher("DES", key, iv);
            case CAMELLIA_128_CBC, CAMELLIA_256_CBC -> new BcCbcCipher(new org.bouncycastle.crypto.engines.CamelliaEngine(), key, iv);
            case SEED_CBC -> new BcCbcCipher(new org.bouncycastle.crypto.engines.SEEDEngine(), key, iv);
            case IDEA_CBC -> new BcCbcCipher(new org.bouncycastle.crypto.engines.IDEAEngine(), key, iv);
            // Export RC2 is keyed with the 16-byte final key at 128 effective bits (what OpenSSL and
            // Wireshark do); RC2Parameters(key) defaults to key.length * 8 bits.
            case RC2_CBC_40 -> new BcCbcCipher(new org.bouncycastle.crypto.engines.RC2Engine(), key, iv);
            default -> throw new IllegalArgumentException(cipher + " is not a CBC cipher");
        };
    }
}
