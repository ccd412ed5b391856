package org.callscope.engine.tls.keys;

/** A key log line or key datagram that cannot be used; the message says what is wrong with it. */
public final class KeyLogFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public KeyLogFormatException(String message) {
        super(message);
    }
}
