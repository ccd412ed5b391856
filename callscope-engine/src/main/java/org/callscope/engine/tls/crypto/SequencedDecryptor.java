package org.callscope.engine.tls.crypto;

/** Keeps the implicit sequence number of a direction; subclasses open a record at a given number. */
abstract class SequencedDecryptor implements RecordDecryptor {
    /** Largest TLSCiphertext.fragment (RFC 5246 §6.2.3): 2^14 + 2048. Bounds the scratch space. */
    static final int MAX_FRAGMENT = (1 << 14) + 2048;

    private long nextSequence;
    private byte[] scratch = new byte[1024];

    @Override
    public final TlsPlaintext open(int contentType, int version, byte[] fragment, int off, int len)
            throws RecordDecryptException {
        long sequence = nextSequence++;
        return open(sequence, contentType, version, fragment, off, len);
    }

    @Override
    public final TlsPlaintext open(long sequenceNumber, int contentType, int version, byte[] fragment, int off, int len)
            throws RecordDecryptException {
        if (off < 0 || len < 0 || off > fragment.length - len) {
            throw new IndexOutOfBoundsException("fragment [" + off + ", " + off + "+" + len + ") outside array of " + fragment.length);
        }
        if (len > MAX_FRAGMENT) {
            throw new RecordDecryptException(RecordDecryptException.TOO_LONG, len + " bytes, at most " + MAX_FRAGMENT);
        }
        return openAt(sequenceNumber, contentType, version, fragment, off, len);
    }

    abstract TlsPlaintext openAt(long sequence, int contentType, int version, byte[] fragment, int off, int len)
            throws RecordDecryptException;

    /** Scratch space of at least {@code length} bytes, kept between records. */
    final byte[] scratch(int length) {
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, Math.min(MAX_FRAGMENT, scratch.length * 2))];
        }
        return scratch;
    }

    static void putLong(byte[] b, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }

    static void tooShort(int len, int minimum) throws RecordDecryptException {
        if (len < minimum) {
            throw new RecordDecryptException(RecordDecryptException.TOO_SHORT, len + " bytes, need at least " + minimum);
        }
    }
}
