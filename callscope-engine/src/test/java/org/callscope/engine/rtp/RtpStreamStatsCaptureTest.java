package org.callscope.engine.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.callscope.engine.testsupport.SharedTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replays the Wireshark wiki sample captures through {@link RtpStreamStats} and compares with the
 * numbers the testdata README records and with what the installed tshark prints.
 */
class RtpStreamStatsCaptureTest {
    private static final String DIR = "wireshark-wiki-samples/";
    private static final Path TSHARK = Path.of("/usr/bin/tshark");
    private static final Pattern TELEPHONE_EVENT = Pattern.compile("a=rtpmap:(\\d+) telephone-event/", Pattern.CASE_INSENSITIVE);
    private static final Pattern STREAM_ROW = Pattern.compile(
            "^\\s*\\S+\\s+\\S+\\s+(\\S+)\\s+(\\d+)\\s+(\\S+)\\s+(\\d+)\\s+0x([0-9A-Fa-f]+)\\s+(.+?)\\s+(\\d+)\\s+(-?\\d+) \\(.*?\\)"
                    + "\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+).*$");

    record TsharkStream(String src, int srcPort, String dst, int dstPort, long ssrc, long packets, long lost,
            double maxDelta, double meanJitter, double maxJitter) {
    }

    @Test
    void matchesReadmeForSipCallRtpG711() throws IOException {
        List<PcapUdpReader.Datagram> all = PcapUdpReader.read(SharedTestData.file(DIR + "SIP_CALL_RTP_G711.pcap"));
        assertStream(stats(all, "200.57.7.204", 8000, "200.57.7.196", 40376, 0xD2BD4E3EL), 548, 0, 5843.742, 2.517, 7.407);
        assertStream(stats(all, "200.57.7.196", 40376, "200.57.7.204", 8000, 0x58F33DEAL), 891, 0, 379.905, 0.099, 0.251);
        assertStream(stats(all, "200.57.7.202", 30000, "200.57.7.196", 40362, 0x00002E3DL), 6, 0, 30.043, 0.257, 0.639);
    }

    @Test
    void matchesReadmeForSipRtpG711() throws IOException {
        List<PcapUdpReader.Datagram> all = PcapUdpReader.read(SharedTestData.file(DIR + "sip-rtp-g711.pcap"));
        RtpStreamStats pcmu = stats(all, "10.0.2.15", 27942, "10.0.2.20", 6000, 0x343DA99BL);
        assertThat(pcmu.packets()).isEqualTo(425);
        assertThat(pcmu.lost()).isZero();
        assertThat(pcmu.meanDeltaMillis()).isCloseTo(20.000, within(0.0005));
        assertThat(pcmu.maxJitterMillis()).isCloseTo(0.010, within(0.0005));
        RtpStreamStats pcma = stats(all, "10.0.2.15", 28102, "10.0.2.20", 6000, 0x343FFA34L);
        assertThat(pcma.packets()).isEqualTo(414);
        assertThat(pcma.lost()).isZero();
        assertThat(pcma.meanDeltaMillis()).isCloseTo(20.000, within(0.0005));
        assertThat(pcma.maxJitterMillis()).isCloseTo(0.019, within(0.0005));
    }

    @Test
    void matchesReadmeForSipDtmf2() throws IOException {
        List<PcapUdpReader.Datagram> all = PcapUdpReader.read(SharedTestData.file(DIR + "SIP_DTMF2.pcap"));
        RtpStreamStats withEvents = stats(all, "192.168.105.172", 4376, "192.168.105.110", 4376, 0x5711BF84L);
        assertThat(withEvents.packets()).isEqualTo(666);
        assertThat(withEvents.lost()).isZero();
        RtpStreamStats lossy = stats(all, "192.168.105.110", 4374, "192.168.105.172", 4376, 0x9A7B5382L);
        assertThat(lossy.packets()).isEqualTo(665);
        assertThat(lossy.lost()).isEqualTo(2);
        assertThat(lossy.sequenceErrors()).isPositive();
    }

