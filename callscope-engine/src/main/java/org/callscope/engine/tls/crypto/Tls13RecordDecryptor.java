package org.callscope.engine.tls.crypto;

import java.util.Arrays;

/**
 * TLS 1.3 records (RFC 8446 §5.2–5.3): nonce = write_iv XOR the padded sequence number, additional
 * data = the record header (opaque_type ‖ legacy_record_version ‖ length), and the inner plaintext
 * is content ‖ content type ‖ zero padding.
 */
final class Tls13RecordDecryptor extends SequencedDecryptor {
    /** RFC 8446 §5.2: TLSCiphertext.length is at most 2^14 + 256. */
    static final int MAX_CIPHERTEXT = (1 << 14) + 256;

    private final AeadCipher cipher;
    private final byte[] iv;
    private final byte[] nonce = new byte[12];
    private final byte[] aad = new byte[5];

    Tls13RecordDecryptor(AeadCipher cipher, byte[] iv) {
        if (iv.length != 12) {
            throw new IllegalArgumentException("TLS 1.3 write IV of " + iv.length + " bytes, not 12");
        }
        this.cipher = cipher;
        this.iv = iv.clone();
    }

    @Override
    TlsPlaintext openAt(long sequence, int contentType, int version, byte[] fragment, int off, int len)
            throws RecordDecryptException {
        int tagLength = cipher.tagLength();
        tooShort(len, tagLength + 1);
        if (len > MAX_CIPHERTEXT) {
            throw new RecordDecryptException(RecordDecryptException.TOO_LONG, len + " bytes, at most " + MAX_CIPHERTEXT);
        }
        System.arraycopy(iv, 0, nonce, 0, 12);
        for (int i = 0; i < 8; i++) {
            nonce[11 - i] ^= (byte) (sequence >>> (8 * i));
        }
        aad[0] = (byte) contentType;
        aad[1] = (byte) (version >>> 8);
        aad[2] = (byte) version;
        aad[3] = (byte) (len >>> 8);
        aad[4] = (byte) len;
        byte[] plain = scratch(len);
        int n = cipher.open(nonce, aad, aad.length, fragment, off, len, plain, 0);
        int end = n - 1;
        while (end >= 0 && plain[end] == 0) {
            end--;
        }
        if (end < 0) {
            throw new RecordDecryptException(RecordDecryptException.NO_CONTENT_TYPE, "the inner plaintext is all zeros");
        }
        return new TlsPlaintext(plain[end] & 0xff, Arrays.copyOf(plain, end));
    }
}
