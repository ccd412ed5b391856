package org.callscope.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.capture.LinkType;
import org.callscope.engine.spool.PcapWriter;
import org.callscope.engine.testsupport.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The frames the generator writes are what tshark 4.0 says they are, checksums included. */
class FrameBuilderTest {
    static final HostPort A = HostPort.of("10.1.2.3", 5060);
    static final HostPort B = HostPort.of("10.4.5.6", 5062);
    static final HostPort A6 = HostPort.of("2001:db8::1", 5060);
    static final HostPort B6 = HostPort.of("2001:db8::2", 5062);
    static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void everyEncapsulationDecodesWithValidChecksumsInTshark() throws Exception {
        Tshark.assumeInstalled();
        List<byte[]> frames = new ArrayList<>();
        frames.add(FrameBuilder.ethernet().udp(A, B, HELLO));
        frames.add(FrameBuilder.ethernet().vlan(42).udp(A, B, HELLO));
        frames.add(FrameBuilder.ethernet().qinq(100, 42).udp(A, B, HELLO));
        frames.add(FrameBuilder.ethernet().gre("192.0.2.1", "192.0.2.2").udp(A, B, HELLO));
        frames.add(FrameBuilder.ethernet().erspanII("192.0.2.1", "192.0.2.2", 7).udp(A, B, HELLO));
        frames.add(FrameBuilder.ethernet().vxlan("192.0.2.1", "192.0.2.2", 5000).udp(A, B, HELLO));
        frames.add(FrameBuilder.ethernet().ipInIp("192.0.2.1", "192.0.2.2").udp(A, B, HELLO));
        frames.add(FrameBuilder.ethernet().udp(A6, B6, HELLO));
        frames.add(FrameBuilder.ethernet().tcp(A, B, 1000, 2000, FrameBuilder.TCP_PSH | FrameBuilder.TCP_ACK, HELLO));
        Path file = write(frames);

        List<String> lines = Tshark.run(List.of("-r", file.toString(), "-o", "ip.check_checksum:TRUE",
                "-o", "udp.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
                "-T", "fields", "-E", "separator=|", "-e", "frame.protocols", "-e", "ip.checksum.status",
                "-e", "udp.checksum.status", "-e", "tcp.checksum.status", "-e", "data.text", "-o", "data.show_as_text:TRUE"));

        assertThat(lines).hasSize(frames.size());
        assertThat(lines.get(0)).startsWith("eth:ethertype:ip:udp:");
        assertThat(lines.get(1)).startsWith("eth:ethertype:vlan:ethertype:ip:udp:");
        assertThat(lines.get(2)).startsWith("eth:ethertype:ieee8021ad:ethertype:vlan:ethertype:ip:udp:");
        assertThat(lines.get(3)).startsWith("eth:ethertype:ip:gre:ip:udp:");
        assertThat(lines.get(4)).startsWith("eth:ethertype:ip:gre:erspan:eth:ethertype:ip:udp:");
        assertThat(lines.get(5)).startsWith("eth:ethertype:ip:udp:vxlan:eth:ethertype:ip:udp:");
        assertThat(lines.get(6)).startsWith("eth:ethertype:ip:ip:udp:");
        assertThat(lines.get(7)).startsWith("eth:ethertype:ipv6:udp:");
        assertThat(lines.get(8)).startsWith("eth:ethertype:ip:tcp|");
        for (String line : lines) {
            // Status 2 is "bad"; every IP header, UDP and TCP checksum here must be good (1).
            String[] f = line.split("\\|", -1);
            for (int i = 1; i <= 3; i++) {
                for (String status : f[i].split(",")) {
                    assertThat(status).as(line).isIn("", "1");
                }
            }
            if (line.contains(":udp:")) {
                assertThat(line).as("payload").endsWith("|hello");
            }
        }
    }

    @Test
    void fragmentsReassembleInTsharkEvenReversed() throws Exception {
        Tshark.assumeInstalled();
        byte[] big = "x".repeat(3000).getBytes(StandardCharsets.US_ASCII);
        List<byte[]> fragments = new ArrayList<>(FrameBuilder.ethernet().udpFragments(A, B, big, 1500));
        assertThat(fragments).hasSize(3);
        java.util.Collections.reverse(fragments);
        Path file = write(fragments);

        List<String> lines = Tshark.run(List.of("-r", file.toString(), "-o", "ip.check_checksum:TRUE",
                "-T", "fields", "-E", "separator=|", "-e", "ip.frag_offset", "-e", "ip.flags.mf",
                "-e", "udp.length", "-e", "ip.checksum.status"));

        // 3008 bytes of UDP; 1480 per fragment (1500 - 20, a multiple of 8): offsets 0, 1480, 2960
        // bytes, which tshark 4.0 shows in 8-byte units. It reassembles on the last fragment to arrive.
        assertThat(lines.get(0)).isEqualTo("370|0||1");
        assertThat(lines.get(1)).isEqualTo("185|1||1");
        assertThat(lines.get(2)).isEqualTo("0|1|3008|1");
    }

    private Path write(List<byte[]> frames) throws Exception {
        Path file = dir.resolve("frames.pcap");
        try (PcapWriter w = new PcapWriter(file, LinkType.ETHERNET, 65_535)) {
            long t = SipScenario.T0;
            for (byte[] f : frames) {
                CapturedPacket p = SipScenario.packet(new SipScenario.Sent(t += 1_000, f, SipScenario.Kind.SIP, ""), 1);
                w.write(p);
            }
        }
        return file;
    }
}