    @ParameterizedTest
    @CsvSource({"SIP_CALL_RTP_G711.pcap, 5", "sip-rtp-g711.pcap, 2", "SIP_DTMF2.pcap, 2"})
    void agreesWithTshark(String name, int streams) throws Exception {
        Path file = SharedTestData.file(DIR + name);
        assumeTrue(Files.isExecutable(TSHARK), "tshark is not installed: comparison with tshark skipped");
        List<TsharkStream> expected = tshark(file);
        assertThat(expected).hasSize(streams);
        List<PcapUdpReader.Datagram> all = PcapUdpReader.read(file);
        for (TsharkStream t : expected) {
            RtpStreamStats s = stats(all, t.src, t.srcPort, t.dst, t.dstPort, t.ssrc);
            String what = name + " " + t;
            assertThat(s.packets()).as(what).isEqualTo(t.packets);
            assertThat(s.lost()).as(what).isEqualTo(t.lost);
            assertThat(s.maxDeltaMillis()).as(what).isCloseTo(t.maxDelta, within(0.01));
            assertThat(s.meanJitterMillis()).as(what).isCloseTo(t.meanJitter, within(0.01));
            assertThat(s.maxJitterMillis()).as(what).isCloseTo(t.maxJitter, within(0.01));
        }
    }

    private static void assertStream(RtpStreamStats s, long packets, long lost, double maxDelta, double meanJitter,
            double maxJitter) {
        assertThat(s.packets()).isEqualTo(packets);
        assertThat(s.lost()).isEqualTo(lost);
        assertThat(s.maxDeltaMillis()).isCloseTo(maxDelta, within(0.01));
        assertThat(s.meanJitterMillis()).isCloseTo(meanJitter, within(0.01));
        assertThat(s.maxJitterMillis()).isCloseTo(maxJitter, within(0.01));
    }

    /** Feeds every datagram of the 5-tuple whose RTP SSRC matches, in capture order. */
    static RtpStreamStats stats(List<PcapUdpReader.Datagram> all, String src, int srcPort, String dst, int dstPort,
            long ssrc) {
        RtpStreamStats stats = new RtpStreamStats();
        stats.setTelephoneEventPayloadType(telephoneEventPayloadType(all));
        RtpView rtp = new RtpView();
        for (PcapUdpReader.Datagram d : all) {
            if (d.is(src, srcPort, dst, dstPort) && rtp.wrap(d.payload(), 0, d.payload().length) && rtp.ssrc() == ssrc) {
                stats.onPacket(d.tsNanos(), rtp.sequence(), rtp.timestamp(), rtp.payloadType(), rtp.marker(),
                        rtp.payloadLength());
            }
        }
        return stats;
    }

    /** The telephone-event payload type announced by any SDP in the capture, -1 if none. */
    static int telephoneEventPayloadType(List<PcapUdpReader.Datagram> all) {
        for (PcapUdpReader.Datagram d : all) {
            Matcher m = TELEPHONE_EVENT.matcher(new String(d.payload(), StandardCharsets.ISO_8859_1));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return -1;
    }

    private static List<TsharkStream> tshark(Path file) throws Exception {
        Process p = new ProcessBuilder(TSHARK.toString(), "-q", "-o", "rtp.heuristic_rtp:TRUE", "-z", "rtp,streams", "-r",
                file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        List<TsharkStream> streams = new ArrayList<>();
        for (String line : out.split("\n")) {
            Matcher m = STREAM_ROW.matcher(line);
            if (m.matches()) {
                streams.add(new TsharkStream(m.group(1), Integer.parseInt(m.group(2)), m.group(3),
                        Integer.parseInt(m.group(4)), Long.parseLong(m.group(5), 16), Long.parseLong(m.group(7)),
                        Long.parseLong(m.group(8)), Double.parseDouble(m.group(11)), Double.parseDouble(m.group(13)),
                        Double.parseDouble(m.group(14))));
            }
        }
        return streams;
    }
}
