package org.callscope.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.capture.CaptureBytes.pcap;
import static org.callscope.engine.capture.CaptureBytes.readAll;
import static org.callscope.engine.capture.CaptureBytes.record;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.callscope.engine.capture.CaptureBytes.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PcapFileSourceTest {
    private static final byte[] FOUR = {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef};

    private static PcapFileSource source(byte[] file) {
        return new PcapFileSource("test.pcap", new ByteArrayInputStream(file));
    }

    @Test
    void readsLiteralLittleEndianMicrosecondFile() throws IOException {
        byte[] file = {
            (byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 0x02, 0x00, 0x04, 0x00, // magic, 2.4
            0, 0, 0, 0, 0, 0, 0, 0, // thiszone, sigfigs
            (byte) 0xff, (byte) 0xff, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, // snaplen 65535, Ethernet
            0x01, 0x00, 0x00, 0x00, 0x20, (byte) 0xa1, 0x07, 0x00, // 1 s, 500000 us
            0x04, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, // caplen 4, len 4
            (byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef,
        };
        PcapFileSource source = source(file);
        List<Frame> frames = readAll(source);
        assertThat(frames).hasSize(1);
        Frame f = frames.get(0);
        assertThat(f.tsNanos()).isEqualTo(1_500_000_000L);
        assertThat(f.linkType()).isEqualTo(LinkType.ETHERNET);
        assertThat(f.frameNumber()).isEqualTo(1);
        assertThat(f.data()).containsExactly(FOUR);
        assertThat(source.damage()).isNull();
        assertThat(source.snaplen()).isEqualTo(65535);
    }

    @ParameterizedTest
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void readsEitherByteOrderAndResolution(boolean bigEndian, boolean nanos) throws IOException {
        CaptureBytes.Writer w = pcap(bigEndian, nanos, LinkType.LINUX_SLL, 65535);
        record(w, 1_700_000_000L, nanos ? 123_456_789 : 123_456, FOUR, 4);
        record(w, 1_700_000_001L, 7, new byte[] {1, 2, 3}, 3);
        List<Frame> frames = readAll(source(w.toBytes()));
        assertThat(frames).extracting(Frame::tsNanos).containsExactly(
                1_700_000_000_000_000_000L + (nanos ? 123_456_789 : 123_456_000),
                1_700_000_001_000_000_000L + (nanos ? 7 : 7_000));
        assertThat(frames).extracting(Frame::linkType).containsOnly(LinkType.LINUX_SLL);
        assertThat(frames).extracting(Frame::frameNumber).containsExactly(1L, 2L);
        assertThat(frames.get(1).data()).containsExactly(1, 2, 3);
    }

    @Test
    void deliversSnaplenTruncatedFrameAsIs() throws IOException {
        CaptureBytes.Writer w = pcap(false, false, LinkType.ETHERNET, 4);
        record(w, 1, 0, FOUR, 1500);
        List<Frame> frames = readAll(source(w.toBytes()));
        assertThat(frames).singleElement().satisfies(f -> {
            assertThat(f.capturedLength()).isEqualTo(4);
            assertThat(f.originalLength()).isEqualTo(1500);
        });
    }

    @Test
    void headerOnlyFileIsWholeAndEmpty() throws IOException {
        PcapFileSource source = source(pcap(false, false, 1, 65535).toBytes());
        assertThat(readAll(source)).isEmpty();
        assertThat(source.damage()).isNull();
    }

    @Test
    void reportsRecordHeaderCutShortAtItsOffset() throws IOException {
        CaptureBytes.Writer w = pcap(false, false, 1, 65535);
        record(w, 1, 0, FOUR, 4);
        byte[] whole = w.toBytes();
        byte[] file = Arrays.copyOf(whole, whole.length + 7); // 7 bytes of a next record header
        PcapFileSource source = source(file);
        assertThat(readAll(source)).hasSize(1);
        assertThat(source.damage().byteOffset()).isEqualTo(24 + 16 + 4);
        assertThat(source.damage().problem()).contains("record header cut short: 7 of 16");
        assertThat(source.damage().source()).isEqualTo("test.pcap");
        assertThat(source.next(new CapturedPacket())).isFalse();
    }

    @Test
    void reportsPacketDataCutShortAtRecordStart() throws IOException {
        CaptureBytes.Writer w = pcap(true, false, 1, 65535);
        record(w, 1, 0, FOUR, 4);
        record(w, 2, 0, new byte[10], 10);
        byte[] file = Arrays.copyOf(w.toBytes(), 24 + 20 + 16 + 3);
        PcapFileSource source = source(file);
        assertThat(readAll(source)).hasSize(1);
        assertThat(source.damage().byteOffset()).isEqualTo(44);
        assertThat(source.damage().problem()).contains("packet data cut short: 3 of 10");
    }

    @Test
    void rejectsAbsurdCapturedLength() throws IOException {
        CaptureBytes.Writer w = pcap(false, true, 1, 65535);
        record(w, 1, 0, FOUR, 4);
        w.u32(2).u32(0).u32(262_145).u32(262_145);
        PcapFileSource source = source(w.toBytes());
        assertThat(readAll(source)).hasSize(1);
        assertThat(source.damage().byteOffset()).isEqualTo(44);
        assertThat(source.damage().problem()).contains("262145");
    }

    @Test
    void acceptsCapturedLengthAtTheLimit() throws IOException {
        CaptureBytes.Writer w = pcap(false, true, 1, 262_144);
        record(w, 1, 0, new byte[262_144], 262_144);
        PcapFileSource source = source(w.toBytes());
        assertThat(readAll(source)).singleElement().extracting(Frame::capturedLength).isEqualTo(262_144);
        assertThat(source.damage()).isNull();
    }

    @Test
    void reportsFileHeaderCutShort() throws IOException {
        PcapFileSource source = source(Arrays.copyOf(pcap(false, false, 1, 65535).toBytes(), 10));
        assertThat(readAll(source)).isEmpty();
        assertThat(source.damage().byteOffset()).isZero();
        assertThat(source.damage().problem()).contains("file header cut short: 10 of 24");
    }

    @Test
    void reportsGarbageMagic() throws IOException {
        byte[] garbage = "GET / HTTP/1.1\r\nHost: example\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        PcapFileSource source = source(garbage);
        assertThat(readAll(source)).isEmpty();
        assertThat(source.damage().problem()).contains("not a pcap file");
    }

    @Test
    void reusesThePacketBuffer() throws IOException {
        CaptureBytes.Writer w = pcap(false, false, 1, 65535);
        for (int i = 0; i < 100; i++) {
            record(w, i, 0, new byte[60 + i], 60 + i);
        }
        PcapFileSource source = source(w.toBytes());
        CapturedPacket p = new CapturedPacket();
        byte[] buffer = p.data;
        int count = 0;
        while (source.next(p)) {
            assertThat(p.data).isSameAs(buffer);
            count++;
        }
        assertThat(count).isEqualTo(100);
    }
}
