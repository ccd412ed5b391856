package org.callscope.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.capture.LinkType;
import org.callscope.engine.decode.DecodeStatus;
import org.callscope.engine.decode.DecodedPacket;
import org.callscope.engine.decode.PacketDecoder;
import org.callscope.engine.defrag.IpDefragmenter;
import org.callscope.engine.spool.PcapWriter;
import org.callscope.engine.testsupport.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VirtualUdpFramesTest {
    private static final byte[] SIP = ("OPTIONS sip:a@example.org SIP/2.0\r\nVia: SIP/2.0/TLS 10.0.0.1:40000;branch=z9hG4bK1\r\n"
            + "Call-ID: virtual-1\r\nCSeq: 1 OPTIONS\r\nFrom: <sip:b@example.org>;tag=1\r\nTo: <sip:a@example.org>\r\n"
            + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private static CapturedPacket ethernetTemplate(int etherType) {
        CapturedPacket p = new CapturedPacket(100);
        for (int i = 0; i < 12; i++) {
            p.data[i] = (byte) (0x10 + i);
        }
        p.data[12] = (byte) (etherType >>> 8);
        p.data[13] = (byte) etherType;
        p.capturedLength = 60;
        p.originalLength = 60;
        p.linkType = LinkType.ETHERNET;
        return p;
    }

    private static SipAddressing addressing(String src, int sport, String dst, int dport) throws Exception {
        return new SipAddressing(InetAddress.getByName(src).getAddress(), sport, InetAddress.getByName(dst).getAddress(), dport,
                src, dst);
    }

    @Test
    void ipv4FrameDecodesAsUdpWithTheSipPayloadAndKeepsTheLinkHeader() throws Exception {
        VirtualUdpFrames.Template t = VirtualUdpFrames.Template.of(ethernetTemplate(0x0800), 14, 0, 4);
        CapturedPacket f = VirtualUdpFrames.build(t, addressing("10.0.0.1", 40000, "10.0.0.2", 5061), SIP, 0, SIP.length, 123_000_000L);
        DecodedPacket d = new DecodedPacket();
        assertThat(new PacketDecoder(new AnomalyCounters(), new IpDefragmenter(new AnomalyCounters())).decode(f, d))
                .isEqualTo(DecodeStatus.UDP);
        assertThat(d.srcAddrString()).isEqualTo("10.0.0.1");
        assertThat(d.dstPort).isEqualTo(5061);
        assertThat(new String(d.payload, d.payloadOffset, d.payloadLength, StandardCharsets.US_ASCII)).isEqualTo(new String(SIP, StandardCharsets.US_ASCII));
        assertThat(f.data[0]).isEqualTo((byte) 0x10);
        assertThat(f.tsNanos).isEqualTo(123_000_000L);
    }

    @Test
    void tsharkReadsBothFamiliesAsSipWithGoodChecksums() throws Exception {
        Tshark.assumeInstalled();
        Path pcap = dir.resolve("virtual.pcap");
        try (PcapWriter w = new PcapWriter(pcap, LinkType.ETHERNET, 65535)) {
            w.write(VirtualUdpFrames.build(VirtualUdpFrames.Template.of(ethernetTemplate(0x0800), 14, 0, 4),
                    addressing("10.0.0.1", 40000, "10.0.0.2", 5061), SIP, 0, SIP.length, 1_000_000_000L));
            w.write(VirtualUdpFrames.build(VirtualUdpFrames.Template.of(ethernetTemplate(0x86dd), 14, 0, 6),
                    addressing("2001:db8::1", 40001, "2001:db8::2", 5061), SIP, 0, SIP.length, 2_000_000_000L));
        }
        List<String> lines = Tshark.run(List.of("-r", pcap.toString(), "-d", "udp.port==5061,sip",
                "-o", "udp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
                "-T", "fields", "-E", "separator=|", "-e", "udp.srcport", "-e", "udp.checksum.status",
                "-e", "ip.checksum.status", "-e", "sip.Method", "-e", "sip.Call-ID"));
        assertThat(lines).containsExactly("40000|1|1|OPTIONS|virtual-1", "40001|1||OPTIONS|virtual-1");
    }

    @Test
    void tunnelledTemplateFallsBackToAPlainEthernetHeader() {
        CapturedPacket gre = ethernetTemplate(0x0800);
        VirtualUdpFrames.Template t = VirtualUdpFrames.Template.of(gre, 38, 1, 6);
        assertThat(t.linkType()).isEqualTo(LinkType.ETHERNET);
        assertThat(t.linkHeader()).hasSize(14);
        assertThat(t.linkHeader()[12]).isEqualTo((byte) 0x86);
    }

    @Test
    void aMessageLargerThanOneDatagramIsNotWritten() throws Exception {
        byte[] big = new byte[VirtualUdpFrames.MAX_PAYLOAD + 1];
        assertThat(VirtualUdpFrames.build(VirtualUdpFrames.Template.of(ethernetTemplate(0x0800), 14, 0, 4),
                addressing("10.0.0.1", 1, "10.0.0.2", 2), big, 0, big.length, 0)).isNull();
    }
}
