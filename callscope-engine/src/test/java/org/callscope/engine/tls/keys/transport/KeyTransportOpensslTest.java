package org.callscope.engine.tls.keys.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.tls.keys.transport.TransportTestSupport.OTHER_SECRET;
import static org.callscope.engine.tls.keys.transport.TransportTestSupport.SECRET;
import static org.callscope.engine.tls.keys.transport.TransportTestSupport.await;
import static org.callscope.engine.tls.keys.transport.TransportTestSupport.line;
import static org.callscope.engine.tls.keys.transport.TransportTestSupport.master;
import static org.callscope.engine.tls.keys.transport.TransportTestSupport.pskHex;
import static org.callscope.engine.tls.keys.transport.TransportTestSupport.random;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.callscope.engine.tls.keys.SessionKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with OpenSSL's own TLS 1.3 external PSK support ({@code s_client -psk},
 * {@code s_server -psk -nocert}): the PSK is computed here independently of
 * {@link KeyTransportPsk}, so a derivation or TLS parameter that differs from docs/KEY-TRANSPORT.md
 * fails the handshake.
 */
class KeyTransportOpensslTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @BeforeAll
    static void needsOpenssl() {
        assumeTrue(OpensslPeer.available(), "openssl is not installed; skipping the interoperability tests");
    }

    @Test
    void sClientsLinesLandInTheStoreAndItReadsOurAcks() throws Exception {
        SessionKeys keys = new SessionKeys();
        TransportTestSupport.Events events = new TransportTestSupport.Events();
        try (TcpKeyReceiver receiver = TcpKeyReceiver.start(new InetSocketAddress(LOOPBACK, 0),
                KeyTransportPsk.fromSecret(SECRET, "test"), keys, events);
             OpensslPeer client = OpensslPeer.start("s_client", "-tls1_3", "-nocommands",
                     "-psk", pskHex(SECRET), "-psk_identity", "callscope-keylog-v1",
                     "-connect", "127.0.0.1:" + receiver.localAddress().getPort())) {
            client.write(line(1) + "\n" + line(2) + "\n");
            client.awaitLine("ACK 2", "ACK 2"::equals);
            client.write("\n" + line(3) + "\n");
            client.awaitLine("ACK 4", "ACK 4"::equals);
            assertThat(keys.masterSecret(random(1))).isEqualTo(master(1));
            assertThat(keys.masterSecret(random(2))).isEqualTo(master(2));
            assertThat(keys.masterSecret(random(3))).isEqualTo(master(3));
            assertThat(receiver.authenticated()).isEqualTo(1);
            assertThat(receiver.lines()).isEqualTo(4);
            assertThat(receiver.added()).isEqualTo(3);
            assertThat(events.all()).isEmpty();
            assertThat(String.join("\n", client.output())).contains("TLSv1.3").contains("TLS_AES_128_GCM_SHA256");
        }
    }

    @Test
    void sClientWithAnotherSecretIsRejectedAsAnAuthenticationFailure() throws Exception {
        SessionKeys keys = new SessionKeys();
        TransportTestSupport.Events events = new TransportTestSupport.Events();
        try (TcpKeyReceiver receiver = TcpKeyReceiver.start(new InetSocketAddress(LOOPBACK, 0),
                KeyTransportPsk.fromSecret(SECRET, "test"), keys, events);
             OpensslPeer client = OpensslPeer.start("s_client", "-tls1_3", "-nocommands",
                     "-psk", pskHex(OTHER_SECRET), "-psk_identity", "callscope-keylog-v1",
                     "-connect", "127.0.0.1:" + receiver.localAddress().getPort())) {
            client.write(line(1) + "\n");
            assertThat(client.waitFor()).as("s_client's exit status").isNotZero();
            await("the authentication failure", () -> events.authenticationFailures.size() == 1);
            assertThat(receiver.authenticationFailures()).isEqualTo(1);
            assertThat(events.authenticationFailures).singleElement().asString()
                    .startsWith("127.0.0.1:").contains("decrypt_error");
            assertThat(receiver.authenticated()).isZero();
            assertThat(keys.size()).isZero();
            assertNoSecretIn(events.all());
        }
    }

    @Test
    void sClientWithAnotherIdentityIsRejected() throws Exception {
        SessionKeys keys = new SessionKeys();
        TransportTestSupport.Events events = new TransportTestSupport.Events();
        try (TcpKeyReceiver receiver = TcpKeyReceiver.start(new InetSocketAddress(LOOPBACK, 0),
                KeyTransportPsk.fromSecret(SECRET, "test"), keys, events);
             OpensslPeer client = OpensslPeer.start("s_client", "-tls1_3", "-nocommands",
                     "-psk", pskHex(SECRET), "-psk_identity", "someone-else",
                     "-connect", "127.0.0.1:" + receiver.localAddress().getPort())) {
            assertThat(client.waitFor()).as("s_client's exit status").isNotZero();
            await("the authentication failure", () -> events.authenticationFailures.size() == 1);
            assertThat(receiver.authenticationFailures()).isEqualTo(1);
            assertThat(events.authenticationFailures).singleElement().asString().contains("callscope-keylog-v1");
            assertThat(keys.size()).isZero();
        }
    }

    @Test
    void ourSendersLinesArriveAtSServerAndItsAcksEmptyTheBuffer() throws Exception {
        int port = freePort();
        TransportTestSupport.Events events = new TransportTestSupport.Events();
        try (OpensslPeer server = OpensslPeer.start("s_server", "-tls1_3", "-nocert", "-psk", pskHex(SECRET),
                "-psk_identity", "callscope-keylog-v1", "-accept", "127.0.0.1:" + port)) {
            server.awaitLine("ACCEPT", "ACCEPT"::equals);
            try (TcpKeySender sender = TcpKeySender.start(new InetSocketAddress(LOOPBACK, port),
                    KeyTransportPsk.fromSecret(SECRET, "test"), 100, events)) {
                for (int i = 1; i <= 3; i++) {
                    sender.send(line(i));
                }
                for (int i = 1; i <= 3; i++) {
                    String expected = line(i);
                    server.awaitLine("line " + i, expected::equals);
                }
                assertThat(String.join("\n", server.output())).contains("TLS_AES_128_GCM_SHA256");
                assertThat(sender.buffered()).as("nothing acknowledged yet").isEqualTo(3);
                server.write("ACK 2\n");
                await("ACK 2 taken", () -> sender.buffered() == 1);
                server.write("ACK 3\n");
                assertThat(sender.flush(java.time.Duration.ofSeconds(10))).isTrue();
                assertThat(sender.acknowledged()).isEqualTo(3);
                assertThat(sender.connections()).isEqualTo(1);
                assertThat(events.all()).isEmpty();
            }
        }
    }

    @Test
    void ourSenderWithAnotherSecretIsRejectedBySServer() throws Exception {
        int port = freePort();
        TransportTestSupport.Events events = new TransportTestSupport.Events();
        try (OpensslPeer server = OpensslPeer.start("s_server", "-tls1_3", "-nocert", "-psk", pskHex(SECRET),
                "-psk_identity", "callscope-keylog-v1", "-accept", "127.0.0.1:" + port)) {
            server.awaitLine("ACCEPT", "ACCEPT"::equals);
            try (TcpKeySender sender = TcpKeySender.start(new InetSocketAddress(LOOPBACK, port),
                    KeyTransportPsk.fromSecret(OTHER_SECRET, "test"), 100, events)) {
                sender.send(line(1));
                await("the authentication failure", () -> !events.authenticationFailures.isEmpty());
                assertThat(sender.authenticationFailures()).isPositive();
                assertThat(events.authenticationFailures.getFirst()).startsWith("127.0.0.1:" + port)
                        .contains("illegal_parameter"); // OpenSSL's answer to a binder that does not verify
                assertThat(sender.connections()).isZero();
                assertThat(sender.buffered()).as("kept for a receiver that accepts it").isEqualTo(1);
                assertThat(server.output()).noneMatch(l -> l.contains("CLIENT_RANDOM"));
                assertNoSecretIn(events.all());
            }
        }
    }

    @Test
    void thePskMatchesOpensslsHmac() throws Exception {
        try (OpensslPeer dgst = OpensslPeer.start("dgst", "-sha256", "-mac", "HMAC", "-macopt", "key:" + SECRET)) {
            dgst.write("callscope keylog psk v1");
            dgst.closeInput();
            assertThat(dgst.waitFor()).isZero();
            assertThat(String.join("\n", dgst.output())).endsWith("= " + pskHex(SECRET));
        }
    }

    private static void assertNoSecretIn(java.util.List<String> messages) throws Exception {
        for (String secret : new String[] {SECRET, OTHER_SECRET, pskHex(SECRET), pskHex(OTHER_SECRET)}) {
            assertThat(messages).noneMatch(m -> m.contains(secret));
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }
}
