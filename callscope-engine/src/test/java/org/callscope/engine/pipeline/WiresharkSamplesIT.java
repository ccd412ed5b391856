package org.callscope.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.callscope.engine.cdr.Cdr;
import org.callscope.engine.cdr.RtpStreamReport;
import org.callscope.engine.testsupport.SharedTestData;
import org.callscope.engine.testsupport.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The analyzer on the Wireshark wiki's SIP/RTP samples: calls as the folder's README describes
 * them, and every RTP stream equal to what {@code tshark -z rtp,streams} reports.
 */
class WiresharkSamplesIT {
    private static final String DIR = "wireshark-wiki-samples/";

    static Stream<String> samples() {
        return Stream.of("SIP_CALL_RTP_G711.pcap", "sip-rtp-g711.pcap", "SIP_DTMF2.pcap");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyRtpStreamMatchesTshark(String name) throws Exception {
        Path file = SharedTestData.file(DIR + name);
        // With its RTP heuristic on, tshark lists streams no signalling announced too, as we do.
        List<Tshark.RtpStream> expected = Tshark.rtpStreams(file, "-o", "rtp.heuristic_rtp:TRUE");
        assertThat(expected).isNotEmpty();
        List<RtpStreamReport> ours = AnalyzerRun.of(file).allStreams();
        for (Tshark.RtpStream t : expected) {
            RtpStreamReport s = ours.stream()
                    .filter(o -> o.ssrc() == t.ssrc() && o.saddr().equals(t.srcIp()) && o.sport() == t.srcPort()
                            && o.daddr().equals(t.dstIp()) && o.dport() == t.dstPort())
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("stream missing: " + t + " ours: " + ours));
            assertThat(s.packets()).as("packets of %s", t).isEqualTo(t.packets());
            assertThat(s.lost()).as("lost of %s", t).isEqualTo(t.lost());
            assertThat(s.maxDeltaMs()).as("max delta of %s", t).isCloseTo(t.maxDeltaMs(), within(0.01));
            assertThat(s.jitterAvgMs()).as("mean jitter of %s", t).isCloseTo(t.meanJitterMs(), within(0.01));
            assertThat(s.jitterMaxMs()).as("max jitter of %s", t).isCloseTo(t.maxJitterMs(), within(0.01));
        }
        long reportedWithPackets = ours.stream().filter(o -> o.packets() > 0).count();
        assertThat(reportedWithPackets).as("no streams beyond tshark's").isEqualTo(expected.size());
    }

    @Test
    void sipRtpG711HasTwoCallsWithPcmuAndPcma() throws Exception {
        AnalyzerRun run = AnalyzerRun.of(SharedTestData.file(DIR + "sip-rtp-g711.pcap"));
        assertThat(run.calls).hasSize(2);
        Cdr first = run.call("1-1966@10.0.2.20");
        assertThat(first.answered()).isTrue();
        assertThat(first.lastSipResponseNum()).isEqualTo(200);
        assertThat(first.whohanged()).isNotNull();
        assertThat(first.rtp()).singleElement().satisfies(s -> {
            assertThat(s.codec()).isEqualTo("PCMU");
            assertThat(s.packets()).isEqualTo(425);
            assertThat(s.lost()).isZero();
            assertThat(s.direction()).isEqualTo("b");
            assertThat(s.ssrcHex()).isEqualTo("0x343da99b");
        });
        Cdr second = run.call("1-1968@10.0.2.20");
        assertThat(second.answered()).isTrue();
        assertThat(second.whohanged()).isNull();
        assertThat(second.rtp()).singleElement().satisfies(s -> {
            assertThat(s.codec()).isEqualTo("PCMA");
            assertThat(s.packets()).isEqualTo(414);
        });
    }

    @Test
    void sipDtmf2YieldsItsDigitsAndTheDeclinedCall() throws Exception {
        AnalyzerRun run = AnalyzerRun.of(SharedTestData.file(DIR + "SIP_DTMF2.pcap"));
        assertThat(run.calls).anySatisfy(c -> assertThat(c.lastSipResponseNum()).isEqualTo(603));
        Cdr connected = run.calls.stream().filter(Cdr::answered).findFirst().orElseThrow();
        assertThat(connected.dtmf()).isEqualTo("6789123");
        assertThat(connected.rtp()).extracting(RtpStreamReport::packets).containsExactlyInAnyOrder(666L, 665L);
        assertThat(run.registrations).isNotEmpty();
    }

    @Test
    void noisyCaptureHasTheAnsweredAndTheUnansweredCall() throws Exception {
        AnalyzerRun run = AnalyzerRun.of(SharedTestData.file(DIR + "SIP_CALL_RTP_G711.pcap"));
        Cdr first = run.call("12013223@200.57.7.195");
        assertThat(first.answered()).isTrue();
        assertThat(first.lastSipResponseNum()).isEqualTo(200);
        assertThat(first.called()).isEqualTo("francisco");
        assertThat(first.whohanged()).isNull();
        assertThat(first.endReason()).isEqualTo("end_of_input");
        assertThat(first.rtp()).extracting(RtpStreamReport::packets).containsExactlyInAnyOrder(548L, 891L);
        Cdr second = run.call("12015624@200.57.7.195");
        assertThat(second.answered()).isFalse();
        assertThat(second.callername()).isEqualTo("Ivan Alizade");
        assertThat(second.lastSipResponseNum()).isEqualTo(180);
        // The MGCP-set-up stream and the two legs towards 200.57.7.199 have no SIP SDP.
        assertThat(run.unassociated).extracting(RtpStreamReport::ssrc)
                .containsExactlyInAnyOrder(0x2E3DL, 0x58F33DEAL, 0xD2BD4E3EL);
        assertThat(run.unassociated).allSatisfy(s -> assertThat(s.direction()).isNull());
        assertThat(run.registrations).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void callEndIsLastPacketAndDurationsAreConsistent() throws Exception {
        AnalyzerRun run = AnalyzerRun.of(SharedTestData.file(DIR + "sip-rtp-g711.pcap"));
        for (Cdr c : run.calls) {
            assertThat(c.callend()).isAfterOrEqualTo(c.calldate());
            assertThat(c.connectDurationSeconds()).isLessThanOrEqualTo(c.durationSeconds());
        }
    }
}
