package org.callscope.engine.srtp;

import java.util.Arrays;

/**
 * One SRTP master key with its salt, as SDES (RFC 4568 §6.1) or the DTLS-SRTP exporter
 * (RFC 5764 §4.2) delivers it. Arrays are copied in and out; {@link #toString()} never shows key
 * bytes.
 *
 * @param suite    the protection suite the key is for
 * @param key      master key, {@link SrtpSuite#masterKeyLength()} bytes
 * @param salt     master salt, {@link SrtpSuite#masterSaltLength()} bytes
 * @param mki      the master key identifier carried in each packet, empty when none is used
 * @param lifetime packets this key may protect (RFC 4568 "|2^20"), 0 when not given
 */
public record SrtpMasterKey(SrtpSuite suite, byte[] key, byte[] salt, byte[] mki, long lifetime) {
    public SrtpMasterKey {
        if (suite == null) {
            throw new IllegalArgumentException("no SRTP suite");
        }
        if (key == null || key.length != suite.masterKeyLength()) {
            throw new IllegalArgumentException(suite + " needs a " + suite.masterKeyLength() + "-byte master key, got "
                    + (key == null ? 0 : key.length));
        }
        if (salt == null || salt.length != suite.masterSaltLength()) {
            throw new IllegalArgumentException(suite + " needs a " + suite.masterSaltLength() + "-byte master salt, got "
                    + (salt == null ? 0 : salt.length));
        }
        key = key.clone();
        salt = salt.clone();
        mki = mki == null ? new byte[0] : mki.clone();
    }

    /** A key without MKI or lifetime. */
    public SrtpMasterKey(SrtpSuite suite, byte[] key, byte[] salt) {
        this(suite, key, salt, new byte[0], 0);
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] mki() {
        return mki.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SrtpMasterKey k && suite == k.suite && Arrays.equals(key, k.key)
                && Arrays.equals(salt, k.salt) && Arrays.equals(mki, k.mki) && lifetime == k.lifetime;
    }

    @Override
    public int hashCode() {
        return (suite.hashCode() * 31 + Arrays.hashCode(key)) * 31 + Arrays.hashCode(salt);
    }

    @Override
    public String toString() {
        return "SrtpMasterKey[" + suite + (mki.length == 0 ? "" : ", mki " + mki.length + " bytes")
                + (lifetime == 0 ? "" : ", lifetime " + lifetime) + ", key redacted]";
    }
}
