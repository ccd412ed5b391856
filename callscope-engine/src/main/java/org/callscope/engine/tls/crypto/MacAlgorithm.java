package org.callscope.engine.tls.crypto;

/** The record MAC of a cipher suite; {@link #AEAD} suites have none (the tag authenticates). */
public enum MacAlgorithm {
    NULL(0, null, null),
    MD5(16, "HmacMD5", "MD5"),
    SHA1(20, "HmacSHA1", "SHA-1"),
    SHA256(32, "HmacSHA256", "SHA-256"),
    SHA384(48, "HmacSHA384", "SHA-384"),
    AEAD(0, null, null);

    private final int length;
    private final String hmacName;
    private final String digestName;

    MacAlgorithm(int length, String hmacName, String digestName) {
        this.length = length;
        this.hmacName = hmacName;
        this.digestName = digestName;
    }

    /** Bytes of MAC per record, which is also the MAC key length. */
    public int length() {
        return length;
    }

    /** The javax.crypto HMAC name, or null when there is no MAC. */
    String hmacName() {
        return hmacName;
    }

    /** The MessageDigest name (for SSL 3.0's MAC), or null when there is no MAC. */
    String digestName() {
        return digestName;
    }
}
