package org.callscope.engine.tls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.callscope.engine.testsupport.SharedTestData;
import org.callscope.engine.tls.TlsVersion;
import org.junit.jupiter.api.Test;

/**
 * Real records from the shared third-party captures, opened with key log secrets; expected
 * plaintext from each folder's README (checked there with tshark).
 */
class CapturedSessionsIT {

    /** The OpenSSL cipher names that name the Host of each session in tls12-all-ciphers (README: "The Host header names the suite"). */
    private static final Map<Integer, String> OPENSSL_NAMES = Map.ofEntries(
            Map.entry(0x0003, "exp-rc4-md5"), Map.entry(0x0004, "rc4-md5"), Map.entry(0x0005, "rc4-sha"),
            Map.entry(0x0006, "exp-rc2-cbc-md5"), Map.entry(0x0007, "idea-cbc-sha"), Map.entry(0x0008, "exp-des-cbc-sha"),
            Map.entry(0x0009, "des-cbc-sha"), Map.entry(0x000a, "des-cbc3-sha"), Map.entry(0x0012, "edh-dss-des-cbc-sha"),
            Map.entry(0x0013, "edh-dss-des-cbc3-sha"), Map.entry(0x0015, "edh-rsa-des-cbc-sha"),
            Map.entry(0x0016, "edh-rsa-des-cbc3-sha"), Map.entry(0x002f, "aes128-sha"), Map.entry(0x0032, "dhe-dss-aes128-sha"),
            Map.entry(0x0033, "dhe-rsa-aes128-sha"), Map.entry(0x0035, "aes256-sha"), Map.entry(0x0038, "dhe-dss-aes256-sha"),
            Map.entry(0x0039, "dhe-rsa-aes256-sha"), Map.entry(0x0041, "camellia128-sha"),
            Map.entry(0x0044, "dhe-dss-camellia128-sha"), Map.entry(0x0045, "dhe-rsa-camellia128-sha"),
            Map.entry(0x0084, "camellia256-sha"), Map.entry(0x0087, "dhe-dss-camellia256-sha"),
            Map.entry(0x0088, "dhe-rsa-camellia256-sha"), Map.entry(0x0096, "seed-sha"), Map.entry(0x0099, "dhe-dss-seed-sha"),
            Map.entry(0x009a, "dhe-rsa-seed-sha"), Map.entry(0xc002, "ecdh-ecdsa-rc4-sha"),
            Map.entry(0xc003, "ecdh-ecdsa-des-cbc3-sha"), Map.entry(0xc004, "ecdh-ecdsa-aes128-sha"),
            Map.entry(0xc005, "ecdh-ecdsa-aes256-sha"), Map.entry(0xc007, "ecdhe-ecdsa-rc4-sha"),
            Map.entry(0xc008, "ecdhe-ecdsa-des-cbc3-sha"), Map.entry(0xc009, "ecdhe-ecdsa-aes128-sha"),
            Map.entry(0xc00a, "ecdhe-ecdsa-aes256-sha"), Map.entry(0xc011, "ecdhe-rsa-rc4-sha"),
            Map.entry(0xc012, "ecdhe-rsa-des-cbc3-sha"), Map.entry(0xc013, "ecdhe-rsa-aes128-sha"),
            Map.entry(0xc014, "ecdhe-rsa-aes256-sha"));

    @Test
    void allThirtyNineTls12SuitesOfLekensteynCaptureDecrypt() throws Exception {
        Path dir = SharedTestData.thirdParty().resolve("lekensteyn-wireshark-notes");
        NssKeyLog keys = NssKeyLog.read(SharedTestData.file("lekensteyn-wireshark-notes/tls12-all-ciphers.keylog.txt"));
        List<TcpStreams.Connection> connections = TcpStreams.read(SharedTestData.file("lekensteyn-wireshark-notes/tls12-all-ciphers.pcapng"));
        assertThat(dir).isDirectory();
        assertThat(connections).hasSize(39);
        List<Integer> suites = new ArrayList<>();
        for (TcpStreams.Connection c : connections) {
            TlsTrace t = TlsTrace.of(c);
            assertThat(t.version).as(c.toString()).isEqualTo(TlsVersion.TLS_1_2);
            assertThat(t.suite).as("suite 0x%04x registered", t.suiteId).isNotNull();
            suites.add(t.suiteId);
            byte[] master = keys.secret("CLIENT_RANDOM", t.clientRandom);
            assertThat(master).as("key log line for " + c).isNotNull();
            TraceDecryption.Result r = TraceDecryption.tls12(t, master);
            assertThat(r.fromClient().getFirst().data()[0]).as("client Finished of " + t.suite).isEqualTo((byte) 20);
            assertThat(r.fromServer().getFirst().data()[0]).as("server Finished of " + t.suite).isEqualTo((byte) 20);
            String port = c.server.substring(c.server.lastIndexOf(':') + 1);
            assertThat(r.clientData()).as(t.suite.toString())
                    .startsWith("GET / HTTP/1.1\r\n")
                    .contains("\r\nHost: " + OPENSSL_NAMES.get(t.suiteId) + ".local.al.lekensteyn.nl:" + port + "\r\n");
            assertThat(r.serverData()).as(t.suite.toString()).startsWith("HTTP/1.1 200 OK\r\n").contains("Server: nginx/1.4.2");
        }
        assertThat(suites).containsExactlyInAnyOrderElementsOf(OPENSSL_NAMES.keySet());
    }

