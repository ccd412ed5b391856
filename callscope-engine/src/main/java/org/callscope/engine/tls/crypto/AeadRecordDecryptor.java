package org.callscope.engine.tls.crypto;

/**
 * TLS 1.2 / DTLS 1.2 AEAD records. GCM and CCM (RFC 5288 §3, RFC 6655 §3): nonce = salt(4) ‖
 * explicit nonce (the fragment's first 8 bytes). ChaCha20-Poly1305 (RFC 7905 §2): nonce = IV(12)
 * XOR the 64-bit sequence number, nothing explicit. Additional data (RFC 5246 §6.2.3.3): seq_num ‖
 * type ‖ version ‖ plaintext length.
 */
final class AeadRecordDecryptor extends SequencedDecryptor {
    private final AeadCipher cipher;
    private final byte[] fixedIv;
    private final int explicitNonceLength;
    private final byte[] nonce;
    private final byte[] aad = new byte[13];

    AeadRecordDecryptor(AeadCipher cipher, byte[] fixedIv, int explicitNonceLength) {
        this.cipher = cipher;
        this.fixedIv = fixedIv.clone();
        this.explicitNonceLength = explicitNonceLength;
        this.nonce = new byte[fixedIv.length + explicitNonceLength];
        if (nonce.length != 12) {
            throw new IllegalArgumentException("AEAD nonce of " + nonce.length + " bytes, TLS uses 12");
        }
    }

    @Override
    TlsPlaintext openAt(long sequence, int contentType, int version, byte[] fragment, int off, int len)
            throws RecordDecryptException {
        int tagLength = cipher.tagLength();
        tooShort(len, explicitNonceLength + tagLength);
        if (explicitNonceLength > 0) {
            System.arraycopy(fixedIv, 0, nonce, 0, fixedIv.length);
            System.arraycopy(fragment, off, nonce, fixedIv.length, explicitNonceLength);
        } else {
            System.arraycopy(fixedIv, 0, nonce, 0, 12);
            for (int i = 0; i < 8; i++) {
                nonce[11 - i] ^= (byte) (sequence >>> (8 * i));
            }
        }
        int plainLength = len - explicitNonceLength - tagLength;
        putLong(aad, 0, sequence);
        aad[8] = (byte) contentType;
        aad[9] = (byte) (version >>> 8);
        aad[10] = (byte) version;
        aad[11] = (byte) (plainLength >>> 8);
        aad[12] = (byte) plainLength;
        byte[] plain = new byte[plainLength];
        cipher.open(nonce, aad, aad.length, fragment, off + explicitNonceLength, len - explicitNonceLength, plain, 0);
        return new TlsPlaintext(contentType, plain);
    }
}
