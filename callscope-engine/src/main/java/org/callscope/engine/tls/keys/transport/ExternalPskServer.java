package org.callscope.engine.tls.keys.transport;

import java.util.Arrays;
import java.util.Vector;
import org.bouncycastle.tls.AbstractTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.PskIdentity;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsPSKExternal;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * The receiver's side of one key transport handshake: it knows one PSK and no certificate, so a
 * client that does not offer {@link KeyTransportPsk#IDENTITY} with a binder made from the same
 * key fails the handshake. Alerts are remembered in {@link HandshakeAlerts}.
 */
final class ExternalPskServer extends AbstractTlsServer {
    private final KeyTransportPsk psk;
    final HandshakeAlerts alerts = new HandshakeAlerts();

    ExternalPskServer(TlsCrypto crypto, KeyTransportPsk psk) {
        super(crypto);
        this.psk = psk;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return KeyTransportTls.VERSIONS;
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return KeyTransportTls.CIPHER_SUITES.clone();
    }

    @Override
    public int[] getSupportedGroups() {
        return KeyTransportTls.GROUPS.clone();
    }

    @Override
    public TlsPSKExternal getExternalPSK(@SuppressWarnings("rawtypes") Vector identities) {
        for (Object o : identities) {
            if (o instanceof PskIdentity id && Arrays.equals(id.getIdentity(), KeyTransportTls.IDENTITY)) {
                return KeyTransportTls.externalPsk(getCrypto(), psk);
            }
        }
        alerts.unknownIdentity();
        return null;
    }

    /** No certificate: a handshake without our PSK has nothing to authenticate with and fails. */
    @Override
    public TlsCredentials getCredentials() {
        return null;
    }

    @Override
    public void notifyAlertRaised(short level, short description, String message, Throwable cause) {
        alerts.raised(level, description);
    }

    @Override
    public void notifyAlertReceived(short level, short description) {
        alerts.received(level, description);
    }
}
