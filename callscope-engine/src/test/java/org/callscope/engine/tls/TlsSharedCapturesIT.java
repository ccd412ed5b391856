package org.callscope.engine.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.callscope.engine.config.AnalyzerSettings;
import org.callscope.engine.tls.crypto.CipherSuites;
import org.callscope.engine.tls.keys.KeyLogFiles;
import org.callscope.engine.tls.keys.PemPrivateKeys;
import org.callscope.engine.tls.session.TlsConnectionReport;
import org.callscope.engine.tls.session.TlsKeySources;
import org.callscope.engine.testsupport.SharedTestData;
import org.junit.jupiter.api.Test;

/** Every TLS set in ../shared/testdata/third_party decrypts to what its README says, through the whole analyzer. */
class TlsSharedCapturesIT {

    private static TlsKeySources keyLog(Path file) throws IOException {
        TlsKeySources keys = TlsKeySources.empty();
        List<String> warnings = new ArrayList<>();
        KeyLogFiles.load(file, keys.sessionKeys(), warnings::add);
        assertThat(warnings).as("key log warnings").isEmpty();
        return keys;
    }

    private static TlsKeySources rsaKey(String ip, int port, Path pem) throws Exception {
        TlsKeySources keys = TlsKeySources.empty();
        PrivateKey key = PemPrivateKeys.readRsa(pem, null);
        keys.serverKeys().add(ip, port, key);
        return keys;
    }

    private static TlsRun.Connection only(TlsRun run) {
        assertThat(run.connections).hasSize(1);
        return run.list().get(0);
    }

