package org.callscope.engine.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.callscope.engine.call.CallRecorder;
import org.callscope.engine.capture.CaptureFiles;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.capture.PacketSource;
import org.callscope.engine.config.AnalyzerSettings;
import org.callscope.engine.pipeline.Analyzer;
import org.callscope.engine.pipeline.TlsKeyLoader;
import org.callscope.engine.srtp.SdesKeys;
import org.callscope.engine.testsupport.Fixtures;
import org.callscope.engine.testsupport.SharedTestData;
import org.callscope.engine.testsupport.ToneAnalysis;
import org.callscope.engine.testsupport.WavFile;
import org.callscope.engine.tls.keys.IpPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Audio export end to end: captures through the analyzer (decrypting SRTP with the keys their
 * signalling, key log or operator gives) into one stereo WAV per call, checked by what the audio
 * sounds like: the tones two baresip agents played, the music of an SRTP sample, Opus speech.
 */
class AudioExportIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain-pcmu", "sdes-pcmu", "sdes-tls-pcmu", "dtls-srtp-opus"})
    void eachCallHasTheCallersToneLeftAndTheCalleesRight(String name) throws Exception {
        JsonNode truth = JSON.readTree(Fixtures.expected("srtp/" + name + ".json").toFile());
        AnalyzerSettings settings = new AnalyzerSettings();
        List<Integer> ports = new ArrayList<>();
        truth.get("sip_ports").forEach(p -> ports.add(p.asInt()));
        settings.setSipPorts(ports);
        if (truth.path("decryption").has("keylog")) {
            settings.tls().addKeyLogFile(Fixtures.root().resolve(truth.get("decryption").get("keylog").asText()));
        }

        List<AudioExport.Written> written = export(settings, Fixtures.capture(truth.get("capture").asText()));

        assertThat(written).hasSize(1);
        AudioExport.Written w = written.getFirst();
        assertThat(w.callId()).isEqualTo(truth.get("calls").get(0).get("call_id").asText());
        assertThat(w.report().unsupportedCodecs()).isEmpty();
        int rate = w.report().sampleRate();
        assertThat(rate).isEqualTo(name.contains("opus") ? 48_000 : 8_000);
        double callerHz = truth.get("tones").get("caller_to_callee").get("sent_by_sender").get("hz").asDouble();
        double calleeHz = truth.get("tones").get("callee_to_caller").get("sent_by_sender").get("hz").asDouble();
        short[] left = WavFile.readChannel(w.file(), 0);
        short[] right = WavFile.readChannel(w.file(), 1);
        assertTone(left, rate, callerHz);
        assertTone(right, rate, calleeHz);
        // About five seconds of media each way, and nothing in the file beyond the packets.
        assertThat(w.report().seconds()).isBetween(4.5, 7.0);
    }

    /** Over the loud part of the channel: the tone dominates and the signal is close to a pure sine. */
    private static void assertTone(short[] channel, int rate, double hz) {
        int window = rate; // one second from the middle of the audible stretch
        int first = 0;
        while (first < channel.length && Math.abs(channel[first]) < 300) {
            first++;
        }
        int last = channel.length - 1;
        while (last > first && Math.abs(channel[last]) < 300) {
            last--;
        }
        assertThat(last - first).as("audible samples").isGreaterThan(2 * window);
        int from = (first + last) / 2 - window / 2;
        assertThat(ToneAnalysis.dominantFrequency(channel, from, window, rate)).isCloseTo(hz, within(3.0));
        assertThat(ToneAnalysis.snrDb(channel, from, window, rate, hz)).isGreaterThan(20);
    }

    @Test
    void theMarseillaiseIsMusicNotNoise() throws Exception {
        Path pcap = SharedTestData.file("srtp-decrypt-gteissier/marseillaise-srtp.pcap");
        AnalyzerSettings settings = new AnalyzerSettings();
        settings.addSrtpKey(new IpPort("10.1.1.1", 10000), SdesKeys.parse("AES_CM_128_HMAC_SHA1_80",
                List.of("inline:aSBrbm93IGFsbCB5b3VyIGxpdHRsZSBzZWNyZXRz"), List.of()));

        List<AudioExport.Written> written = export(settings, pcap);

        assertThat(written).hasSize(1);
        AudioExport.Written w = written.getFirst();
        assertThat(w.callId()).isNull();
        assertThat(w.report().packetsDecoded()).isEqualTo(11888);
        assertThat(w.report().seconds()).isCloseTo(237.8, within(0.5));
        short[] left = WavFile.readChannel(w.file(), 0);
        assertThat(ToneAnalysis.rms(left)).isGreaterThan(500);
        assertThat(ToneAnalysis.rms(WavFile.readChannel(w.file(), 1))).as("no reverse stream").isZero();
        // Every ten seconds, a spectrum far from flat: decrypted A-law music, not decrypted garbage.
        for (int t = 10; t < 230; t += 10) {
            assertThat(ToneAnalysis.spectralFlatness(left, t * 8000, 4096)).as("flatness at %d s", t).isLessThan(0.2);
        }
    }

    @Test
    void theMarseillaiseWithAWrongKeyGivesSilenceNotNoise() throws Exception {
        Path pcap = SharedTestData.file("srtp-decrypt-gteissier/marseillaise-srtp.pcap");
        AnalyzerSettings settings = new AnalyzerSettings();
        settings.addSrtpKey(new IpPort("10.1.1.1", 10000), SdesKeys.parse("AES_CM_128_HMAC_SHA1_80",
                List.of("inline:bSBrbm93IGFsbCB5b3VyIGxpdHRsZSBzZWNyZXRz"), List.of()));

        assertThat(export(settings, pcap)).as("nothing authenticated, nothing to write").isEmpty();
    }

    @Test
    void webrtcOpusDecodesBothWays() throws Exception {
        Path pcap = SharedTestData.file("lekensteyn-wireshark-notes/webrtc-freeswitch.pcapng");
        AnalyzerSettings settings = new AnalyzerSettings();
        settings.tls().addKeyLogFile(pcap.resolveSibling("webrtc-freeswitch.keylog.txt"));

        // Verto signalling is JSON, not SDP the analyzer reads: say what payload type 111 is.
        List<AudioExport.Written> written = export(settings, pcap,
                new org.callscope.engine.media.PayloadFormat(111, "opus", 48_000, 2));

        assertThat(written).hasSize(1);
        AudioExport.Written w = written.getFirst();
        assertThat(w.report().unsupportedCodecs()).isEmpty();
        assertThat(w.report().packetsDecoded()).isEqualTo(224 + 178);
        assertThat(w.report().sampleRate()).isEqualTo(48_000);
        // Left: Chromium (10.9.1.2 sorts first), right: FreeSWITCH's announcement audio.
        short[] right = WavFile.readChannel(w.file(), 1);
        // Chromium sent Opus silence frames (fcfffe, its README says); FreeSWITCH sent sound.
        assertThat(ToneAnalysis.rms(WavFile.readChannel(w.file(), 0))).isLessThan(10);
        assertThat(ToneAnalysis.rms(right)).isGreaterThan(200);
    }

    @Test
    void withoutSdpADynamicPayloadTypeIsReportedNotGuessed() throws Exception {
        Path pcap = SharedTestData.file("lekensteyn-wireshark-notes/webrtc-freeswitch.pcapng");
        AnalyzerSettings settings = new AnalyzerSettings();
        settings.tls().addKeyLogFile(pcap.resolveSibling("webrtc-freeswitch.keylog.txt"));

        AudioExport.Written w = export(settings, pcap).getFirst();

        assertThat(w.report().packetsDecoded()).isZero();
        assertThat(w.report().unsupportedCodecs()).isNotEmpty();
        assertThat(w.report().unsupportedCodecs().getFirst()).contains("111");
    }

    private List<AudioExport.Written> export(AnalyzerSettings settings, Path capture,
                                             org.callscope.engine.media.PayloadFormat... assumed) throws IOException {
        List<AudioExport.Written> written = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        AudioExport export = new AudioExport(out, Set.of(), true, written::add, problems::add);
        for (org.callscope.engine.media.PayloadFormat f : assumed) {
            export.assume(f);
        }
        Analyzer analyzer;
        try {
            analyzer = new Analyzer(settings, export, id -> CallRecorder.NONE, List.of(),
                    TlsKeyLoader.load(settings.tls(), x -> { }), (c, r) -> { });
        } catch (org.callscope.engine.config.ConfigException e) {
            throw new IllegalStateException(e);
        }
        analyzer.setPayloadListener(export);
        try (PacketSource source = CaptureFiles.open(capture)) {
            CapturedPacket frame = new CapturedPacket();
            while (source.next(frame)) {
                analyzer.onFrame(frame);
            }
        }
        analyzer.finish();
        export.finish();
        assertThat(problems).isEmpty();
        return written;
    }
}
