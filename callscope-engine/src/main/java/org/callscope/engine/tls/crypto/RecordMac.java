package org.callscope.engine.tls.crypto;

/** The MAC of one direction's records; keeps its keyed state between records. */
interface RecordMac {

    /** MAC bytes per record. */
    int length();

    /**
     * Computes the MAC of {@code data[off, off+len)} as a record of {@code contentType} and
     * {@code version} at {@code sequence} into {@code out[outOff, outOff+length())}.
     */
    void compute(long sequence, int contentType, int version, byte[] data, int off, int len, byte[] out, int outOff);

    /** The record MAC of a suite under a version: SSL 3.0's own construction or HMAC, keyed with {@code key}. */
    static RecordMac of(MacAlgorithm mac, boolean ssl3, byte[] key) {
        if (mac.length() == 0) {
            return NullRecordMac.INSTANCE;
        }
        return ssl3 ? new Ssl3RecordMac(mac, key) : new HmacRecordMac(mac, key);
    }
}
