package org.callscope.engine.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.callscope.engine.capture.CaptureFiles;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.capture.LinkType;
import org.callscope.engine.capture.PacketSource;
import org.callscope.engine.capture.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapWriterTest {
    /** Ethernet + IPv4 + UDP 5060 -> 5060 with 4 payload bytes; checksums left zero. */
    private static final byte[] FRAME = {
        0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6, 0x08, 0x00, // Ethernet II, IPv4
        0x45, 0, 0, 32, 0, 1, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2, // IPv4, UDP
        0x13, (byte) 0xc4, 0x13, (byte) 0xc4, 0, 12, 0, 0, // UDP 5060 -> 5060, length 12
        'O', 'P', 'T', 'S',
    };

    @TempDir
    Path dir;

    @Test
    void writesLittleEndianNanosecondHeader() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PcapWriter(out, LinkType.ETHERNET, 65535).close();
        assertThat(out.toByteArray()).containsExactly(
                0x4d, 0x3c, 0xb2, 0xa1, 2, 0, 4, 0, // magic a1b23c4d little-endian, version 2.4
                0, 0, 0, 0, 0, 0, 0, 0, // reserved
                0xff, 0xff, 0, 0, 1, 0, 0, 0); // snaplen 65535, LINKTYPE_ETHERNET
    }

    @Test
    void writesRecordsReadBackUnchanged() throws IOException {
        Path file = dir.resolve("call.pcap");
        byte[] big = new byte[100_000]; // larger than the writer's buffer
        Arrays.fill(big, (byte) 0x5a);
        try (PcapWriter writer = new PcapWriter(file, LinkType.ETHERNET, 65535)) {
            writer.write(1_700_000_000_123_456_789L, FRAME, 0, FRAME.length, FRAME.length);
            writer.write(1_700_000_001_000_000_001L, big, 0, big.length, big.length);
            CapturedPacket p = new CapturedPacket();
            p.tsNanos = 1_700_000_002_000_000_000L;
            System.arraycopy(FRAME, 0, p.data, 0, 20);
            p.capturedLength = 20;
            p.originalLength = FRAME.length;
            writer.write(p);
            assertThat(writer.packetsWritten()).isEqualTo(3);
        }
        try (PacketSource source = CaptureFiles.open(file)) {
            CapturedPacket p = new CapturedPacket();
            assertThat(source.next(p)).isTrue();
            assertThat(p.tsNanos).isEqualTo(1_700_000_000_123_456_789L);
            assertThat(p.linkType).isEqualTo(LinkType.ETHERNET);
            assertThat(Arrays.copyOf(p.data, p.capturedLength)).containsExactly(FRAME);
            assertThat(source.next(p)).isTrue();
            assertThat(p.capturedLength).as("cut to snaplen").isEqualTo(65535);
            assertThat(p.originalLength).isEqualTo(100_000);
            assertThat(source.next(p)).isTrue();
            assertThat(p.capturedLength).isEqualTo(20);
            assertThat(p.originalLength).isEqualTo(FRAME.length);
            assertThat(source.next(p)).isFalse();
            assertThat(source.damage()).isNull();
        }
    }

    @Test
    void rejectsOutOfRangeArguments() throws IOException {
        PcapWriter writer = new PcapWriter(new ByteArrayOutputStream(), LinkType.RAW, 100);
        assertThatThrownBy(() -> writer.write(0, FRAME, 40, 10, 10)).isInstanceOf(IndexOutOfBoundsException.class);
        writer.close();
        assertThatThrownBy(() -> writer.write(0, FRAME, 0, 1, 1)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> new PcapWriter(new ByteArrayOutputStream(), LinkType.RAW, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tsharkReadsWhatWeWrite() throws Exception {
        assumeTrue(Tshark.available(), "tshark is absent: written file not checked with it");
        Path file = dir.resolve("tshark.pcap");
        try (PcapWriter writer = new PcapWriter(file, LinkType.ETHERNET, 65535)) {
            writer.write(1_700_000_000_000_000_001L, FRAME, 0, FRAME.length, FRAME.length);
            writer.write(1_700_000_000_500_000_000L, FRAME, 0, 14, FRAME.length);
            writer.write(1_700_000_001_999_999_999L, FRAME, 0, FRAME.length, 1514);
        }
        List<String[]> rows = Tshark.fields(file, "frame.len", "frame.cap_len", "frame.time_epoch", "udp.dstport");
        assertThat(rows).extracting(r -> r[0]).containsExactly("46", "46", "1514");
        assertThat(rows).extracting(r -> r[1]).containsExactly("46", "14", "46");
        assertThat(rows).extracting(r -> Tshark.epochNanos(r[2])).containsExactly(
                1_700_000_000_000_000_001L, 1_700_000_000_500_000_000L, 1_700_000_001_999_999_999L);
        assertThat(rows.get(0)[3]).isEqualTo("5060");
    }
}
