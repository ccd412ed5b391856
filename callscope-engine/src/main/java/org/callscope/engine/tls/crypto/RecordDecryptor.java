package org.callscope.engine.tls.crypto;

/**
 * Opens the protected records of one direction of one connection, in order. Not thread-safe. A
 * fragment range outside its array is a caller's bug ({@link IndexOutOfBoundsException}); anything
 * wrong with the bytes themselves is a {@link RecordDecryptException}.
 */
public interface RecordDecryptor {

    /**
     * Opens the next protected record with the implicit 64-bit sequence number this decryptor keeps
     * (starting at 0); the number advances whether the record opens or not, because a failed
     * record still consumed it. {@code contentType} and {@code version} are the record header's.
     *
     * @throws RecordDecryptException when the record does not authenticate or is malformed
     */
    TlsPlaintext open(int contentType, int version, byte[] fragment, int off, int len) throws RecordDecryptException;

    /**
     * DTLS: opens a record whose sequence number is explicit ({@code epoch << 48 | sequence}); the
     * implicit counter is not touched.
     *
     * @throws RecordDecryptException when the record does not authenticate or is malformed
     */
    TlsPlaintext open(long sequenceNumber, int contentType, int version, byte[] fragment, int off, int len)
            throws RecordDecryptException;
}
