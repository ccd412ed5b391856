package org.callscope.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.capture.CaptureFiles;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.capture.LinkType;
import org.callscope.engine.capture.PacketSource;
import org.callscope.engine.defrag.IpDefragmenter;
import org.callscope.engine.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

/** The one-step Ethernet/IPv4/UDP path gives exactly what the layer-by-layer path gives. */
class PacketDecoderFastPathTest {
    private final AnomalyCounters fastAnomalies = new AnomalyCounters();
    private final AnomalyCounters slowAnomalies = new AnomalyCounters();
    private final PacketDecoder fast = new PacketDecoder(fastAnomalies, new IpDefragmenter(fastAnomalies));
    private final PacketDecoder slow = new PacketDecoder(slowAnomalies, new IpDefragmenter(slowAnomalies));
    private final DecodedPacket a = new DecodedPacket();
    private final DecodedPacket b = new DecodedPacket();

    PacketDecoderFastPathTest() {
        slow.fastPath = false;
    }

    @Test
    void recordedCapturesDecodeIdentically() throws Exception {
        List<Path> captures;
        try (Stream<Path> files = Files.list(Fixtures.root().resolve("captures"))) {
            captures = files.filter(p -> p.toString().endsWith(".pcap")).sorted().toList();
        }
        assertThat(captures).isNotEmpty();
        long udp = 0;
        for (Path capture : captures) {
            try (PacketSource source = CaptureFiles.open(capture)) {
                CapturedPacket frame = new CapturedPacket();
                while (source.next(frame)) {
                    udp += compare(frame) == DecodeStatus.UDP ? 1 : 0;
                }
            }
        }
        assertThat(udp).as("the fast path was exercised").isGreaterThan(1000);
    }

    @Test
    void mutatedFramesDecodeIdentically() {
        byte[] template = TestFrames.hex(
                "000000000002 000000000001 0800",
                "45000028 00010000 4011 0000 0a000001 0a000002",
                "0fa0 0fa2 0014 0000",
                "80000001 000000a0 12345678");
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            byte[] bytes = Arrays.copyOf(template, template.length + random.nextInt(8));
            for (int m = random.nextInt(4); m >= 0; m--) {
                bytes[14 + random.nextInt(bytes.length - 14)] = (byte) random.nextInt(256);
            }
            if (random.nextInt(10) == 0) {
                bytes[36] = 0x12;
                bytes[37] = (byte) 0xb5; // 4789, VXLAN
            }
            int captured = random.nextInt(5) == 0 ? random.nextInt(bytes.length + 1) : bytes.length;
            CapturedPacket frame = TestFrames.frame(LinkType.ETHERNET, Arrays.copyOf(bytes, captured));
            if (random.nextInt(4) == 0) {
                frame.originalLength = bytes.length;
            }
            compare(frame);
        }
        assertThat(fastAnomalies.nonZero()).isEqualTo(slowAnomalies.nonZero());
    }

    private DecodeStatus compare(CapturedPacket frame) {
        DecodeStatus fs = fast.decode(frame, a);
        DecodeStatus ss = slow.decode(frame, b);
        assertThat(fs).isEqualTo(ss);
        if (fs == DecodeStatus.UDP || fs == DecodeStatus.TCP) {
            List<Object> fa = fields(a);
            List<Object> fb = fields(b);
            assertThat(fa).isEqualTo(fb);
            assertThat(Arrays.copyOfRange(a.payload, a.payloadOffset, a.payloadOffset + a.payloadLength))
                    .isEqualTo(Arrays.copyOfRange(b.payload, b.payloadOffset, b.payloadOffset + b.payloadLength));
        }
        return fs;
    }

    private static List<Object> fields(DecodedPacket p) {
        List<Object> f = new ArrayList<>();
        f.add(p.tsNanos);
        f.add(p.ipVersion);
        f.add(Arrays.toString(Arrays.copyOf(p.srcAddr, p.addrLength())));
        f.add(Arrays.toString(Arrays.copyOf(p.dstAddr, p.addrLength())));
        f.add(p.protocol);
        f.add(p.srcPort);
        f.add(p.dstPort);
        f.add(p.tcpFlags);
        f.add(p.tcpSeq);
        f.add(p.tcpAck);
        f.add(p.payloadOffset);
        f.add(p.payloadLength);
        f.add(p.ipHeaderOffset);
        f.add(p.tunnelDepth);
        f.add(p.reassembled);
        f.add(p.snapTruncated);
        return f;
    }
}
