package org.callscope.engine.tls.crypto;

import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;

/**
 * Stream cipher records (RC4, or NULL): fragment = cipher(content ‖ MAC). The RC4 state runs on
 * across records, so every fragment goes through the cipher, even one that then fails.
 */
final class StreamRecordDecryptor extends SequencedDecryptor {
    /** Null for the NULL cipher. */
    private final Cipher cipher;
    private final RecordMac mac;
    private final byte[] expectedMac;

    StreamRecordDecryptor(Cipher cipher, RecordMac mac) {
        this.cipher = cipher;
        this.mac = mac;
        this.expectedMac = new byte[mac.length()];
    }

    @Override
    TlsPlaintext openAt(long sequence, int contentType, int version, byte[] fragment, int off, int len)
            throws RecordDecryptException {
        byte[] plain = fragment;
        int plainOff = off;
        if (cipher != null) {
            plain = scratch(len);
            plainOff = 0;
            try {
                cipher.update(fragment, off, len, plain, 0);
            } catch (ShortBufferException e) {
                throw new IllegalStateException(e);
            }
        }
        int macLength = mac.length();
        tooShort(len, macLength);
        int contentLength = len - macLength;
        mac.compute(sequence, contentType, version, plain, plainOff, contentLength, expectedMac, 0);
        if (!Crypto.equal(expectedMac, 0, plain, plainOff + contentLength, macLength)) {
            throw new RecordDecryptException(RecordDecryptException.BAD_MAC);
        }
        return new TlsPlaintext(contentType, Arrays.copyOfRange(plain, plainOff, plainOff + contentLength));
    }
}
