package org.callscope.engine.tls.session;

/** Told about what a connection decrypted and, once, when it is over (both directions closed, or end of input). */
public interface TlsConnectionListener {
    void onClosed(TlsConnection connection, TlsConnectionReport report);

    /** Decrypted application data, in order per direction; {@code buf} is valid only during the call. */
    default void onApplicationData(TlsConnection connection, boolean fromClient, String clientIp, int clientPort,
                                   String serverIp, int serverPort, byte[] buf, int off, int len, long tsNanos) {
    }
}
