package org.callscope.engine.srtp;

/**
 * An SRTP key description that cannot be used: unknown suite, key text that is not base64, a key
 * of the wrong length, a bad lifetime or MKI, a bad session parameter. The message says what and
 * which key; it never contains key bytes or key text.
 */
public final class SrtpKeyException extends Exception {
    private static final long serialVersionUID = 1L;

    public SrtpKeyException(String message) {
        super(message);
    }
}
