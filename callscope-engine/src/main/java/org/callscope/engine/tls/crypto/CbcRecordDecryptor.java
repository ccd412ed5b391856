package org.callscope.engine.tls.crypto;

import java.util.Arrays;

/**
 * CBC block cipher records. MAC-then-encrypt (RFC 5246 §6.2.3.2): fragment = [IV] ‖
 * E(content ‖ MAC ‖ padding ‖ padding_length); or encrypt-then-MAC (RFC 7366): fragment = [IV] ‖
 * E(content ‖ padding ‖ padding_length) ‖ MAC, the MAC taken over the header and the ciphertext.
 * The IV block is explicit from TLS 1.1 and in DTLS. TLS pads with padding_length + 1 bytes of
 * value padding_length; SSL 3.0's padding bytes are arbitrary and shorter than a block.
 */
final class CbcRecordDecryptor extends SequencedDecryptor {
    private final CbcCipher cipher;
    private final RecordMac mac;
    private final boolean explicitIv;
    private final boolean encryptThenMac;
    private final boolean ssl3Padding;
    private final int blockSize;
    private final byte[] expectedMac;

    CbcRecordDecryptor(CbcCipher cipher, RecordMac mac, boolean explicitIv, boolean encryptThenMac, boolean ssl3Padding) {
        this.cipher = cipher;
        this.mac = mac;
        this.explicitIv = explicitIv;
        this.encryptThenMac = encryptThenMac;
        this.ssl3Padding = ssl3Padding;
        this.blockSize = cipher.blockSize();
        this.expectedMac = new byte[mac.length()];
    }

    @Override
    TlsPlaintext openAt(long sequence, int contentType, int version, byte[] fragment, int off, int len)
            throws RecordDecryptException {
        int macLength = mac.length();
        int ivLength = explicitIv ? blockSize : 0;
        int cipherLength = encryptThenMac ? len - macLength : len;
        if (encryptThenMac) {
            tooShort(len, macLength + ivLength + blockSize);
        } else {
            tooShort(len, ivLength + roundUp(macLength + 1));
        }
        if (cipherLength % blockSize != 0) {
            throw new RecordDecryptException(RecordDecryptException.NOT_BLOCK_ALIGNED,
                    cipherLength + " bytes of ciphertext, block size " + blockSize);
        }
        // Decrypt before any check can fail: with TLS 1.0's chained IV the next record needs this
        // one's last ciphertext block in the cipher, authentic or not.
        byte[] plain = scratch(cipherLength);
        cipher.decrypt(fragment, off, cipherLength, plain, 0);
        if (encryptThenMac) {
            mac.compute(sequence, contentType, version, fragment, off, cipherLength, expectedMac, 0);
            if (!Crypto.equal(expectedMac, 0, fragment, off + cipherLength, macLength)) {
                throw new RecordDecryptException(RecordDecryptException.BAD_MAC);
            }
        }
        int available = cipherLength - ivLength;
        int padLength = plain[cipherLength - 1] & 0xff;
        int trailer = padLength + 1 + (encryptThenMac ? 0 : macLength);
        if (trailer > available || !paddingValid(plain, cipherLength, padLength)) {
            throw new RecordDecryptException(RecordDecryptException.BAD_PADDING);
        }
        int contentLength = available - trailer;
        if (!encryptThenMac) {
            mac.compute(sequence, contentType, version, plain, ivLength, contentLength, expectedMac, 0);
            if (!Crypto.equal(expectedMac, 0, plain, ivLength + contentLength, macLength)) {
                throw new RecordDecryptException(RecordDecryptException.BAD_MAC);
            }
        }
        return new TlsPlaintext(contentType, Arrays.copyOfRange(plain, ivLength, ivLength + contentLength));
    }

    private boolean paddingValid(byte[] plain, int end, int padLength) {
        if (ssl3Padding) {
            return padLength < blockSize;
        }
        int diff = 0;
        for (int i = end - 1 - padLength; i < end - 1; i++) {
            diff |= (plain[i] & 0xff) ^ padLength;
        }
        return diff == 0;
    }

    private int roundUp(int n) {
        return (n + blockSize - 1) / blockSize * blockSize;
    }
}
