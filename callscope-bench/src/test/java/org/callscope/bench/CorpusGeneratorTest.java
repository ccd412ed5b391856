package org.callscope.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import org.callscope.engine.capture.CaptureFiles;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.capture.LinkType;
import org.callscope.engine.capture.PacketSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusGeneratorTest {
    private static final Path TSHARK = Path.of("/usr/bin/tshark");
    private static final int SIP_PORT = 5060;

    @TempDir
    Path dir;

    @Test
    void twoCallsOfOneSecondHaveSevenSipMessagesAndFiftyPacketsEachWayPerCall() throws IOException {
        Path file = dir.resolve("two.pcap");
        CorpusSummary summary = CorpusGenerator.write(new CorpusSpec(2, 1, 0, 7), file);

        Counts read = readBack(file);
        // 2 calls x (INVITE, 100, 180, 200, ACK, BYE, 200) and 2 calls x 2 directions x 50 packets a second.
        assertThat(read.sip).isEqualTo(14);
        assertThat(read.rtp).isEqualTo(200);
        assertThat(read.frames).isEqualTo(214).isEqualTo(summary.frames());
        assertThat(read.timeOrdered).isTrue();
        assertThat(read.rtpPayloadLengths).containsOnly(12 + 160);
        assertThat(read.linkTypes).containsOnly(LinkType.ETHERNET);
    }

    @Test
    void sameSeedGivesTheSameBytesAndLossDropsOnlyRtp() throws IOException {
        Path a = dir.resolve("a.pcap");
        Path b = dir.resolve("b.pcap");
        CorpusGenerator.write(new CorpusSpec(3, 2, 10, 42), a);
        CorpusGenerator.write(new CorpusSpec(3, 2, 10, 42), b);
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));

        Counts read = readBack(a);
        assertThat(read.sip).isEqualTo(21);
        // 600 packets at 10% loss: far outside 450..590 would mean loss is not applied as asked.
        assertThat(read.rtp).isBetween(450L, 590L);
    }

    @Test
    void tsharkSeesEveryRtpStreamWithAllItsPackets() throws Exception {
        assumeTrue(Files.isExecutable(TSHARK), "tshark not installed");
        Path file = dir.resolve("tshark.pcap");
        CorpusGenerator.write(new CorpusSpec(2, 1, 0, 3), file);

        String streams = run(TSHARK.toString(), "-n", "-q", "-o", "rtp.heuristic_rtp:TRUE", "-z", "rtp,streams", "-r", file.toString());
        Matcher m = Pattern.compile("(?m)^\\s*\\S+\\s+\\S+\\s+10\\.\\d+\\.\\d+\\.\\d+\\s+\\d+\\s+10\\.\\S+\\s+\\d+\\s+0x\\p{XDigit}+\\s+g711U\\s+(\\d+)\\s+(\\d+)")
                .matcher(streams);
        List<String> packets = new ArrayList<>();
        while (m.find()) {
            packets.add(m.group(1) + "/" + m.group(2));
        }
        assertThat(packets).as(streams).containsExactly("50/0", "50/0", "50/0", "50/0");

        String sip = run(TSHARK.toString(), "-n", "-q", "-z", "sip,stat", "-r", file.toString());
        assertThat(sip).contains("Number of SIP messages: 14");
        assertThat(sip).containsPattern("INVITE\\s*:\\s*2 Packets").containsPattern("BYE\\s*:\\s*2 Packets");
    }

    @Test
    void rejectsSpecsOutsideItsLimits() {
        assertThatThrownBy(() -> new CorpusSpec(0, 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CorpusSpec(CorpusSpec.MAX_CALLS + 1, 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CorpusSpec(1, 0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CorpusSpec(1, 1, 101, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new CorpusSpec(200, 60, 0, 1).framesWithoutLoss()).isEqualTo(200L * (7 + 2 * 60 * 50));
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static Counts readBack(Path file) throws IOException {
        Counts c = new Counts();
        try (PacketSource source = CaptureFiles.open(file)) {
            CapturedPacket p = new CapturedPacket();
            long last = Long.MIN_VALUE;
            while (source.next(p)) {
                c.frames++;
                c.linkTypes.add(p.linkType);
                if (p.tsNanos < last) {
                    c.timeOrdered = false;
                }
                last = p.tsNanos;
                byte[] d = p.data;
                // Ethernet II, IPv4 without options, UDP: ports at 34 and 36, UDP length at 38.
                assertThat((d[12] & 0xff) << 8 | (d[13] & 0xff)).isEqualTo(0x0800);
                assertThat(d[23]).isEqualTo((byte) 17);
                int src = (d[34] & 0xff) << 8 | (d[35] & 0xff);
                int dst = (d[36] & 0xff) << 8 | (d[37] & 0xff);
                int udpPayload = ((d[38] & 0xff) << 8 | (d[39] & 0xff)) - 8;
                if (src == SIP_PORT && dst == SIP_PORT) {
                    c.sip++;
                } else {
                    c.rtp++;
                    c.rtpPayloadLengths.add(udpPayload);
                    assertThat(d[42] & 0xc0).as("RTP version 2").isEqualTo(0x80);
                }
            }
            assertThat(source.damage()).isNull();
        }
        return c;
    }

    private static final class Counts {
        long frames;
        long sip;
        long rtp;
        boolean timeOrdered = true;
        final List<Integer> rtpPayloadLengths = new ArrayList<>();
        final List<Integer> linkTypes = new ArrayList<>();
    }
}
