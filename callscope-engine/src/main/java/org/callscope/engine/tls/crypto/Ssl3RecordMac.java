package org.callscope.engine.tls.crypto;

import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * SSL 3.0 record MAC (RFC 6101 §5.2.3.1): hash(MAC_write_secret + pad_2 + hash(MAC_write_secret +
 * pad_1 + seq_num + type + length + content)), with pad_1 = 0x36 and pad_2 = 0x5c repeated 48 times
 * for MD5 and 40 times for SHA-1. No version in the MAC input.
 */
final class Ssl3RecordMac implements RecordMac {
    private final MessageDigest digest;
    private final byte[] secret;
    private final byte[] pad1;
    private final byte[] pad2;
    private final byte[] header = new byte[11];
    private final byte[] inner;

    Ssl3RecordMac(MacAlgorithm algorithm, byte[] key) {
        if (algorithm != MacAlgorithm.MD5 && algorithm != MacAlgorithm.SHA1) {
            throw new IllegalArgumentException("SSL 3.0 has no " + algorithm + " MAC");
        }
        this.digest = Crypto.digest(algorithm.digestName());
        this.secret = key.clone();
        int padLength = algorithm == MacAlgorithm.MD5 ? 48 : 40;
        this.pad1 = new byte[padLength];
        this.pad2 = new byte[padLength];
        Arrays.fill(pad1, (byte) 0x36);
        Arrays.fill(pad2, (byte) 0x5c);
        this.inner = new byte[algorithm.length()];
    }

    @Override
    public int length() {
        return inner.length;
    }

    @Override
    public void compute(long sequence, int contentType, int version, byte[] data, int off, int len, byte[] out, int outOff) {
        SequencedDecryptor.putLong(header, 0, sequence);
        header[8] = (byte) contentType;
        header[9] = (byte) (len >>> 8);
        header[10] = (byte) len;
        try {
            digest.update(secret);
            digest.update(pad1);
            digest.update(header);
            digest.update(data, off, len);
            digest.digest(inner, 0, inner.length);
            digest.update(secret);
            digest.update(pad2);
            digest.update(inner);
            digest.digest(out, outOff, inner.length);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }
}
