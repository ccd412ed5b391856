package org.callscope.engine.tls.keys.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.callscope.engine.tls.keys.transport.TransportTestSupport.OTHER_SECRET;
import static org.callscope.engine.tls.keys.transport.TransportTestSupport.SECRET;
import static org.callscope.engine.tls.keys.transport.TransportTestSupport.await;
import static org.callscope.engine.tls.keys.transport.TransportTestSupport.line;
import static org.callscope.engine.tls.keys.transport.TransportTestSupport.master;
import static org.callscope.engine.tls.keys.transport.TransportTestSupport.random;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;
import org.bouncycastle.tls.AbstractTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.PskKeyExchangeMode;
import org.bouncycastle.tls.TlsAuthentication;
import org.callscope.engine.tls.keys.SessionKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Our sender and our receiver, on loopback. */
class TcpKeyTransportTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final KeyTransportPsk PSK = KeyTransportPsk.fromSecret(SECRET, "test");

    private final SessionKeys keys = new SessionKeys();
    private final TransportTestSupport.Events receiverEvents = new TransportTestSupport.Events();
    private final TransportTestSupport.Events senderEvents = new TransportTestSupport.Events();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private TcpKeyReceiver receiver(int port, int maxConnections) throws IOException {
        TcpKeyReceiver r = TcpKeyReceiver.start(new InetSocketAddress(LOOPBACK, port), PSK, keys, receiverEvents,
                maxConnections);
        open.add(r);
        return r;
    }

    private TcpKeySender sender(TcpKeyReceiver to, KeyTransportPsk psk, int maxLines) {
        TcpKeySender s = TcpKeySender.start(to.localAddress(), psk, maxLines, senderEvents);
        open.add(s);
        return s;
    }

    private void assertStored(int from, int to) {
        for (int i = from; i <= to; i++) {
            assertThat(keys.masterSecret(random(i))).as("line " + i).isEqualTo(master(i));
        }
    }

    @Test
    void linesAreStoredAndAcknowledged() throws Exception {
        TcpKeyReceiver receiver = receiver(0, 8);
        TcpKeySender sender = sender(receiver, PSK, 1000);
        for (int i = 1; i <= 200; i++) {
            sender.send(line(i));
        }
        assertThat(sender.flush(Duration.ofSeconds(15))).isTrue();
        assertStored(1, 200);
        assertThat(sender.acknowledged()).isEqualTo(200);
        assertThat(receiver.added()).isEqualTo(200);
        assertThat(receiver.authenticated()).isEqualTo(1);
        assertThat(sender.connections()).isEqualTo(1);
        assertThat(receiverEvents.all()).isEmpty();
        assertThat(senderEvents.all()).isEmpty();
    }

    @Test
    void aRepeatedLineIsNothingNew() throws Exception {
        TcpKeyReceiver receiver = receiver(0, 8);
        TcpKeySender sender = sender(receiver, PSK, 100);
        sender.send(line(1));
        sender.send(line(1));
        assertThat(sender.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(receiver.lines()).isEqualTo(2);
        assertThat(receiver.added()).isEqualTo(1);
        assertThat(keys.size()).isEqualTo(1);
    }

    @Test
    void aReceiverRestartedMidStreamLosesNoLine() throws Exception {
        TcpKeyReceiver first = receiver(0, 8);
        int port = first.localAddress().getPort();
        TcpKeySender sender = sender(first, PSK, 1000);
        for (int i = 1; i <= 50; i++) {
            sender.send(line(i));
        }
        assertThat(sender.flush(Duration.ofSeconds(10))).isTrue();
        first.close();
        await("the sender to notice", () -> !sender.connected());
        for (int i = 51; i <= 100; i++) {
            sender.send(line(i));
        }
        Thread.sleep(700); // lines wait in the buffer while nothing listens
        assertThat(sender.buffered()).isEqualTo(50);
        TcpKeyReceiver second = receiver(port, 8);
        for (int i = 101; i <= 120; i++) {
            sender.send(line(i));
        }
        assertThat(sender.flush(Duration.ofSeconds(20))).isTrue();
        assertStored(1, 120);
        assertThat(second.added()).isEqualTo(70);
        assertThat(sender.connections()).isEqualTo(2);
        assertThat(senderEvents.warnings).anyMatch(w -> w.contains("lost"));
        assertThat(senderEvents.authenticationFailures).isEmpty();
    }

    @Test
    void aFullBufferDropsTheOldestLinesAndCountsThem() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            port = probe.getLocalPort();
        }
        TcpKeySender sender = TcpKeySender.start(new InetSocketAddress(LOOPBACK, port), PSK, 5, senderEvents);
        open.add(sender);
        for (int i = 1; i <= 8; i++) {
            sender.send(line(i));
        }
        assertThat(sender.dropped()).isEqualTo(3);
        assertThat(sender.buffered()).isEqualTo(5);
        assertThat(senderEvents.warnings).anyMatch(w -> w.contains("is full: dropped the oldest line (3 dropped so far)"));
        TcpKeyReceiver receiver = receiver(port, 8);
        assertThat(sender.flush(Duration.ofSeconds(20))).isTrue();
        assertStored(4, 8);
        for (int i = 1; i <= 3; i++) {
            assertThat(keys.masterSecret(random(i))).as("dropped line " + i).isNull();
        }
        assertThat(receiver.added()).isEqualTo(5);
    }

    @Test
    void linesThatBreakTheProtocolAreRefusedBySend() {
        TcpKeySender sender = TcpKeySender.start(new InetSocketAddress(LOOPBACK, 9), PSK, 5, senderEvents);
        open.add(sender);
        assertThatThrownBy(() -> sender.send(line(1) + "\n" + line(2))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sender.send("x".repeat(1024))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1023");
        sender.send("x".repeat(1023));
        assertThat(sender.buffered()).isEqualTo(1);
    }

    @Test
    void severalSendersAtOnce() throws Exception {
        TcpKeyReceiver receiver = receiver(0, 8);
        List<TcpKeySender> senders = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            senders.add(sender(receiver, PSK, 1000));
        }
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            TcpKeySender sender = senders.get(s);
            int base = s * 1000;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 1; i <= 250; i++) {
                    sender.send(line(base + i));
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        for (TcpKeySender sender : senders) {
            assertThat(sender.flush(Duration.ofSeconds(20))).isTrue();
        }
        for (int s = 0; s < 4; s++) {
            assertStored(s * 1000 + 1, s * 1000 + 250);
        }
        assertThat(keys.size()).isEqualTo(1000);
        assertThat(receiver.authenticated()).isEqualTo(4);
    }

    @Test
    void badLinesAreCountedSkippedAndAcknowledged() throws Exception {
        TcpKeyReceiver receiver = receiver(0, 8);
        TcpKeySender sender = sender(receiver, PSK, 100);
        sender.send(line(1));
        sender.send("not a key line");
        sender.send("CLIENT_RANDOM " + "zz".repeat(32) + " " + "00".repeat(48));
        sender.send("# a comment is no key and no error");
        sender.send("");
        sender.send(line(2));
        assertThat(sender.flush(Duration.ofSeconds(10))).isTrue();
        assertStored(1, 2);
        assertThat(receiver.lines()).isEqualTo(6);
        assertThat(receiver.badLines()).isEqualTo(2);
        assertThat(receiverEvents.warnings).hasSize(2)
                .anyMatch(w -> w.contains("line 2 from 127.0.0.1:") && w.contains("extra fields"))
                .anyMatch(w -> w.contains("line 3 from 127.0.0.1:") && w.contains("not hex"));
    }

    @Test
    void aLineOver1024BytesClosesTheConnection() throws Exception {
        TcpKeyReceiver receiver = receiver(0, 8);
        try (RawTlsClient client = RawTlsClient.connect(receiver.localAddress(), PSK)) {
            client.write("x".repeat(1023) + "\n"); // 1024 bytes with the LF: allowed (and a bad line)
            assertThat(client.readLine()).isEqualTo("ACK 1");
            client.write(line(1) + "\n" + "y".repeat(1024) + "\n" + line(2) + "\n");
            String reply = client.readLine();
            assertThat(reply).isIn("ACK 2", null);
            if (reply != null) {
                assertThat(client.readLine()).as("then the end of the stream").isNull();
            }
        } catch (IOException expected) {
            // the receiver may close before the last reads
        }
        await("the warning", () -> !receiverEvents.warnings.isEmpty()
                && receiverEvents.warnings.getLast().contains("longer than 1024 bytes"));
        assertThat(receiverEvents.warnings.getLast()).contains("line 3 is longer than 1024 bytes");
        assertStored(1, 1);
        assertThat(keys.masterSecret(random(2))).as("after the long line").isNull();
        await("the connection to end", () -> receiver.openConnections() == 0);
    }

    @Test
    void theReceiverBoundsItsConnections() throws Exception {
        TcpKeyReceiver receiver = receiver(0, 2);
        RawTlsClient a = RawTlsClient.connect(receiver.localAddress(), PSK);
        open.add(a);
        RawTlsClient b = RawTlsClient.connect(receiver.localAddress(), PSK);
        open.add(b);
        await("two connections", () -> receiver.openConnections() == 2);
        assertThatThrownBy(() -> RawTlsClient.connect(receiver.localAddress(), PSK)).isInstanceOf(IOException.class);
        assertThat(receiver.refused()).isEqualTo(1);
        assertThat(receiverEvents.warnings).singleElement().asString()
                .contains("refused").contains("2 connections are open already");
        a.close();
        await("a free slot", () -> receiver.openConnections() == 1);
        try (RawTlsClient c = RawTlsClient.connect(receiver.localAddress(), PSK)) {
            c.write(line(7) + "\n");
            assertThat(c.readLine()).isEqualTo("ACK 1");
        }
        assertStored(7, 7);
    }

    @Test
    void anotherSecretIsAnAuthenticationFailureAtBothEnds() throws Exception {
        TcpKeyReceiver receiver = receiver(0, 8);
        TcpKeySender sender = sender(receiver, KeyTransportPsk.fromSecret(OTHER_SECRET, "test"), 100);
        sender.send(line(1));
        await("both reports", () -> !senderEvents.authenticationFailures.isEmpty()
                && !receiverEvents.authenticationFailures.isEmpty());
        assertThat(receiverEvents.authenticationFailures.getFirst()).startsWith("127.0.0.1:").contains("decrypt_error");
        assertThat(senderEvents.authenticationFailures.getFirst())
                .startsWith("127.0.0.1:" + receiver.localAddress().getPort()).contains("decrypt_error");
        assertThat(keys.size()).isZero();
        assertThat(sender.buffered()).isEqualTo(1);
        assertThat(sender.connections()).isZero();
    }

    @Test
    void aClientOfferingPskWithoutDheIsRefused() throws Exception {
        TcpKeyReceiver receiver = receiver(0, 8);
        assertThatThrownBy(() -> RawTlsClient.connect(receiver.localAddress(), new PskKeOnlyClient()))
                .isInstanceOf(IOException.class);
        await("the report", () -> !receiverEvents.all().isEmpty());
        assertThat(receiver.authenticated()).isZero();
    }

    @Test
    void closingFreesThePortAndEndsConnections() throws Exception {
        TcpKeyReceiver receiver = receiver(0, 8);
        TcpKeySender sender = sender(receiver, PSK, 100);
        sender.send(line(1));
        assertThat(sender.flush(Duration.ofSeconds(10))).isTrue();
        int port = receiver.localAddress().getPort();
        receiver.close();
        await("the sender to see the close", () -> !sender.connected());
        assertThat(receiver.openConnections()).isZero();
        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress(LOOPBACK, port));
        }
        assertThat(receiverEvents.all()).isEmpty();
    }

    @Test
    void plainTcpWithoutTlsIsAFailedHandshakeNotACrash() throws Exception {
        TcpKeyReceiver receiver = receiver(0, 8);
        try (Socket s = new Socket(LOOPBACK, receiver.localAddress().getPort())) {
            s.getOutputStream().write((line(1) + "\n").getBytes());
            s.getOutputStream().flush();
            s.setSoTimeout(5_000);
            assertThat(s.getInputStream().readAllBytes()).as("no ACK without TLS").doesNotContain((byte) 'A');
        }
        await("the report", () -> !receiverEvents.warnings.isEmpty());
        assertThat(receiverEvents.warnings.getFirst()).contains("handshake with 127.0.0.1:");
        assertThat(keys.size()).isZero();
    }

    /** Offers the right key with {@code psk_ke} only: no (EC)DHE, which the protocol forbids. */
    private static final class PskKeOnlyClient extends AbstractTlsClient {
        PskKeOnlyClient() {
            super(KeyTransportTls.crypto());
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
        public Vector<Object> getExternalPSKs() {
            Vector<Object> v = new Vector<>();
            v.add(KeyTransportTls.externalPsk(getCrypto(), PSK));
            return v;
        }

        @Override
        public short[] getPskKeyExchangeModes() {
            return new short[] {PskKeyExchangeMode.psk_ke};
        }

        @Override
        public TlsAuthentication getAuthentication() {
            throw new IllegalStateException("no certificate expected");
        }
    }
}
