package org.callscope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import org.callscope.engine.config.AnalyzerSettings;
import org.callscope.engine.config.ConfigException;
import org.callscope.engine.pipeline.TlsKeyLoader;
import org.callscope.engine.tls.keys.UdpKeyReceiver;
import org.callscope.engine.tls.session.TlsKeySources;

/**
 * The TLS keys of one run: read from the files the settings name and, with
 * {@code ssl_sessionkey_udp = yes}, also received from keyloggers while the run lasts.
 */
final class TlsKeySetup implements AutoCloseable {
    private final TlsKeySources sources;
    private final UdpKeyReceiver receiver;

    private TlsKeySetup(TlsKeySources sources, UdpKeyReceiver receiver) {
        this.sources = sources;
        this.receiver = receiver;
    }

    static TlsKeySetup open(AnalyzerSettings settings, PrintStream err) throws ConfigException {
        TlsKeySources sources = TlsKeyLoader.load(settings.tls(), w -> err.println("callscope: warning: " + w));
        UdpKeyReceiver receiver = null;
        if (settings.tls().udpReceiver()) {
            int port = settings.tls().keyDatagramPort();
            if (port == 0) {
                throw new ConfigException("ssl_sessionkey_udp = yes needs ssl_sessionkey_udp_port");
            }
            InetSocketAddress bind = new InetSocketAddress(settings.tls().udpIp(), port);
            try {
                receiver = UdpKeyReceiver.start(bind, sources.sessionKeys(), w -> err.println("callscope: warning: " + w));
            } catch (IOException e) {
                throw new ConfigException("cannot listen for key datagrams on " + bind + ": " + e.getMessage());
            }
        }
        return new TlsKeySetup(sources, receiver);
    }

    TlsKeySources sources() {
        return sources;
    }

    @Override
    public void close() {
        if (receiver != null) {
            receiver.close();
        }
    }
}
