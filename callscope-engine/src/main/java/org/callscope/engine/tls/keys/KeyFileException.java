package org.callscope.engine.tls.keys;

/**
 * A private key file that was read but holds no usable RSA key (not PEM, no key, not RSA,
 * encrypted without a password, wrong password); the message names the file and says why.
 */
public final class KeyFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public KeyFileException(String message) {
        super(message);
    }

    public KeyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
