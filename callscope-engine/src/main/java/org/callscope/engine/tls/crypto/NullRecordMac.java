package org.callscope.engine.tls.crypto;

/** No MAC: TLS_NULL_WITH_NULL_NULL. */
final class NullRecordMac implements RecordMac {
    static final NullRecordMac INSTANCE = new NullRecordMac();

    private NullRecordMac() {
    }

    @Override
    public int length() {
        return 0;
    }

    @Override
    public void compute(long sequence, int contentType, int version, byte[] data, int off, int len, byte[] out, int outOff) {
    }
}