    @Test
    void illustratedTls12PingPong() throws Exception {
        Path dir = SharedTestData.thirdParty().resolve("illustrated-tls12");
        TlsRun.Connection c = only(TlsRun.of(dir.resolve("capture.pcap"), keyLog(dir.resolve("keylog.txt"))));
        assertThat(c.report.version()).isEqualTo("TLS 1.2");
        assertThat(c.report.cipher()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
        assertThat(c.report.serverPort()).isEqualTo(8443);
        assertThat(c.report.serverName()).isEqualTo("example.ulfheim.net");
        assertThat(c.report.decrypted()).isTrue();
        assertThat(c.report.error()).isNull();
        assertThat(c.report.failedRecords()).isZero();
        assertThat(c.clientText()).isEqualTo("ping");
        assertThat(c.serverText()).isEqualTo("pong");
        assertThat(c.report.keySource()).isEqualTo("key log");
        // tls12.xargs.org: the client ends with a close_notify, encrypted.
        assertThat(c.report.alerts()).containsExactly("client: warning close_notify");
    }

    @Test
    void illustratedTls13PingPong() throws Exception {
        Path dir = SharedTestData.thirdParty().resolve("illustrated-tls13");
        TlsRun.Connection c = only(TlsRun.of(dir.resolve("capture.pcap"), keyLog(dir.resolve("keylog.txt"))));
        assertThat(c.report.version()).isEqualTo("TLS 1.3");
        assertThat(c.report.cipher()).isEqualTo("TLS_AES_128_GCM_SHA256");
        assertThat(c.report.decrypted()).isTrue();
        assertThat(c.report.error()).isNull();
        assertThat(c.report.failedRecords()).isZero();
        assertThat(c.clientText()).isEqualTo("ping");
        assertThat(c.serverText()).isEqualTo("pong");
    }

    @Test
    void scapyTls12AndTls13WithKeyLog() throws Exception {
        Path dir = SharedTestData.thirdParty().resolve("scapy");
        TlsRun run = TlsRun.of(dir.resolve("tls_nss_example.pcap"), keyLog(dir.resolve("tls_nss_example.keys.txt")));
        assertThat(run.connections).hasSize(2);
        List<TlsRun.Connection> cs = run.list();
        assertThat(cs.get(0).report.version()).isEqualTo("TLS 1.2");
        assertThat(cs.get(0).report.cipher()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        assertThat(cs.get(1).report.version()).isEqualTo("TLS 1.3");
        assertThat(cs.get(1).report.cipher()).isEqualTo("TLS_AES_256_GCM_SHA384");
        for (TlsRun.Connection c : cs) {
            assertThat(c.report.decrypted()).as(c.toString()).isTrue();
            assertThat(c.report.error()).as(c.toString()).isNull();
            // As tshark's "follow,tls" shows it: echo -e added a newline after the README's CRLF.
            assertThat(c.clientText()).isEqualTo("GET /pki/srv_key.pem HTTP/1.0\r\n\n");
            assertThat(c.serverText()).startsWith("HTTP/1.0 200 ok\r\nContent-type: text/plain\r\n\r\n-----BEGIN PRIVATE KEY-----\r\nMIIEvAIBADANBgkqhkiG9w0BAQEFAASC");
            assertThat(c.serverText()).hasSize(1777);
        }
    }

    @Test
    void pySslTestGenAllThirtySessionsWithTheServerKey() throws Exception {
        Path dir = SharedTestData.thirdParty().resolve("py-ssl-test-gen");
        List<String> expected = Files.readAllLines(dir.resolve("simulation.list")).stream().filter(l -> !l.isBlank()).toList();
        TlsRun run = TlsRun.of(dir.resolve("simulation.pcap"), rsaKey("10.0.10.1", 443, dir.resolve("server.key")));
        List<TlsRun.Connection> cs = new ArrayList<>(run.list());
        cs.sort(Comparator.comparingInt(c -> c.report.clientPort()));
        assertThat(cs).hasSize(30);
        for (int i = 0; i < 30; i++) {
            TlsRun.Connection c = cs.get(i);
            String line = expected.get(i);
            assertThat(c.report.decrypted()).as(line + ": " + c).isTrue();
            assertThat(c.report.error()).as(line + ": " + c).isNull();
            assertThat(c.report.keySource()).isEqualTo("server key");
            assertThat(c.clientText()).as(line).startsWith("GET /" + line + " HTTP/1.1\r\n").contains("Host: example.org");
            assertThat(c.serverText()).as(line).startsWith("HTTP/1.1 200 OK").contains("Content-Length: 0");
            String version = line.substring(0, line.indexOf('/'));
            assertThat(c.report.version().replace(" ", "").replace(".", "")).isEqualTo(version.replace(".", ""));
        }
    }

    @Test
    void scapySslTlsRsaKeyTls10() throws Exception {
        Path dir = SharedTestData.thirdParty().resolve("scapy-ssl_tls");
        TlsRun.Connection c = only(TlsRun.of(dir.resolve("RSA_WITH_AES_128_CBC_SHA_w_key.pcap"),
                rsaKey("192.168.220.131", 443, dir.resolve("openssl_1_0_1_f_server.pem"))));
        assertThat(c.report.version()).isEqualTo("TLS 1.0");
        assertThat(c.report.cipher()).isEqualTo("TLS_RSA_WITH_AES_128_CBC_SHA");
        assertThat(c.report.decrypted()).isTrue();
        assertThat(c.clientText()).isEqualTo(
                "GET / HTTP/1.1\r\nUser-Agent: curl/7.37.1\r\nHost: 192.168.220.131\r\nAccept: */*\r\n\r\n");
        assertThat(c.serverText()).hasSize(2851)
                .startsWith("HTTP/1.0 200 ok\r\nContent-type: text/html\r\n\r\n<HTML><BODY BGCOLOR=\"#ffffff\">\n<pre>\n\ns_server -accept 443 -cert openssl_1_0_1_f_server.pem -tls1 -cipher AES128-SHA -www \n");
    }

    @Test
    void lekensteynAllThirtyNineCipherSuites() throws Exception {
        Path dir = SharedTestData.thirdParty().resolve("lekensteyn-wireshark-notes");
        TlsRun run = TlsRun.of(dir.resolve("tls12-all-ciphers.pcapng"), keyLog(dir.resolve("tls12-all-ciphers.keylog.txt")));
        assertThat(run.connections).hasSize(39);
        Set<Integer> suites = new TreeSet<>();
        for (TlsRun.Connection c : run.list()) {
            assertThat(c.report.version()).isEqualTo("TLS 1.2");
            assertThat(c.report.decrypted()).as(c.toString()).isTrue();
            assertThat(c.report.error()).as(c.toString()).isNull();
            assertThat(c.clientText()).as(c.toString()).startsWith("GET / HTTP/1.1\r\n").contains(".local.al.lekensteyn.nl:");
            assertThat(c.serverText()).as(c.toString()).startsWith("HTTP/1.1 200 OK\r\n").contains("Server: nginx/1.4.2");
            suites.add(idOf(c.report.cipher()));
        }
        assertThat(suites).containsExactlyInAnyOrder(0x0003, 0x0004, 0x0005, 0x0006, 0x0007, 0x0008, 0x0009, 0x000a,
                0x0012, 0x0013, 0x0015, 0x0016, 0x002f, 0x0032, 0x0033, 0x0035, 0x0038, 0x0039, 0x0041, 0x0044, 0x0045,
                0x0084, 0x0087, 0x0088, 0x0096, 0x0099, 0x009a, 0xc002, 0xc003, 0xc004, 0xc005, 0xc007, 0xc008, 0xc009,
                0xc00a, 0xc011, 0xc012, 0xc013, 0xc014);
    }

    private static int idOf(String name) {
        for (int id = 0; id <= 0xffff; id++) {
            if (CipherSuites.byId(id) != null && CipherSuites.byId(id).name().equals(name)) {
                return id;
            }
        }
        throw new AssertionError("no suite named " + name);
    }

    @Test
    void webrtcFreeswitchSignallingOverTls() throws Exception {
        Path dir = SharedTestData.thirdParty().resolve("lekensteyn-wireshark-notes");
        TlsRun run = TlsRun.of(dir.resolve("webrtc-freeswitch.pcapng"), keyLog(dir.resolve("webrtc-freeswitch.keylog.txt")));
        TlsRun.Connection c = run.list().stream().filter(x -> x.report.serverPort() == 8082).findFirst().orElseThrow();
        assertThat(c.report.cipher()).isEqualTo("TLS_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(c.report.decrypted()).isTrue();
        assertThat(c.report.error()).isNull();
        assertThat(c.clientText()).startsWith("GET /").contains("Host: webrtc.freeswitch.org:8082");
        // WebSocket frames from the browser (the verto.invite) are masked; the server's are not.
        assertThat(c.serverText()).contains("verto.answer").contains("m=audio 20336 RTP/SAVPF");
    }

    @Test
    void withoutKeysEachConnectionSaysWhy() throws Exception {
        Path dir = SharedTestData.thirdParty().resolve("scapy");
        TlsRun run = TlsRun.of(dir.resolve("tls_nss_example.pcap"), TlsKeySources.empty());
        List<TlsConnectionReport> reports = run.reports();
        assertThat(reports).hasSize(2);
        assertThat(reports.get(0).decrypted()).isFalse();
        assertThat(reports.get(0).error()).contains("needs key log: forward-secret key exchange (ECDHE)");
        assertThat(reports.get(0).undecryptedRecords()).isPositive();
        assertThat(reports.get(1).decrypted()).isFalse();
        assertThat(reports.get(1).error()).containsPattern("no key-log entry (CLIENT|SERVER)_HANDSHAKE_TRAFFIC_SECRET");
        assertThat(run.list()).allSatisfy(c -> assertThat(c.clientText()).isEmpty());
    }

    @Test
    void wrongRsaKeyIsReported() throws Exception {
        Path dir = SharedTestData.thirdParty().resolve("py-ssl-test-gen");
        Path otherKey = SharedTestData.thirdParty().resolve("scapy-ssl_tls/openssl_1_0_1_f_server.pem");
        TlsRun run = TlsRun.of(dir.resolve("simulation.pcap"), rsaKey("10.0.10.1", 443, otherKey));
        assertThat(run.reports()).hasSize(30).allSatisfy(r -> {
            assertThat(r.decrypted()).isFalse();
            assertThat(r.error()).contains("does not decrypt the pre-master secret");
        });
    }

    @Test
    void captureThatStartsAfterTheHandshake() throws Exception {
        Path dir = SharedTestData.thirdParty().resolve("illustrated-tls12");
        AnalyzerSettings settings = new AnalyzerSettings();
        settings.tls().addTlsPort(8443);
        // Frames 1-12 hold the TCP and TLS handshakes; the capture "starts" with the encrypted ping.
        TlsRun run = TlsRun.of(dir.resolve("capture.pcap"), keyLog(dir.resolve("keylog.txt")), settings,
                f -> f.frameNumber >= 13);
        TlsConnectionReport r = only(run).report;
        assertThat(r.decrypted()).isFalse();
        assertThat(r.error()).isEqualTo("no handshake seen");
        assertThat(r.version()).isNull();
    }

    @Test
    void aTamperedRecordFailsAuthenticationAndIsNotPassedOn() throws Exception {
        Path dir = SharedTestData.thirdParty().resolve("illustrated-tls12");
        TlsRun run = TlsRun.of(dir.resolve("capture.pcap"), keyLog(dir.resolve("keylog.txt")), new AnalyzerSettings(), f -> {
            if (f.frameNumber == 13) {
                f.data[f.capturedLength - 1] ^= 0x01; // last byte of the client's ping record
            }
            return true;
        });
        TlsRun.Connection c = only(run);
        assertThat(c.report.failedRecords()).isEqualTo(1);
        assertThat(c.report.error()).contains("from the client");
        assertThat(c.clientText()).isEmpty();
        assertThat(c.serverText()).isEqualTo("pong");
    }
}
