package org.callscope.engine.tls.crypto;

/**
 * A protected record that could not be opened: its MAC, padding or tag did not verify, or its
 * length cannot hold what the cipher needs. Nothing of its plaintext is released.
 */
public final class RecordDecryptException extends Exception {
    static final String BAD_MAC = "bad record MAC";
    static final String BAD_PADDING = "bad padding";
    static final String BAD_TAG = "authentication tag mismatch";
    static final String TOO_SHORT = "record too short";
    static final String TOO_LONG = "record too long";
    static final String NOT_BLOCK_ALIGNED = "record not a whole number of cipher blocks";
    static final String DECOMPRESSION = "decompression failure";
    static final String NO_CONTENT_TYPE = "no content type in TLS 1.3 inner plaintext";

    private final String reason;

    RecordDecryptException(String reason, String detail) {
        super(detail == null ? reason : reason + ": " + detail);
        this.reason = reason;
    }

    RecordDecryptException(String reason) {
        this(reason, null);
    }

    /** The short reason, e.g. "bad record MAC", "bad padding", "authentication tag mismatch", "record too short". */
    public String reason() {
        return reason;
    }
}
