package org.callscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze} on the SIP-over-TLS fixture captures (kamailio and openssl s_client, see
 * fixtures/captures/tls/README.md): CDRs with the TLS connection, and per-call SIP captures that
 * hold the decrypted messages as UDP, read back by tshark. Also SIP over secure WebSocket: the same
 * TLS, then an HTTP upgrade and SIP in WebSocket frames.
 */
class AnalyzeTlsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static Path fixture(String relative) {
        Path p = CliRun.fixture("tls/" + relative);
        assumeTrue(Files.isRegularFile(p), p + " is absent");
        return p;
    }

    private static JsonNode truth(String name) throws IOException {
        Path p = Path.of(System.getProperty("callscope.root", "..")).resolve("fixtures/expected/tls").resolve(name + ".json");
        return JSON.readTree(p.toFile());
    }

    private static JsonNode onlyCall(CliRun r) throws IOException {
        List<JsonNode> calls = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            if (!line.isBlank()) {
                calls.add(JSON.readTree(line));
            }
        }
        assertThat(calls).hasSize(1);
        return calls.get(0);
    }

    @Test
    void tls13CallWithKeyLogBecomesACdrAndItsSipCaptureShowsPlainSip() throws Exception {
        Path pcapDir = tmp.resolve("calls");
        CliRun r = CliRun.of("analyze", "--format", "json", "--keylog", fixture("sip-tls13.keylog").toString(),
                "--pcap-dir", pcapDir.toString(), fixture("sip-tls13.pcap").toString());
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode cdr = onlyCall(r);
        assertThat(cdr.get("call_id").asText()).isEqualTo("sip-tls13-call@127.0.0.1");
        assertThat(cdr.get("transport").asText()).isEqualTo("tls");
        assertThat(cdr.get("lastSIPresponseNum").asInt()).isEqualTo(200);
        assertThat(cdr.get("answered").asBoolean()).isTrue();
        assertThat(cdr.get("whohanged").asText()).isEqualTo("caller");
        assertThat(cdr.get("caller").asText()).isEqualTo("alice");
        assertThat(cdr.get("called").asText()).isEqualTo("bob");
        JsonNode tls = cdr.get("tls");
        assertThat(tls.get("version").asText()).isEqualTo("TLS 1.3");
        assertThat(tls.get("cipher").asText()).startsWith("TLS_");
        assertThat(tls.get("decrypted").asBoolean()).isTrue();
        assertThat(tls.get("error").isNull()).isTrue();

        JsonNode expectedCall = truth("sip-tls13").get("calls").get(0);
        assertThat(cdr.get("sip_messages").asInt()).isEqualTo(expectedCall.get("sip_messages").asInt());

        Path sipPcap = pcapDir.resolve("sip-tls13-call@127.0.0.1.sip.pcap");
        assertThat(sipPcap).exists();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark is not installed");
        List<String> seen = tshark(sipPcap, "-d", "udp.port==5091,sip", "-T", "fields", "-E", "separator=|",
                "-e", "udp.srcport", "-e", "udp.dstport", "-e", "sip.CSeq", "-e", "sip.Status-Code", "-e", "sip.Call-ID");
        List<String> sequence = new ArrayList<>();
        for (String line : seen) {
            String[] f = line.split("\\|", -1);
            assertThat(f[4]).isEqualTo("sip-tls13-call@127.0.0.1");
            assertThat(f[0].equals("5091") || f[1].equals("5091")).as(line).isTrue();
            String method = f[2].replaceFirst("^\\d+ ", "");
            sequence.add(f[3].isEmpty() ? method : f[3] + " " + method);
        }
        List<String> expected = new ArrayList<>();
        expectedCall.get("sip_sequence").forEach(n -> expected.add(n.asText()));
        assertThat(sequence).isEqualTo(expected);
    }

    @Test
    void wssCallWithKeyLogBecomesAWssCdrAndItsSipCaptureHoldsTheCallsMessages() throws Exception {
        Path pcapDir = tmp.resolve("calls");
        CliRun r = CliRun.of("analyze", "--format", "json", "--keylog", fixture("sip-wss.keylog").toString(),
                "--pcap-dir", pcapDir.toString(), fixture("sip-wss.pcap").toString());
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode truth = truth("sip-wss");
        JsonNode expectedCall = truth.get("calls").get(0);
        String callId = expectedCall.get("call_id").asText();
        JsonNode cdr = onlyCall(r);
        assertThat(cdr.get("call_id").asText()).isEqualTo(callId);
        assertThat(cdr.get("transport").asText()).isEqualTo("wss");
        assertThat(cdr.get("lastSIPresponseNum").asInt()).isEqualTo(expectedCall.get("final_response").asInt()).isEqualTo(200);
        assertThat(cdr.get("answered").asBoolean()).isTrue();
        assertThat(cdr.get("caller").asText()).isEqualTo("alice");
        assertThat(cdr.get("called").asText()).isEqualTo("bob");
        assertThat(cdr.get("sip_messages").asInt()).isEqualTo(expectedCall.get("sip_messages").asInt());
        JsonNode tls = cdr.get("tls");
        assertThat(tls.get("decrypted").asBoolean()).isTrue();
        assertThat(tls.get("error").isNull()).isTrue();
        // The caller's own TLS connection, as tshark saw it.
        String caller = cdr.get("sipcallerip").asText() + ":" + cdr.get("sipcallerport").asInt();
        JsonNode callerConnection = null;
        for (JsonNode c : truth.get("connections")) {
            if (c.get("client").asText().equals(caller)) {
                callerConnection = c;
            }
        }
        assertThat(callerConnection).as("a TLS connection from %s", caller).isNotNull();
        assertThat(tls.get("version").asText()).isEqualTo(callerConnection.get("version").asText());
        assertThat(tls.get("cipher").asText()).isEqualTo(callerConnection.get("cipher_suite").get("name").asText());

        Path sipPcap = pcapDir.resolve(callId + ".sip.pcap");
        assertThat(sipPcap).exists();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark is not installed");
        int serverPort = Integer.parseInt(truth.get("server").asText().replaceFirst(".*:", ""));
        assertThat(sipMessagesAsUdp(sipPcap, serverPort)).isEqualTo(truthMessages(truth, callId));
    }

    @Test
    void rsaKeyFromTheConfigurationFile() throws Exception {
        Path config = Files.writeString(tmp.resolve("callscope.conf"),
                "ssl = yes\nssl_ipport = 127.0.0.1 : 5091 " + fixture("../../keys/server.key").toAbsolutePath().normalize() + "\n");
        CliRun r = CliRun.of("analyze", "--format", "json", "--config-file", config.toString(),
                fixture("sip-tls12-rsa.pcap").toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("warning");
        JsonNode cdr = onlyCall(r);
        assertThat(cdr.get("transport").asText()).isEqualTo("tls");
        assertThat(cdr.get("tls").get("version").asText()).isEqualTo("TLS 1.2");
        assertThat(cdr.get("tls").get("decrypted").asBoolean()).isTrue();
        assertThat(cdr.get("lastSIPresponseNum").asInt()).isEqualTo(truth("sip-tls12-rsa").get("calls").get(0).get("final_response").asInt());
    }

    @Test
    void encryptedServerKeyWithItsPasswordFile() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        Path encrypted = tmp.resolve("server-encrypted.pem");
        Process p = new ProcessBuilder("/usr/bin/openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc",
                "-in", fixture("../../keys/server.key").toString(), "-out", encrypted.toString(), "-passout", "pass:s3cret")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(encrypted)).contains("BEGIN ENCRYPTED PRIVATE KEY");
        Path password = Files.writeString(tmp.resolve("password"), "s3cret\n");
        CliRun r = CliRun.of("analyze", "--format", "json", "--ssl-key", "127.0.0.1:5091=" + encrypted,
                "--ssl-key-password-file", password.toString(), fixture("sip-tls12-rsa.pcap").toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(onlyCall(r).get("tls").get("decrypted").asBoolean()).isTrue();

        Path wrong = Files.writeString(tmp.resolve("wrong"), "guess\n");
        CliRun bad = CliRun.of("analyze", "--ssl-key", "127.0.0.1:5091=" + encrypted, "--ssl-key-password-file", wrong.toString(),
                fixture("sip-tls12-rsa.pcap").toString());
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err()).contains("server-encrypted.pem").contains("password").doesNotContain("Exception");
    }

    @Test
    void keysInsideTheCaptureWithTheKeyPort() throws Exception {
        Path config = Files.writeString(tmp.resolve("callscope.conf"), "ssl_sessionkey_udp_port = 7777\nssl_sessionkey_udp_maxwait_ms = 5000\n");
        CliRun r = CliRun.of("analyze", "--format", "json", "--summary", "--config-file", config.toString(),
                fixture("sip-tls-late-keys.pcap").toString());
        assertThat(r.status()).as(r.err()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            lines.add(JSON.readTree(line));
        }
        JsonNode summary = lines.get(lines.size() - 1);
        assertThat(summary.get("type").asText()).isEqualTo("summary");
        assertThat(summary.get("keys_from_capture").asInt()).isEqualTo(6);
        assertThat(summary.get("tls_connections").asInt()).isEqualTo(2);
        assertThat(summary.get("tls_decrypted").asInt()).isEqualTo(2);
        JsonNode cdr = lines.get(0);
        assertThat(cdr.get("transport").asText()).isEqualTo("tls");
        assertThat(cdr.get("lastSIPresponseNum").asInt()).isEqualTo(200);
    }

    @Test
    void udpKeyReceiverNeedsItsPort() throws Exception {
        Path config = Files.writeString(tmp.resolve("callscope.conf"), "ssl_sessionkey_udp = yes\n");
        CliRun r = CliRun.of("analyze", "--config-file", config.toString(), fixture("sip-tls13.pcap").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("ssl_sessionkey_udp = yes needs ssl_sessionkey_udp_port").doesNotContain("Exception");
    }

    @Test
    void udpKeyReceiverStartsAndStopsWithTheRun() throws Exception {
        int port;
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path config = Files.writeString(tmp.resolve("callscope.conf"),
                "ssl_sessionkey_udp = yes\nssl_sessionkey_udp_ip = 127.0.0.1\nssl_sessionkey_udp_port = " + port + "\n");
        CliRun r = CliRun.of("analyze", "--format", "json", "--config-file", config.toString(), fixture("sip-tls13.pcap").toString());
        assertThat(r.status()).as(r.err()).isZero();
        // The port is free again: the receiver was closed with the run.
        try (java.net.DatagramSocket again = new java.net.DatagramSocket(port, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void invalidTlsConfigurationIsAClearError() throws Exception {
        Path config = Files.writeString(tmp.resolve("callscope.conf"), "ssl_ipport = 127.0.0.1 5091\n");
        CliRun r = CliRun.of("analyze", "--config-file", config.toString(), fixture("sip-tls13.pcap").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("callscope.conf:1: invalid value for 'ssl_ipport'").doesNotContain("Exception");
    }

    /** Every SIP message of {@code callId} that tshark decrypted: "client direction first-line call-id cseq", in wire order. */
    private static List<String> truthMessages(JsonNode truth, String callId) {
        List<JsonNode> messages = new ArrayList<>();
        List<String> clients = new ArrayList<>();
        for (JsonNode c : truth.get("connections")) {
            for (JsonNode m : c.get("sip_messages")) {
                if (m.get("call_id").asText().equals(callId)) {
                    messages.add(m);
                    clients.add(c.get("client").asText());
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Long.compare(messages.get(a).get("frame").asLong(), messages.get(b).get("frame").asLong()));
        List<String> out = new ArrayList<>();
        for (int i : order) {
            JsonNode m = messages.get(i);
            out.add(String.join(" | ", clients.get(i), m.get("direction").asText(), m.get("first_line").asText(),
                    m.get("call_id").asText(), m.get("cseq").asText()));
        }
        return out;
    }

    /** The SIP messages tshark reads from the UDP packets of a per-call capture, in the truth's terms. */
    private static List<String> sipMessagesAsUdp(Path sipPcap, int serverPort) throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        for (String line : tshark(sipPcap, "-d", "udp.port==" + serverPort + ",sip", "-Y", "sip", "-T", "fields", "-E", "separator=|",
                "-e", "ip.src", "-e", "udp.srcport", "-e", "ip.dst", "-e", "udp.dstport", "-e", "sip.Request-Line",
                "-e", "sip.Status-Line", "-e", "sip.Call-ID", "-e", "sip.CSeq")) {
            String[] f = line.split("\\|", -1);
            boolean fromServer = f[1].equals(Integer.toString(serverPort));
            String client = fromServer ? f[2] + ":" + f[3] : f[0] + ":" + f[1];
            out.add(String.join(" | ", client, fromServer ? "server_to_client" : "client_to_server",
                    f[4].isEmpty() ? f[5] : f[4], f[6], f[7]));
        }
        return out;
    }

    private static List<String> tshark(Path pcap, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/tshark", "-r", pcap.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return out.lines().toList();
    }
}
