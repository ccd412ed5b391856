package org.callscope.engine.tls.session;

/** Receives the decrypted application data of one direction, in order. */
public interface TlsPlaintextConsumer {
    /** {@code buf} is valid only during the call. {@code tsNanos} is the time of the record that carried it. */
    void onPlaintext(byte[] buf, int off, int len, long tsNanos);

    /** Application data that will never be decrypted sits here: whatever is being framed is broken. */
    default void onLost(long tsNanos) {
    }
}
