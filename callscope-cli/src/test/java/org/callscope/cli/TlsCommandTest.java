package org.callscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static Path shared(String relative) {
        Path p = Path.of(System.getProperty("callscope.shared", "../../shared")).resolve("testdata/third_party").resolve(relative);
        assumeTrue(Files.isRegularFile(p), p + " is absent: third-party captures not available, test skipped");
        return p;
    }

    private static List<JsonNode> lines(String out) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    @Test
    void keyLogDecryptsAndDumpShowsThePlaintext() throws Exception {
        CliRun r = CliRun.of("tls", "--keylog", shared("illustrated-tls13/keylog.txt").toString(), "--dump",
                shared("illustrated-tls13/capture.pcap").toString());
        assertThat(r.status()).as(r.err()).isZero();
        List<JsonNode> nodes = lines(r.out());
        JsonNode conn = nodes.stream().filter(n -> n.get("type").asText().equals("connection")).findFirst().orElseThrow();
        assertThat(conn.get("client").asText()).isEqualTo("127.0.0.1:51258");
        assertThat(conn.get("server").asText()).isEqualTo("127.0.0.1:8400");
        assertThat(conn.get("version").asText()).isEqualTo("TLS 1.3");
        assertThat(conn.get("cipher").asText()).isEqualTo("TLS_AES_128_GCM_SHA256");
        assertThat(conn.get("decrypted").asBoolean()).isTrue();
        assertThat(conn.get("error").isNull()).isTrue();
        assertThat(conn.get("client_bytes").asLong()).isEqualTo(4);
        assertThat(conn.get("server_bytes").asLong()).isEqualTo(4);
        assertThat(conn.get("alerts").isArray()).isTrue();
        assertThat(nodes).filteredOn(n -> n.get("type").asText().equals("data"))
                .extracting(n -> n.get("from").asText() + ":" + n.get("data").asText())
                .containsExactly("client:ping", "server:pong");
    }

    @Test
    void withoutKeysTheReasonIsPrinted() throws Exception {
        CliRun r = CliRun.of("tls", shared("illustrated-tls12/capture.pcap").toString());
        assertThat(r.status()).isZero();
        JsonNode conn = lines(r.out()).get(0);
        assertThat(conn.get("decrypted").asBoolean()).isFalse();
        assertThat(conn.get("error").asText()).startsWith("needs key log: forward-secret key exchange");
        assertThat(conn.get("version").asText()).isEqualTo("TLS 1.2");
    }

    @Test
    void serverKeyOption() throws Exception {
        CliRun r = CliRun.of("tls", "--ssl-key", "192.168.220.131:443=" + shared("scapy-ssl_tls/openssl_1_0_1_f_server.pem"),
                shared("scapy-ssl_tls/RSA_WITH_AES_128_CBC_SHA_w_key.pcap").toString());
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode conn = lines(r.out()).get(0);
        assertThat(conn.get("decrypted").asBoolean()).isTrue();
        assertThat(conn.get("key_source").asText()).isEqualTo("server key");
        assertThat(conn.get("client_bytes").asLong()).isEqualTo(79);
    }

    @Test
    void badKeyOptionsAreClearErrors() throws Exception {
        Path capture = shared("illustrated-tls12/capture.pcap");
        CliRun noEquals = CliRun.of("tls", "--ssl-key", "10.0.0.1:5061", capture.toString());
        assertThat(noEquals.status()).isEqualTo(1);
        assertThat(noEquals.err()).contains("--ssl-key 10.0.0.1:5061: expected IP:PORT=KEYFILE").doesNotContain("Exception");

        CliRun missingKey = CliRun.of("tls", "--ssl-key", "10.0.0.1:5061=" + tmp.resolve("nope.pem"), capture.toString());
        assertThat(missingKey.status()).isEqualTo(1);
        assertThat(missingKey.err()).contains("nope.pem").doesNotContain("Exception");

        CliRun missingLog = CliRun.of("tls", "--keylog", tmp.resolve("none.log").toString(), capture.toString());
        assertThat(missingLog.status()).isEqualTo(1);
        assertThat(missingLog.err()).contains("none.log").doesNotContain("Exception");

        Path badLog = Files.writeString(tmp.resolve("bad.log"), "CLIENT_RANDOM zz 00\n");
        CliRun warned = CliRun.of("tls", "--keylog", badLog.toString(), capture.toString());
        assertThat(warned.status()).isZero();
        assertThat(warned.err()).contains("bad.log:1:");
    }
}
