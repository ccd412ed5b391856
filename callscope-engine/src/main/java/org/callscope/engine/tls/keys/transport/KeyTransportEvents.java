package org.callscope.engine.tls.keys.transport;

import java.util.function.Consumer;

/**
 * What the key transport tells its operator, from the receiver's or sender's threads. Messages
 * name peers by address and never carry a secret or key material.
 */
public interface KeyTransportEvents {
    /**
     * A handshake with {@code peer} failed because the two ends do not share the key: a TLS alert
     * docs/KEY-TRANSPORT.md counts as such, or a peer that offered no key.
     */
    void authenticationFailed(String peer, String detail);

    /** Anything else worth reporting: a failed connection, a refused line, a full buffer. */
    void warning(String message);

    /** Both kinds as one line of text each, for a log or a terminal. */
    static KeyTransportEvents toWarnings(Consumer<String> warnings) {
        return new KeyTransportEvents() {
            @Override
            public void authenticationFailed(String peer, String detail) {
                warnings.accept("key transport authentication failure with " + peer + ": " + detail
                        + " (do both ends hold the same shared secret?)");
            }

            @Override
            public void warning(String message) {
                warnings.accept(message);
            }
        };
    }
}
