package org.callscope.engine.tls.crypto;

import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

/**
 * TLS 1.0–1.2 and DTLS record MAC (RFC 5246 §6.2.3.1): HMAC(MAC_write_key, seq_num + type +
 * version + length + fragment). For DTLS the sequence number is epoch ‖ sequence.
 */
final class HmacRecordMac implements RecordMac {
    private final Mac mac;
    private final int length;
    private final byte[] header = new byte[13];

    HmacRecordMac(MacAlgorithm algorithm, byte[] key) {
        this.mac = Crypto.hmac(algorithm.hmacName(), key);
        this.length = algorithm.length();
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public void compute(long sequence, int contentType, int version, byte[] data, int off, int len, byte[] out, int outOff) {
        SequencedDecryptor.putLong(header, 0, sequence);
        header[8] = (byte) contentType;
        header[9] = (byte) (version >>> 8);
        header[10] = (byte) version;
        header[11] = (byte) (len >>> 8);
        header[12] = (byte) len;
        mac.update(header);
        mac.update(data, off, len);
        try {
            mac.doFinal(out, outOff);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
