package org.callscope.engine.tls.crypto;

/**
 * The record cipher of a cipher suite, with the sizes that key derivation and record parsing need.
 * Lengths are in bytes.
 */
public enum BulkCipher {
    // key material, final key, fixed IV, block size, tag, explicit nonce, kind, export
    NULL(0, 0, 0, 0, 0, 0, Kind.STREAM, false),
    RC4_40(5, 16, 0, 0, 0, 0, Kind.STREAM, true),
    RC4_128(16, 16, 0, 0, 0, 0, Kind.STREAM, false),
    RC2_CBC_40(5, 16, 8, 8, 0, 0, Kind.BLOCK, true),
    DES40_CBC(5, 8, 8, 8, 0, 0, Kind.BLOCK, true),
    DES_CBC(8, 8, 8, 8, 0, 0, Kind.BLOCK, false),
    TRIPLE_DES_EDE_CBC(24, 24, 8, 8, 0, 0, Kind.BLOCK, false),
    IDEA_CBC(16, 16, 8, 8, 0, 0, Kind.BLOCK, false),
    SEED_CBC(16, 16, 16, 16, 0, 0, Kind.BLOCK, false),
    AES_128_CBC(16, 16, 16, 16, 0, 0, Kind.BLOCK, false),
    AES_256_CBC(32, 32, 16, 16, 0, 0, Kind.BLOCK, false),
    CAMELLIA_128_CBC(16, 16, 16, 16, 0, 0, Kind.BLOCK, false),
    CAMELLIA_256_CBC(32, 32, 16, 16, 0, 0, Kind.BLOCK, false),
    AES_128_GCM(16, 16, 4, 0, 16, 8, Kind.AEAD, false),
    AES_256_GCM(32, 32, 4, 0, 16, 8, Kind.AEAD, false),
    AES_128_CCM(16, 16, 4, 0, 16, 8, Kind.AEAD, false),
    AES_256_CCM(32, 32, 4, 0, 16, 8, Kind.AEAD, false),
    AES_128_CCM_8(16, 16, 4, 0, 8, 8, Kind.AEAD, false),
    AES_256_CCM_8(32, 32, 4, 0, 8, 8, Kind.AEAD, false),
    CHACHA20_POLY1305(32, 32, 12, 0, 16, 0, Kind.AEAD, false);

    private enum Kind { STREAM, BLOCK, AEAD }

    private final int keyLength;
    private final int finalKeyLength;
    private final int fixedIvLength;
    private final int blockSize;
    private final int tagLength;
    private final int recordIvLength;
    private final Kind kind;
    private final boolean export;

    BulkCipher(int keyLength, int finalKeyLength, int fixedIvLength, int blockSize, int tagLength,
               int recordIvLength, Kind kind, boolean export) {
        this.keyLength = keyLength;
        this.finalKeyLength = finalKeyLength;
        this.fixedIvLength = fixedIvLength;
        this.blockSize = blockSize;
        this.tagLength = tagLength;
        this.recordIvLength = recordIvLength;
        this.kind = kind;
        this.export = export;
    }

    /** Key bytes taken from the key block (5 for export ciphers, whose final key is derived from them). */
    public int keyLength() {
        return keyLength;
    }

    /** Bytes of the key the cipher is finally keyed with: {@link #keyLength()} except for export ciphers. */
    public int finalKeyLength() {
        return finalKeyLength;
    }

    /**
     * IV bytes per direction from the key block: the CBC IV (SSL 3.0, TLS 1.0), the AEAD salt
     * (4 for GCM/CCM per RFC 5288/6655) or the whole ChaCha20 nonce mask (12, RFC 7905).
     */
    public int fixedIvLength() {
        return fixedIvLength;
    }

    /** Cipher block size for CBC ciphers, 0 for the others. */
    public int blockSize() {
        return blockSize;
    }

    /** Authentication tag bytes of an AEAD cipher, 0 for the others. */
    public int tagLength() {
        return tagLength;
    }

    /** Explicit nonce bytes at the start of a TLS 1.2 AEAD record (8 for GCM/CCM, 0 for ChaCha20). */
    public int recordIvLength() {
        return recordIvLength;
    }

    public boolean aead() {
        return kind == Kind.AEAD;
    }

    public boolean block() {
        return kind == Kind.BLOCK;
    }

    /** Stream ciphers, including NULL: no padding, no IV. */
    public boolean stream() {
        return kind == Kind.STREAM;
    }

    /** Export-grade (40-bit) cipher whose final keys are derived per RFC 2246 §6.3 or SSL 3.0 §6.2.2. */
    public boolean export() {
        return export;
    }
}
