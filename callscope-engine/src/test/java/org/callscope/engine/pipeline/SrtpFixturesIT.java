package org.callscope.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.callscope.engine.call.CallRecorder;
import org.callscope.engine.cdr.Cdr;
import org.callscope.engine.cdr.RtpStreamReport;
import org.callscope.engine.config.AnalyzerSettings;
import org.callscope.engine.testsupport.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Calls between two real baresip user agents (fixtures/make-srtp-fixtures.sh): plain RTP, SDES-SRTP
 * over UDP, SDES-SRTP whose SDP travels inside SIP over TLS, and DTLS-SRTP. Every stream must be
 * found, decrypted with the key its signalling (or handshake) gave, and measured exactly as tshark
 * measures its clear headers; the recorded truths come from tshark and an independent SRTP check.
 */
class SrtpFixturesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain-pcmu", "sdes-pcmu", "sdes-tls-pcmu", "dtls-srtp-opus"})
    void everyStreamDecryptsAndMeasuresAsTsharkDoes(String name) throws Exception {
        JsonNode truth = JSON.readTree(Fixtures.expected("srtp/" + name + ".json").toFile());
        AnalyzerSettings settings = new AnalyzerSettings();
        List<Integer> ports = new ArrayList<>();
        truth.get("sip_ports").forEach(p -> ports.add(p.asInt()));
        settings.setSipPorts(ports);
        for (int p : ports) {
            if (truth.get("sip_transport").asText().equals("tls")) {
                settings.tls().addTlsPort(p);
            }
        }
        if (truth.path("decryption").has("keylog")) {
            settings.tls().addKeyLogFile(Fixtures.root().resolve(truth.get("decryption").get("keylog").asText()));
        }
        SrtpSharedCapturesIT.PayloadHashes payloads = new SrtpSharedCapturesIT.PayloadHashes();

        AnalyzerRun run = AnalyzerRun.of(settings, id -> CallRecorder.NONE,
                Fixtures.capture(truth.get("capture").asText()), payloads::add);

        assertThat(run.calls).hasSize(1);
        JsonNode expected = truth.get("calls").get(0);
        Cdr cdr = run.call(expected.get("call_id").asText());
        assertThat(cdr.transport()).isEqualTo(expected.get("transport").asText());
        assertThat(cdr.sipMessages()).isEqualTo(expected.get("sip_messages").asInt());
        assertThat(cdr.rtp()).hasSize(expected.get("rtp").size());
        boolean encrypted = !name.startsWith("plain");
        for (JsonNode s : expected.get("rtp")) {
            long ssrc = Long.parseLong(s.get("ssrc").asText().substring(2), 16);
            RtpStreamReport r = cdr.rtp().stream().filter(x -> x.ssrc() == ssrc).findFirst().orElseThrow();
            String what = name + " " + s.get("direction").asText();
            assertThat(r.direction()).as(what).isEqualTo(s.get("direction").asText().startsWith("caller") ? "a" : "b");
            assertThat(r.packets()).as(what).isEqualTo(s.get("packets").asLong());
            assertThat(r.lost()).as(what).isEqualTo(s.get("lost").asLong());
            assertThat(r.jitterMaxMs()).as(what).isCloseTo(s.get("max_jitter_ms").asDouble(), within(0.01));
            assertThat(r.jitterAvgMs()).as(what).isCloseTo(s.get("mean_jitter_ms").asDouble(), within(0.01));
            assertThat(r.maxDeltaMs()).as(what).isCloseTo(s.get("max_delta_ms").asDouble(), within(0.01));
            assertThat(r.codec()).as(what).isEqualToIgnoringCase(s.get("codec").asText());
            assertThat(r.srtp()).as(what).isEqualTo(encrypted);
            if (encrypted) {
                assertThat(r.decryptError()).as(what).isNull();
                assertThat(r.decrypted()).as(what).isTrue();
                assertThat(r.srtpDetail().keySource()).as(what).isEqualTo(name.startsWith("dtls") ? "dtls" : "sdes");
                assertThat(r.srtpDetail().suite()).as(what).isEqualTo("AES_CM_128_HMAC_SHA1_80");
                JsonNode verified = truth.get("srtp_verification").get(s.get("direction").asText());
                assertThat(r.srtpDetail().decrypted()).as(what).isEqualTo(verified.get("authenticated").asLong());
                assertThat(r.srtpDetail().authFailures()).as(what).isZero();
                assertThat(r.srtpDetail().withoutKey()).as(what).isZero();
            }
            assertThat(payloads.packets(ssrc)).as(what + ": readable payloads").isEqualTo(r.packets());
        }
    }

    static Path capture(String name) {
        return Fixtures.capture("srtp/" + name + ".pcap");
    }
}
