package org.callscope.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.callscope.engine.cdr.Cdr;
import org.callscope.engine.cdr.RegistrationRecord;
import org.callscope.engine.cdr.RtpStreamReport;
import org.callscope.engine.config.AnalyzerSettings;
import org.callscope.engine.testsupport.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Captures recorded from real sipp endpoints (fixtures/make-fixtures.sh) against the facts the
 * script derived from the scenarios and from tshark: calls, outcomes, hang-up side, SIP message
 * counts, RTP streams with loss, registrations and other methods.
 */
class FixturesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> expectations() throws IOException {
        try (Stream<Path> files = Files.list(Fixtures.root().resolve("expected"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void analyzerAgreesWithTheRecordedTruth(Path expectedFile) throws Exception {
        JsonNode expected = JSON.readTree(expectedFile.toFile());
        AnalyzerSettings settings = new AnalyzerSettings();
        List<Integer> ports = new ArrayList<>();
        expected.get("sip_ports").forEach(p -> ports.add(p.asInt()));
        settings.setSipPorts(ports);
        AnalyzerRun run = AnalyzerRun.of(settings, Fixtures.capture(expected.get("capture").asText()));

        assertThat(run.sip).as("SIP messages").hasSize(expected.get("sip_messages_total").asInt());
        assertThat(run.calls).as("calls").hasSize(expected.get("calls").size());
        for (JsonNode c : expected.get("calls")) {
            Cdr cdr = run.call(c.get("call_id").asText());
            assertThat(cdr.transport()).isEqualTo(c.get("transport").asText());
            assertThat(cdr.caller()).isEqualTo(c.get("caller").asText());
            assertThat(cdr.called()).isEqualTo(c.get("called").asText());
            assertThat(cdr.sipcallerip() + ":" + cdr.sipcallerport()).isEqualTo(c.get("caller_sip").asText());
            assertThat(cdr.sipcalledip() + ":" + cdr.sipcalledport()).isEqualTo(c.get("called_sip").asText());
            assertThat(cdr.lastSipResponseNum()).isEqualTo(c.get("lastSIPresponseNum").asInt());
            assertThat(cdr.answered()).isEqualTo(c.get("answered").asBoolean());
            assertThat(cdr.whohanged()).isEqualTo(c.get("whohanged").isNull() ? null : c.get("whohanged").asText());
            assertThat(cdr.sipMessages()).isEqualTo(c.get("sip_messages").asInt());
            assertThat(cdr.retransmissions()).isEqualTo(c.get("retransmissions").asInt());
            assertThat(cdr.rtp()).hasSize(c.get("rtp").size());
            for (JsonNode s : c.get("rtp")) {
                long ssrc = Long.parseLong(s.get("ssrc").asText().substring(2), 16);
                RtpStreamReport r = cdr.rtp().stream().filter(x -> x.ssrc() == ssrc).findFirst().orElseThrow();
                assertThat(r.saddr() + ":" + r.sport()).isEqualTo(s.get("saddr").asText() + ":" + s.get("sport").asInt());
                assertThat(r.daddr() + ":" + r.dport()).isEqualTo(s.get("daddr").asText() + ":" + s.get("dport").asInt());
                assertThat(r.direction()).isEqualTo(s.get("direction").asText().startsWith("caller") ? "a" : "b");
                assertThat(r.packets()).isEqualTo(s.get("packets").asLong());
                assertThat(r.lost()).isEqualTo(s.get("lost").asLong());
                assertThat(r.codec()).isEqualTo(s.get("codec").asText());
                assertThat(r.payload()).isEqualTo(s.get("payload_type").asInt());
                if (r.lost() > 0) {
                    assertThat(r.mosF1()).as("loss lowers MOS").isLessThan(4.2);
                } else {
                    assertThat(r.mosF1()).isGreaterThan(4.0);
                }
            }
        }
        assertThat(run.registrations).hasSize(expected.get("registrations").size());
        for (JsonNode reg : expected.get("registrations")) {
            RegistrationRecord r = run.registrations.stream()
                    .filter(x -> x.callId().equals(reg.get("call_id").asText())).findFirst().orElseThrow();
            assertThat(r.user()).isEqualTo(reg.get("user").asText());
            assertThat(r.responseCode()).isEqualTo(reg.get("result").asInt());
            assertThat(r.state()).isEqualTo(reg.get("result").asInt() < 300 ? "ok" : "failed");
            assertThat(r.attempts()).isEqualTo(reg.get("requests").asInt());
            assertThat(r.expires()).isEqualTo(reg.get("expires").isNull() ? -1 : reg.get("expires").asInt());
        }
        Map<String, Long> otherExpected = new TreeMap<>();
        expected.get("other_methods").properties().forEach(e -> otherExpected.put(e.getKey(), e.getValue().asLong()));
        assertThat(run.otherMethods).isEqualTo(otherExpected);
    }
}
