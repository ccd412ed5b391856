package org.callscope.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.testsupport.SharedTestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decodes third-party captures and compares with TShark: as many UDP packets as
 * {@code udp && !icmp} matches, as many TCP packets as {@code tcp} matches, and the same port pairs
 * for the first 50 UDP packets. Skips when the captures or tshark are absent.
 */
class RealCaptureTest {
    private static final int PORT_PAIRS_COMPARED = 50;

    @ParameterizedTest
    @ValueSource(strings = {
            "wireshark-wiki-samples/SIP_CALL_RTP_G711.pcap",
            "wireshark-wiki-samples/SIP_DTMF2.pcap",
            "wireshark-wiki-samples/sip-rtp-g711.pcap",
            "lekensteyn-wireshark-notes/tls12-all-ciphers.pcapng",
            "lekensteyn-wireshark-notes/webrtc-freeswitch.pcapng",
            "lekensteyn-wireshark-notes/websocket-sip.pcapng"})
    void matchesTshark(String relative) throws Exception {
        Path file = SharedTestData.file(relative);
        DecoderFixture f = new DecoderFixture();
        List<CapturedPacket> packets = TestCaptureReader.read(file);
        assertThat(packets).isNotEmpty();
        int udp = 0;
        int tcp = 0;
        List<String> udpPorts = new ArrayList<>();
        for (CapturedPacket p : packets) {
            DecodeStatus status = f.decode(p);
            if (status == DecodeStatus.UDP) {
                udp++;
                if (udpPorts.size() < PORT_PAIRS_COMPARED) {
                    udpPorts.add(f.out.srcPort + " " + f.out.dstPort);
                }
            } else if (status == DecodeStatus.TCP) {
                tcp++;
            }
        }
        assertThat(f.anomalies.nonZero()).as("anomalies in %s", relative).isEmpty();

        Path tshark = Path.of("/usr/bin/tshark");
        assumeTrue(Files.isExecutable(tshark), "tshark is not installed: counts not compared with it");
        List<String> tsharkUdp = tshark(tshark, file, "udp && !icmp", "-e", "udp.srcport", "-e", "udp.dstport");
        List<String> tsharkTcp = tshark(tshark, file, "tcp", "-e", "frame.number");
        assertThat(udp).as("UDP packets in %s", relative).isEqualTo(tsharkUdp.size());
        assertThat(tcp).as("TCP packets in %s", relative).isEqualTo(tsharkTcp.size());
        List<String> expectedPorts = new ArrayList<>();
        for (String line : tsharkUdp.subList(0, Math.min(PORT_PAIRS_COMPARED, tsharkUdp.size()))) {
            String[] fields = line.split("\t");
            // With tunnels tshark lists every layer's port, comma separated; the innermost is last.
            expectedPorts.add(last(fields[0]) + " " + last(fields[1]));
        }
        assertThat(udpPorts).as("UDP port pairs in %s", relative).isEqualTo(expectedPorts);
    }

    private static String last(String commaSeparated) {
        return commaSeparated.substring(commaSeparated.lastIndexOf(',') + 1);
    }

    private static List<String> tshark(Path tshark, Path file, String filter, String... fields)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(tshark.toString(), "-n", "-r", file.toString(), "-Y", filter,
                "-T", "fields"));
        command.addAll(List.of(fields));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output;
        try (var in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("tshark did not finish on " + file);
        }
        assertThat(process.exitValue()).as("tshark exit status").isZero();
        return output.lines().filter(l -> !l.isEmpty()).toList();
    }
}
