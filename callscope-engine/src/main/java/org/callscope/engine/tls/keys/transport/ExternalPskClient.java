package org.callscope.engine.tls.keys.transport;

import java.io.IOException;
import java.util.Vector;
import org.bouncycastle.tls.AbstractTlsClient;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.PskKeyExchangeMode;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * The sender's side of one key transport handshake: it offers the one external PSK with
 * {@code psk_dhe_ke} and refuses a server that answers with a certificate instead (that server
 * does not know the key). Alerts are remembered in {@link HandshakeAlerts}.
 */
final class ExternalPskClient extends AbstractTlsClient {
    private final KeyTransportPsk psk;
    final HandshakeAlerts alerts = new HandshakeAlerts();

    ExternalPskClient(TlsCrypto crypto, KeyTransportPsk psk) {
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
    protected Vector<Integer> getSupportedGroups(@SuppressWarnings("rawtypes") Vector namedGroupRoles) {
        Vector<Integer> groups = new Vector<>();
        for (int g : KeyTransportTls.GROUPS) {
            groups.add(g);
        }
        return groups;
    }

    @Override
    public Vector<Object> getExternalPSKs() {
        Vector<Object> psks = new Vector<>();
        psks.add(KeyTransportTls.externalPsk(getCrypto(), psk));
        return psks;
    }

    @Override
    public short[] getPskKeyExchangeModes() {
        return new short[] {PskKeyExchangeMode.psk_dhe_ke};
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                throw new TlsFatalAlert(AlertDescription.handshake_failure,
                        "the receiver sent a certificate: it did not accept the pre-shared key");
            }

            @Override
            public TlsCredentials getClientCredentials(org.bouncycastle.tls.CertificateRequest request) {
                return null;
            }
        };
    }

    /** The ServerHello arrived: from here on an alert is no answer to our offer of the key. */
    @Override
    public void notifyServerVersion(ProtocolVersion serverVersion) throws IOException {
        super.notifyServerVersion(serverVersion);
        alerts.serverHelloSeen();
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
