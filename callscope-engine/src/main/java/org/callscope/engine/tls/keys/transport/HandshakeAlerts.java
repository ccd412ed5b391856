package org.callscope.engine.tls.keys.transport;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;

/**
 * The alerts one handshake raised or received, to tell an authentication failure (the two ends
 * hold different secrets, or the peer offers no key at all) from any other failure. The alerts
 * docs/KEY-TRANSPORT.md names: {@code decrypt_error} (a PSK binder or Finished that does not
 * verify, RFC 8446 §4.2.11.2), {@code bad_record_mac} (records under a different key),
 * {@code handshake_failure} and {@code unknown_psk_identity}; and, as the answer to a ClientHello,
 * {@code illegal_parameter}, which OpenSSL (3.0) sends when a PSK binder does not verify. Only
 * fatal alerts count: a warning ends no handshake. Written by the handshake's thread, from the
 * alert callbacks of {@link ExternalPskServer} and {@link ExternalPskClient}.
 */
final class HandshakeAlerts {
    private short raised = -1;
    private short received = -1;
    private boolean unknownIdentity;
    private boolean serverHelloSeen;
    private boolean refusedHello;

    void raised(short level, short description) {
        if (level == AlertLevel.fatal && raised < 0) {
            raised = description;
        }
    }

    void received(short level, short description) {
        if (level == AlertLevel.fatal && received < 0) {
            received = description;
            refusedHello = !serverHelloSeen && description == AlertDescription.illegal_parameter;
        }
    }

    /** The client got the server's answer to its ClientHello. */
    void serverHelloSeen() {
        serverHelloSeen = true;
    }

    /** The client offered PSK identities, none of them ours. */
    void unknownIdentity() {
        unknownIdentity = true;
    }

    /** Whether the handshake failed on the key (by the alerts either end gave). */
    boolean authenticationFailed() {
        return unknownIdentity || refusedHello || isAuthenticationAlert(raised) || isAuthenticationAlert(received);
    }

    private static boolean isAuthenticationAlert(short description) {
        return description == AlertDescription.decrypt_error || description == AlertDescription.bad_record_mac
                || description == AlertDescription.handshake_failure
                || description == AlertDescription.unknown_psk_identity;
    }

    /** What went wrong, in words: the alert and who sent it, or the I/O failure. Never key material. */
    String describe(IOException e) {
        if (unknownIdentity && raised < 0 && received < 0) {
            return "no PSK with identity " + KeyTransportPsk.IDENTITY + " offered";
        }
        if (raised >= 0) {
            return "sent TLS alert " + AlertDescription.getName(raised)
                    + (unknownIdentity ? " (no PSK with identity " + KeyTransportPsk.IDENTITY + " offered)" : "");
        }
        if (refusedHello) {
            return "received TLS alert illegal_parameter in answer to the ClientHello (a PSK binder that does not verify)";
        }
        if (received >= 0) {
            return "received TLS alert " + AlertDescription.getName(received);
        }
        if (e instanceof SocketTimeoutException) {
            return "no handshake within " + KeyTransportTls.HANDSHAKE_TIMEOUT_MILLIS / 1000 + " s";
        }
        if (e instanceof EOFException) {
            return "connection closed during the handshake";
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
