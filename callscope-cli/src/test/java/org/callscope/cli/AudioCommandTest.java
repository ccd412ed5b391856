package org.callscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.callscope.engine.media.PayloadFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code callscope audio} and {@code --srtp-key}: files written, what is printed, bad input refused. */
class AudioCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARSEILLAISE_KEY = "10.1.1.1:10000=AES_CM_128_HMAC_SHA1_80:inline:aSBrbm93IGFsbCB5b3VyIGxpdHRsZSBzZWNyZXRz";

    @TempDir
    Path tmp;

    private static Path shared(String relative) {
        Path p = Path.of(System.getProperty("callscope.shared", "../../shared")).resolve("testdata/third_party").resolve(relative);
        assumeTrue(Files.isRegularFile(p), p + " is absent: third-party captures not available, test skipped");
        return p;
    }

    @Test
    void writesOneWavPerCallNamedByCallId() throws Exception {
        Path out = tmp.resolve("wav");
        CliRun r = CliRun.of("audio", "-o", out.toString(), CliRun.fixture("srtp/sdes-pcmu.pcap").toString());

        assertThat(r.status()).as(r.err()).isZero();
        JsonNode line = JSON.readTree(r.out().strip());
        Path wav = Path.of(line.get("file").asText());
        assertThat(wav.getParent()).isEqualTo(out);
        assertThat(wav.getFileName().toString()).isEqualTo(line.get("call_id").asText() + ".wav");
        assertThat(Files.size(wav)).as("16-bit stereo").isEqualTo(44 + 4 * line.get("frames").asLong());
        assertThat(line.get("frames").asLong()).isCloseTo(Math.round(line.get("seconds").asDouble() * 8000), within(8L));
        assertThat(line.get("sample_rate").asInt()).isEqualTo(8000);
        assertThat(line.get("packets_decoded").asLong()).isEqualTo(512);
        assertThat(line.get("unsupported")).isEmpty();
    }

    @Test
    void callIdSelectsCalls() {
        CliRun r = CliRun.of("audio", "-o", tmp.toString(), "--call-id", "no-such-call",
                CliRun.fixture("srtp/sdes-pcmu.pcap").toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).isBlank();
    }

    @Test
    void srtpKeyDecryptsACaptureWithoutSignalling() throws Exception {
        Path pcap = shared("srtp-decrypt-gteissier/marseillaise-srtp.pcap");
        CliRun r = CliRun.of("audio", "-o", tmp.toString(), "--srtp-key", MARSEILLAISE_KEY, pcap.toString());

        assertThat(r.status()).as(r.err()).isZero();
        JsonNode line = JSON.readTree(r.out().strip());
        assertThat(line.get("call_id").isNull()).isTrue();
        assertThat(line.get("file").asText()).endsWith("10.1.1.1_10000-10.2.2.2_10000.wav");
        assertThat(line.get("packets_decoded").asLong()).isEqualTo(11888);

        CliRun a = CliRun.of("analyze", "--format", "json", "--unassociated", "--srtp-key", MARSEILLAISE_KEY, pcap.toString());
        JsonNode stream = JSON.readTree(a.out().strip());
        assertThat(stream.get("srtp").asBoolean()).isTrue();
        assertThat(stream.get("decrypted").asBoolean()).isTrue();
        assertThat(stream.get("srtp_detail").get("decrypted_packets").asLong()).isEqualTo(11888);
        assertThat(stream.get("srtp_detail").get("key_source").asText()).isEqualTo("option");
    }

    @Test
    void theSummaryCountsDtlsSrtpHandshakes() throws Exception {
        Path pcap = CliRun.fixture("srtp/dtls-srtp-opus.pcap");
        CliRun r = CliRun.of("analyze", "--format", "json", "--summary", "--sip-port", "5076", "--sip-port", "5086",
                pcap.toString());
        String[] lines = r.out().strip().split("\n");
        JsonNode summary = JSON.readTree(lines[lines.length - 1]);
        // RTP and RTCP each have their handshake; without the key log neither yields keys.
        assertThat(summary.get("dtls_srtp").get("handshakes").asLong()).isEqualTo(2);
        assertThat(summary.get("dtls_srtp").get("keys").asLong()).isZero();
        assertThat(summary.get("dtls_srtp").get("failures").get("no key").asLong()).isEqualTo(2);

        CliRun keyed = CliRun.of("analyze", "--format", "json", "--summary", "--sip-port", "5076", "--sip-port", "5086",
                "--keylog", pcap.resolveSibling("dtls-srtp-opus.keylog").toString(), pcap.toString());
        String[] keyedLines = keyed.out().strip().split("\n");
        assertThat(JSON.readTree(keyedLines[keyedLines.length - 1]).get("dtls_srtp").get("keys").asLong()).isEqualTo(2);
        JsonNode call = JSON.readTree(keyedLines[0]);
        for (JsonNode stream : call.get("rtp")) {
            assertThat(stream.get("decrypted").asBoolean()).isTrue();
            assertThat(stream.get("srtp_detail").get("key_source").asText()).isEqualTo("dtls");
        }
    }

    @Test
    void theTableSaysWhetherSrtpWasDecrypted() {
        CliRun keyed = CliRun.of("analyze", CliRun.fixture("srtp/sdes-pcmu.pcap").toString());
        assertThat(keyed.out()).contains("SRTP decrypted (sdes)");
        CliRun keyless = CliRun.of("analyze", CliRun.fixture("srtp/dtls-srtp-opus.pcap").toString());
        assertThat(keyless.out()).contains("SRTP not decrypted: DTLS-SRTP: no key");
        CliRun plain = CliRun.of("analyze", CliRun.fixture("srtp/plain-pcmu.pcap").toString());
        assertThat(plain.out()).doesNotContain("SRTP");
    }

    @Test
    void aBadSrtpKeyIsRefusedWithoutRepeatingIt() {
        String key = "aSBrbm93IGFsbCB5b3VyIGxpdHRsZQ==";
        CliRun r = CliRun.of("audio", "-o", tmp.toString(), "--srtp-key",
                "10.1.1.1:10000=AES_CM_128_HMAC_SHA1_80:inline:" + key, CliRun.fixture("srtp/sdes-pcmu.pcap").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("--srtp-key 10.1.1.1:10000").doesNotContain(key).doesNotContain("Exception");

        CliRun suite = CliRun.of("analyze", "--srtp-key", "10.1.1.1:10000=F8_128_HMAC_SHA1_80:inline:" + key,
                CliRun.fixture("srtp/sdes-pcmu.pcap").toString());
        assertThat(suite.status()).isEqualTo(1);
        assertThat(suite.err()).contains("F8_128_HMAC_SHA1_80").doesNotContain(key);

        CliRun noPort = CliRun.of("analyze", "--srtp-key", "10.1.1.1=AES_CM_128_HMAC_SHA1_80:inline:" + key,
                CliRun.fixture("srtp/sdes-pcmu.pcap").toString());
        assertThat(noPort.status()).isEqualTo(1);
        assertThat(noPort.err()).doesNotContain(key);
    }

    @Test
    void rtpmapOptionsAreRead() {
        assertThat(AudioCommand.parseRtpmap("111=opus/48000/2")).isEqualTo(new PayloadFormat(111, "opus", 48_000, 2));
        assertThat(AudioCommand.parseRtpmap("96=L16/16000")).isEqualTo(new PayloadFormat(96, "L16", 16_000, 0));
        assertThatThrownBy(() -> AudioCommand.parseRtpmap("opus/48000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AudioCommand.parseRtpmap("200=opus/48000")).isInstanceOf(IllegalArgumentException.class);
        CliRun r = CliRun.of("audio", "-o", tmp.toString(), "--rtpmap", "x=opus", CliRun.fixture("srtp/sdes-pcmu.pcap").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("--rtpmap x=opus");
    }
}