    @Test
    void scapyTls12GcmAndTls13Sha384SessionsDecrypt() throws Exception {
        NssKeyLog keys = NssKeyLog.read(SharedTestData.file("scapy/tls_nss_example.keys.txt"));
        List<TcpStreams.Connection> connections = TcpStreams.read(SharedTestData.file("scapy/tls_nss_example.pcap"));
        assertThat(connections).hasSize(2);

        TlsTrace t12 = TlsTrace.of(connections.get(0));
        assertThat(t12.version).isEqualTo(TlsVersion.TLS_1_2);
        assertThat(t12.suiteId).isEqualTo(0xc030);
        TraceDecryption.Result r12 = TraceDecryption.tls12(t12, keys.secret("CLIENT_RANDOM", t12.clientRandom));
        assertThat(r12.clientData()).isEqualTo("GET /pki/srv_key.pem HTTP/1.0\r\n\n");
        // The README shows the PEM's line breaks as \n; the key file served has \r\n.
        assertThat(r12.serverData()).startsWith("HTTP/1.0 200 ok\r\nContent-type: text/plain\r\n\r\n-----BEGIN PRIVATE KEY-----")
                .contains("-----\r\nMIIEvAIBADANBgkqhkiG9w0BAQEFAASC").hasSize(1777);

        TlsTrace t13 = TlsTrace.of(connections.get(1));
        assertThat(t13.version).isEqualTo(TlsVersion.TLS_1_3);
        assertThat(t13.suiteId).isEqualTo(0x1302);
        byte[] cr = t13.clientRandom;
        TraceDecryption.Result r13 = TraceDecryption.tls13(t13, keys.secret("CLIENT_HANDSHAKE_TRAFFIC_SECRET", cr),
                keys.secret("SERVER_HANDSHAKE_TRAFFIC_SECRET", cr), keys.secret("CLIENT_TRAFFIC_SECRET_0", cr),
                keys.secret("SERVER_TRAFFIC_SECRET_0", cr));
        assertThat(r13.clientData()).isEqualTo("GET /pki/srv_key.pem HTTP/1.0\r\n\n");
        assertThat(r13.serverData()).isEqualTo(r12.serverData());
        long tickets = r13.fromServer().stream().filter(p -> p.contentType() == TlsTrace.HANDSHAKE && p.data()[0] == 4).count();
        assertThat(tickets).as("NewSessionTickets under the server application secret").isEqualTo(2);
    }

    @Test
    void illustratedTls12PingPong() throws Exception {
        NssKeyLog keys = NssKeyLog.read(SharedTestData.file("illustrated-tls12/keylog.txt"));
        List<TcpStreams.Connection> connections = TcpStreams.read(SharedTestData.file("illustrated-tls12/capture.pcap"));
        TlsTrace t = TlsTrace.of(connections.getFirst());
        assertThat(t.suiteId).isEqualTo(0xc013);
        assertThat(t.clientRandom).isEqualTo(HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));
        TraceDecryption.Result r = TraceDecryption.tls12(t, keys.secret("CLIENT_RANDOM", t.clientRandom));
        assertThat(r.clientData()).isEqualTo("ping");
        assertThat(r.serverData()).isEqualTo("pong");
        TlsPlaintext closeNotify = r.fromClient().getLast();
        assertThat(closeNotify.contentType()).isEqualTo(TlsTrace.ALERT);
        assertThat(closeNotify.data()).containsExactly(1, 0);
    }

    @Test
    void illustratedTls13PingPong() throws Exception {
        NssKeyLog keys = NssKeyLog.read(SharedTestData.file("illustrated-tls13/keylog.txt"));
        List<TcpStreams.Connection> connections = TcpStreams.read(SharedTestData.file("illustrated-tls13/capture.pcap"));
        TlsTrace t = TlsTrace.of(connections.getFirst());
        assertThat(t.version).isEqualTo(TlsVersion.TLS_1_3);
        assertThat(t.suiteId).isEqualTo(0x1301);
        byte[] cr = t.clientRandom;
        TraceDecryption.Result r = TraceDecryption.tls13(t, keys.secret("CLIENT_HANDSHAKE_TRAFFIC_SECRET", cr),
                keys.secret("SERVER_HANDSHAKE_TRAFFIC_SECRET", cr), keys.secret("CLIENT_TRAFFIC_SECRET_0", cr),
                keys.secret("SERVER_TRAFFIC_SECRET_0", cr));
        assertThat(r.clientData()).isEqualTo("ping");
        assertThat(r.serverData()).isEqualTo("pong");
        // Server flight under the handshake secret: EncryptedExtensions (8) first, Finished (20) last.
        assertThat(r.fromServer().getFirst().data()[0]).isEqualTo((byte) 8);
    }
}
