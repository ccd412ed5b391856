package org.callscope.engine.tls.record;

/**
 * One DTLS 1.0/1.2 record (RFC 6347 §4.1): content type, version (0xfeff or 0xfefd), 16-bit
 * epoch, 48-bit sequence number and a copy of its fragment.
 */
public record DtlsRecord(int contentType, int version, int epoch, long sequence, byte[] fragment) {
    /** Bytes the record took in its datagram: header plus fragment. */
    public int wireLength() {
        return DtlsRecords.HEADER_LENGTH + fragment.length;
    }
}
