package org.callscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.callscope.engine.config.AnalyzerSettings;
import org.callscope.engine.config.ConfigException;
import org.callscope.engine.config.ConfigFileReader;
import org.callscope.engine.tls.keys.SessionKeys;
import org.callscope.engine.tls.keys.transport.KeyTransportEvents;
import org.callscope.engine.tls.keys.transport.KeyTransportPsk;
import org.callscope.engine.tls.keys.transport.TcpKeySender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The receivers a capture command runs: UDP and the secure TCP transport feeding one store. */
class TlsKeySetupTest {
    private static final String SECRET = "secret shared with the keyloggers";
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path tmp;

    private static AnalyzerSettings settings(String config) throws ConfigException {
        AnalyzerSettings s = new AnalyzerSettings();
        s.apply(ConfigFileReader.parse(config, "callscope.conf"), w -> { });
        return s;
    }

    private static int freeTcpPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    @Test
    void udpAndSeveralSecureKeyloggersFeedTheSameStoreWhileTheRunLasts() throws Exception {
        int tcpPort = freeTcpPort();
        int udpPort = freeUdpPort();
        Path secret = Files.writeString(tmp.resolve("secret"), SECRET + "\n");
        AnalyzerSettings settings = settings("ssl_sessionkey_udp = yes\nssl_sessionkey_udp_port = " + udpPort
                + "\nssl_sessionkey_bind = 127.0.0.1\nssl_sessionkey_bind_port = " + tcpPort
                + "\nssl_sessionkey_secret_file = " + secret + "\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (TlsKeySetup setup = TlsKeySetup.open(settings, new PrintStream(err, true, StandardCharsets.UTF_8))) {
            SessionKeys keys = setup.sources().sessionKeys();
            List<TcpKeySender> senders = new ArrayList<>();
            try {
                for (int s = 0; s < 3; s++) {
                    TcpKeySender sender = TcpKeySender.start(new InetSocketAddress(LOOPBACK, tcpPort),
                            KeyTransportPsk.fromSecret(SECRET, "test"), 100, KeyTransportEvents.toWarnings(w -> { }));
                    senders.add(sender);
                    sender.send(KeysCommandTest.line(s));
                }
                for (TcpKeySender sender : senders) {
                    assertThat(sender.flush(Duration.ofSeconds(15))).isTrue();
                }
            } finally {
                senders.forEach(TcpKeySender::close);
            }
            try (DatagramSocket udp = new DatagramSocket()) {
                byte[] b = KeysCommandTest.line(9).getBytes(StandardCharsets.US_ASCII);
                udp.send(new DatagramPacket(b, b.length, new InetSocketAddress(LOOPBACK, udpPort)));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (keys.size() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            for (int i : new int[] {0, 1, 2, 9}) {
                assertThat(keys.masterSecret(HexFormat.of().parseHex(String.format("%064x", 0x3000_0000L + i))))
                        .as("key " + i).isNotNull();
            }
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(LOOPBACK, tcpPort)); // closed with the run
        }
    }

    @Test
    void aReceiverPortWithoutSecretStopsTheStartNamingTheLine() throws Exception {
        AnalyzerSettings settings = settings("sipport = 5060\nssl_sessionkey_bind_port = " + freeTcpPort() + "\n");
        assertThatThrownBy(() -> TlsKeySetup.open(settings, new PrintStream(new ByteArrayOutputStream())))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("callscope.conf:2: ssl_sessionkey_bind_port needs the shared secret");
    }

    @Test
    void analyzeRunsTheSecureReceiverAndReportsItsErrors() throws Exception {
        Path capture = CliRun.fixture("answered-udp.pcap");
        int port = freeTcpPort();
        Path ok = Files.writeString(tmp.resolve("ok.conf"),
                "ssl_sessionkey_bind_port = " + port + "\nssl_sessionkey_secret = " + SECRET + "\n");
        CliRun run = CliRun.of("analyze", "--format", "json", "--config-file", ok.toString(), capture.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain(SECRET);
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(LOOPBACK, port)); // the receiver was closed with the run
        }

        Path noSecret = Files.writeString(tmp.resolve("no-secret.conf"), "ssl_sessionkey_bind_port = " + port + "\n");
        CliRun refused = CliRun.of("analyze", "--config-file", noSecret.toString(), capture.toString());
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).contains("no-secret.conf:1: ssl_sessionkey_bind_port needs the shared secret")
                .doesNotContain("Exception");

        Path shortSecret = Files.writeString(tmp.resolve("short.conf"), "ssl_sessionkey_secret = guessable\n");
        CliRun tooShort = CliRun.of("sip", "--config-file", shortSecret.toString(), capture.toString());
        assertThat(tooShort.status()).isEqualTo(1);
        assertThat(tooShort.err()).contains("short.conf:1: invalid value for 'ssl_sessionkey_secret'")
                .doesNotContain("guessable");
    }
}
