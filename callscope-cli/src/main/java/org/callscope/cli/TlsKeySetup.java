package org.callscope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.callscope.engine.config.AnalyzerSettings;
import org.callscope.engine.config.ConfigException;
import org.callscope.engine.config.TlsConfig;
import org.callscope.engine.pipeline.TlsKeyLoader;
import org.callscope.engine.tls.keys.UdpKeyReceiver;
import org.callscope.engine.tls.keys.transport.KeyTransportEvents;
import org.callscope.engine.tls.keys.transport.KeyTransportPsk;
import org.callscope.engine.tls.keys.transport.TcpKeyReceiver;
import org.callscope.engine.tls.session.TlsKeySources;

/**
 * The TLS keys of one run: read from the files the settings name and, while the run lasts, also
 * received from keyloggers: over UDP with {@code ssl_sessionkey_udp = yes}, over the secure TCP
 * transport with {@code ssl_sessionkey_bind_port}. Both feed the same store.
 */
final class TlsKeySetup implements AutoCloseable {
    private final TlsKeySources sources;
    private UdpKeyReceiver udp;
    private TcpKeyReceiver tcp;

    private TlsKeySetup(TlsKeySources sources) {
        this.sources = sources;
    }

    static TlsKeySetup open(AnalyzerSettings settings, PrintStream err) throws ConfigException {
        TlsConfig tls = settings.tls();
        // Checked before anything is bound, so a bad secret costs no port.
        KeyTransportPsk psk = tls.keyTransportPort() > 0 ? tls.requireKeyTransportPsk() : null;
        TlsKeySources sources = TlsKeyLoader.load(tls, w -> err.println("callscope: warning: " + w));
        TlsKeySetup setup = new TlsKeySetup(sources);
        try {
            if (tls.udpReceiver()) {
                int port = tls.keyDatagramPort();
                if (port == 0) {
                    throw new ConfigException("ssl_sessionkey_udp = yes needs ssl_sessionkey_udp_port");
                }
                InetSocketAddress bind = new InetSocketAddress(tls.udpIp(), port);
                try {
                    setup.udp = UdpKeyReceiver.start(bind, sources.sessionKeys(),
                            w -> err.println("callscope: warning: " + w));
                } catch (IOException e) {
                    throw new ConfigException("cannot listen for key datagrams on " + bind + ": " + e.getMessage());
                }
            }
            if (psk != null) {
                InetSocketAddress bind = new InetSocketAddress(InetAddress.ofLiteral(tls.keyTransportIp()),
                        tls.keyTransportPort());
                try {
                    setup.tcp = TcpKeyReceiver.start(bind, psk, sources.sessionKeys(),
                            KeyTransportEvents.toWarnings(w -> err.println("callscope: warning: " + w)));
                } catch (IOException e) {
                    throw new ConfigException(e.getMessage());
                }
            }
        } catch (ConfigException | RuntimeException e) {
            setup.close();
            throw e;
        }
        return setup;
    }

    TlsKeySources sources() {
        return sources;
    }

    @Override
    public void close() {
        if (udp != null) {
            udp.close();
        }
        if (tcp != null) {
            tcp.close();
        }
    }
}
