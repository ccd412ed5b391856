package org.callscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CONTRACT = List.of("call_id", "calldate", "callend", "duration", "connect_duration",
            "answered", "caller", "caller_domain", "callername", "called", "called_domain", "sipcallerip", "sipcallerport",
            "sipcalledip", "sipcalledport", "transport", "lastSIPresponseNum", "lastSIPresponse", "whohanged",
            "user_agent_caller", "user_agent_called", "sip_messages", "dtmf", "rtp");
    private static final List<String> STREAM_CONTRACT = List.of("ssrc", "saddr", "sport", "daddr", "dport", "direction",
            "payload", "codec", "packets", "lost", "duplicates", "jitter_avg_ms", "jitter_max_ms", "max_delta_ms",
            "mos_f1", "mos_f2", "mos_adapt", "srtp", "decrypted");

    @Test
    void jsonHasEveryContractFieldOnOneLinePerCall() throws Exception {
        CliRun run = CliRun.of("analyze", "--format", "json", "--sip-port", "5070", "--sip-port", "5080",
                CliRun.fixture("answered-udp.pcap").toString());
        assertThat(run.status()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode cdr = JSON.readTree(lines.get(0));
        CONTRACT.forEach(k -> assertThat(cdr.has(k)).as("field %s", k).isTrue());
        assertThat(cdr.get("caller").asText()).isEqualTo("alice");
        assertThat(cdr.get("called").asText()).isEqualTo("bob");
        assertThat(cdr.get("calldate").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(cdr.get("rtp")).hasSize(2);
        JsonNode stream = cdr.get("rtp").get(0);
        STREAM_CONTRACT.forEach(k -> assertThat(stream.has(k)).as("stream field %s", k).isTrue());
        assertThat(stream.get("ssrc").asText()).matches("0x[0-9a-f]{8}");
    }

    @Test
    void summaryLineCountsOtherMethodsAndRegistrationsAreOptIn() throws Exception {
        CliRun run = CliRun.of("analyze", "--format", "json", "--summary", "--sip-port", "5070", "--sip-port", "5080",
                CliRun.fixture("options-message.pcap").toString());
        JsonNode summary = JSON.readTree(run.out().lines().reduce((a, b) -> b).orElseThrow());
        assertThat(summary.get("type").asText()).isEqualTo("summary");
        assertThat(summary.get("sip_messages").asInt()).isEqualTo(4);
        assertThat(summary.get("other_methods").get("OPTIONS").asInt()).isEqualTo(1);
        assertThat(summary.get("other_methods").get("MESSAGE").asInt()).isEqualTo(1);
        CliRun reg = CliRun.of("analyze", "--format", "json", "--registrations", "--sip-port", "5070", "--sip-port", "5080",
                CliRun.fixture("register.pcap").toString());
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String l : reg.out().lines().toList()) {
            lines.add(JSON.readTree(l));
        }
        assertThat(lines).extracting(n -> n.get("type").asText()).containsExactly("registration", "registration");
        assertThat(lines).extracting(n -> n.get("state").asText()).containsExactlyInAnyOrder("ok", "failed");
    }

    @Test
    void severalFilesAreOneCaptureInTimeOrder(@TempDir Path dir) throws Exception {
        // The later recording is given first: records still come out in packet-time order.
        CliRun run = CliRun.of("analyze", "--format", "json", "--sip-port", "5070", "--sip-port", "5080",
                CliRun.fixture("bye-by-callee.pcap").toString(), CliRun.fixture("answered-udp.pcap").toString());
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines.get(0));
        JsonNode second = JSON.readTree(lines.get(1));
        assertThat(first.get("whohanged").asText()).isEqualTo("caller");
        assertThat(second.get("whohanged").asText()).isEqualTo("callee");
        assertThat(first.get("calldate").asText()).isLessThan(second.get("calldate").asText());
    }

    @Test
    void configFileSetsSipPortsAndFlagsWin(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("voipmonitor.conf");
        Files.writeString(conf, "[general]\nsipport = 5070,5080\nunknownkey = 1\n");
        CliRun run = CliRun.of("analyze", "--format", "json", "--no-sip-heuristic", "--config-file", conf.toString(),
                CliRun.fixture("answered-udp.pcap").toString());
        assertThat(run.out().lines()).hasSize(1);
        assertThat(run.err()).contains(conf + ":3: unknown key 'unknownkey'");
        CliRun flagWins = CliRun.of("analyze", "--format", "json", "--no-sip-heuristic", "--config-file", conf.toString(),
                "--sip-port", "5999", CliRun.fixture("answered-udp.pcap").toString());
        assertThat(flagWins.out()).isEmpty();
    }

    @Test
    void invalidConfigValueExitsWithOneAndSaysWhere(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "sipport = abc\n");
        CliRun run = CliRun.of("analyze", "--config-file", conf.toString(), CliRun.fixture("answered-udp.pcap").toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains(conf + ":1: invalid value for 'sipport'").doesNotContain("Exception");
    }

    @Test
    void damagedCaptureIsAnalysedUpToTheDamageAndExitsWithThree(@TempDir Path dir) throws Exception {
        byte[] whole = Files.readAllBytes(CliRun.fixture("cancelled.pcap"));
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 10));
        CliRun run = CliRun.of("analyze", "--format", "json", "--sip-port", "5070", "--sip-port", "5080", cut.toString());
        assertThat(run.status()).isEqualTo(CaptureRun.EXIT_DAMAGED_INPUT);
        assertThat(run.err()).contains(cut.toString()).contains("damaged at byte");
        assertThat(run.out().lines()).hasSize(1);
    }

    @Test
    void unreadableFileIsReportedWithoutStackTrace(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.pcap");
        Files.writeString(junk, "this is not a capture");
        CliRun run = CliRun.of("analyze", junk.toString());
        assertThat(run.status()).isEqualTo(CaptureRun.EXIT_UNREADABLE);
        assertThat(run.err()).contains(junk.toString()).doesNotContain("\tat ");
    }

    @Test
    void missingFileSaysSo(@TempDir Path dir) {
        Path missing = dir.resolve("nothing-here.pcap");
        CliRun run = CliRun.of("analyze", missing.toString());
        assertThat(run.status()).isEqualTo(CaptureRun.EXIT_UNREADABLE);
        assertThat(run.err()).contains("cannot read " + missing + ": no such file");
    }

    @Test
    void csvAndTableFormatsListTheCall() {
        String capture = CliRun.fixture("bye-by-callee.pcap").toString();
        CliRun csv = CliRun.of("analyze", "--format", "csv", "--sip-port", "5070", "--sip-port", "5080", capture);
        List<String> rows = csv.out().lines().toList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).startsWith("call_id,calldate,");
        assertThat(rows.get(1)).contains(",alice,").contains(",callee,");
        CliRun table = CliRun.of("analyze", "--sip-port", "5070", "--sip-port", "5080", capture);
        assertThat(table.out()).contains("alice").contains("callee").contains("PCMA");
    }

    @Test
    void pcapDirGetsOneSipAndOneRtpCapturePerCallThatTsharkOpens(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("analyze", "--format", "json", "--sip-port", "5070", "--sip-port", "5080",
                "--pcap-dir", dir.toString(), CliRun.fixture("answered-udp.pcap").toString());
        JsonNode cdr = JSON.readTree(run.out().lines().findFirst().orElseThrow());
        String id = cdr.get("call_id").asText();
        Path sip = dir.resolve(id + ".sip.pcap");
        Path rtp = dir.resolve(id + ".rtp.pcap");
        assertThat(sip).exists();
        assertThat(rtp).exists();
        Path tshark = Path.of("/usr/bin/tshark");
        if (Files.isExecutable(tshark)) {
            assertThat(tsharkCount(sip, "-d", "udp.port==5080,sip", "-Y", "sip")).isEqualTo(cdr.get("sip_messages").asInt());
            long rtpPackets = 0;
            for (JsonNode s : cdr.get("rtp")) {
                rtpPackets += s.get("packets").asLong();
            }
            assertThat(tsharkCount(rtp)).isEqualTo(rtpPackets);
        }
    }

    @Test
    void perCallSipCaptureOverTcpHoldsExactlyTheFramesThatCarriedSip(@TempDir Path dir) throws Exception {
        Path capture = CliRun.fixture("answered-tcp.pcap");
        CliRun run = CliRun.of("analyze", "--format", "json", "--sip-port", "5070", "--sip-port", "5080",
                "--pcap-dir", dir.toString(), capture.toString());
        String id = JSON.readTree(run.out().lines().findFirst().orElseThrow()).get("call_id").asText();
        Path sip = dir.resolve(id + ".sip.pcap");
        if (Files.isExecutable(Path.of("/usr/bin/tshark"))) {
            long carrying = tsharkCount(capture, "-Y", "tcp.len > 0 && (tcp.port == 5070 || tcp.port == 5080)");
            assertThat(tsharkCount(sip)).isEqualTo(carrying);
            assertThat(tsharkCount(sip, "-Y", "tcp.len == 0")).isZero();
        } else {
            assertThat(sip).exists();
        }
    }

    private static long tsharkCount(Path file, String... filter) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/tshark", "-r", file.toString()));
        cmd.addAll(List.of(filter));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long lines = new String(p.getInputStream().readAllBytes()).lines().count();
        p.waitFor(60, TimeUnit.SECONDS);
        return lines;
    }
}
