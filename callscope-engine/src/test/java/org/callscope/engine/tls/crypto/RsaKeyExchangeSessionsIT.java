package org.callscope.engine.tls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.security.PrivateKey;
import java.util.List;
import org.callscope.engine.testsupport.SharedTestData;
import org.callscope.engine.tls.TlsVersion;
import org.junit.jupiter.api.Test;

/**
 * RSA key exchange captures: the pre-master secret is decrypted in the test with the server's key,
 * then the master secret and every record come from the API under test.
 */
class RsaKeyExchangeSessionsIT {

    @Test
    void allThirtyPySslTestGenSessionsFromSsl3ToTls12Decrypt() throws Exception {
        PrivateKey key = RsaPreMaster.readKey(SharedTestData.file("py-ssl-test-gen/server.key"));
        List<String> expected = Files.readAllLines(SharedTestData.file("py-ssl-test-gen/simulation.list"));
        List<TcpStreams.Connection> connections = TcpStreams.read(SharedTestData.file("py-ssl-test-gen/simulation.pcap"));
        assertThat(expected).hasSize(30);
        assertThat(connections).hasSize(30);
        for (int i = 0; i < connections.size(); i++) {
            TlsTrace t = TlsTrace.of(connections.get(i));
            String line = expected.get(i);
            assertThat(t.version).as(line).isEqualTo(versionOf(line));
            assertThat(t.suite).as("suite 0x%04x of %s", t.suiteId, line).isNotNull();
            byte[] preMaster = RsaPreMaster.decrypt(key, t.encryptedPreMaster);
            assertThat(preMaster).as(line).hasSize(48);
            byte[] master = Prf.masterSecret(t.version, t.suite, preMaster, t.clientRandom, t.serverRandom);
            TraceDecryption.Result r = TraceDecryption.tls12(t, master);
            assertThat(r.clientData()).as(line + " " + t.suite).startsWith("GET /" + line + " HTTP/1.1\r\n").contains("Host: example.org");
            assertThat(r.serverData()).as(line + " " + t.suite).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Length: 0");
        }
    }

    @Test
    void scapySslTlsTls10Aes128ShaSessionDecrypts() throws Exception {
        PrivateKey key = RsaPreMaster.readKey(SharedTestData.file("scapy-ssl_tls/openssl_1_0_1_f_server.pem"));
        List<TcpStreams.Connection> connections = TcpStreams.read(SharedTestData.file("scapy-ssl_tls/RSA_WITH_AES_128_CBC_SHA_w_key.pcap"));
        assertThat(connections).hasSize(1);
        TlsTrace t = TlsTrace.of(connections.getFirst());
        assertThat(t.version).isEqualTo(TlsVersion.TLS_1_0);
        assertThat(t.suiteId).isEqualTo(0x002f);
        byte[] master = Prf.masterSecret(t.version, t.suite, RsaPreMaster.decrypt(key, t.encryptedPreMaster), t.clientRandom,
                t.serverRandom);
        TraceDecryption.Result r = TraceDecryption.tls12(t, master);
        assertThat(r.clientData()).isEqualTo(
                "GET / HTTP/1.1\r\nUser-Agent: curl/7.37.1\r\nHost: 192.168.220.131\r\nAccept: */*\r\n\r\n");
        assertThat(r.serverData()).hasSize(2851).startsWith("HTTP/1.0 200 ok\r\nContent-type: text/html\r\n\r\n"
                + "<HTML><BODY BGCOLOR=\"#ffffff\">\n<pre>\n\ns_server -accept 443 -cert openssl_1_0_1_f_server.pem -tls1 -cipher AES128-SHA -www \n");
        assertThat(r.fromClient().getLast().contentType()).as("close_notify").isEqualTo(TlsTrace.ALERT);
    }

    private static TlsVersion versionOf(String line) {
        return switch (line.substring(0, line.indexOf('/'))) {
            case "SSL3.0" -> TlsVersion.SSL_3_0;
            case "TLS1.0" -> TlsVersion.TLS_1_0;
            case "TLS1.1" -> TlsVersion.TLS_1_1;
            case "TLS1.2" -> TlsVersion.TLS_1_2;
            default -> throw new IllegalArgumentException(line);
        };
    }
}
