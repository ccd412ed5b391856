package org.callscope.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.callscope.engine.capture.CaptureBytes.readAll;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.callscope.engine.capture.CaptureBytes.Frame;
import org.junit.jupiter.api.Test;

class MergingSourceTest {

    /** A pcap whose frames carry the given whole-second timestamps and one tag byte each. */
    private static byte[] pcap(int tag, long... seconds) {
        CaptureBytes.Writer w = CaptureBytes.pcap(false, false, LinkType.ETHERNET, 65535);
        for (long s : seconds) {
            CaptureBytes.record(w, s, 0, new byte[] {(byte) tag}, 1);
        }
        return w.toBytes();
    }

    private static PacketSource source(String name, byte[] file) {
        return new PcapFileSource(name, new ByteArrayInputStream(file));
    }

    @Test
    void mergesByTimeKeepingFileOrderOnTiesAndPerFileFrameNumbers() throws IOException {
        MergingSource merged = new MergingSource(List.of(
                source("a", pcap(0xa, 1, 3, 5)),
                source("b", pcap(0xb, 2, 3, 4)),
                source("c", pcap(0xc, 3))));
        List<Frame> frames = readAll(merged);
        assertThat(frames).extracting(f -> f.tsNanos() / 1_000_000_000L, f -> f.data()[0], Frame::frameNumber)
                .containsExactly(
                        tuple(1L, (byte) 0xa, 1L),
                        tuple(2L, (byte) 0xb, 1L),
                        tuple(3L, (byte) 0xa, 2L),
                        tuple(3L, (byte) 0xb, 2L),
                        tuple(3L, (byte) 0xc, 1L),
                        tuple(4L, (byte) 0xb, 3L),
                        tuple(5L, (byte) 0xa, 3L));
        assertThat(merged.damage()).isNull();
        assertThat(merged.damages()).isEmpty();
        assertThat(merged.name()).isEqualTo("merge of a b c");
    }

    @Test
    void keepsReadingOtherFilesAfterDamageAndReportsEveryDamage() throws IOException {
        byte[] a = pcap(0xa, 1, 2, 6);
        byte[] cutA = Arrays.copyOf(a, a.length - 1); // third record's data cut short
        byte[] b = pcap(0xb, 3, 4);
        byte[] cutB = Arrays.copyOf(b, 24 + 17 + 5); // second record's header cut short
        MergingSource merged = new MergingSource(List.of(
                source("a", cutA), source("b", cutB), source("c", pcap(0xc, 1, 5, 7, 8))));
        List<Frame> frames = readAll(merged);
        assertThat(frames).extracting(f -> f.data()[0])
                .containsExactly((byte) 0xa, (byte) 0xc, (byte) 0xa, (byte) 0xb, (byte) 0xc, (byte) 0xc, (byte) 0xc);
        // Each source is read one frame ahead: a's damage is met when its frame at 2 s is
        // delivered, b's when its frame at 3 s is.
        assertThat(merged.damages()).extracting(CaptureDamage::source, CaptureDamage::byteOffset)
                .containsExactly(tuple("a", 58L), tuple("b", 41L));
        assertThat(merged.damage()).isEqualTo(merged.damages().get(0));
    }

    @Test
    void emptyMergeEndsAtOnce() throws IOException {
        MergingSource merged = new MergingSource(List.of());
        assertThat(merged.next(new CapturedPacket())).isFalse();
        assertThat(merged.damage()).isNull();
    }

    @Test
    void manySourcesComeOutSorted() throws IOException {
        java.util.Random random = new java.util.Random(11);
        java.util.List<PacketSource> sources = new java.util.ArrayList<>();
        for (int i = 0; i < 37; i++) {
            long[] ts = random.longs(random.nextInt(20), 0, 1000).sorted().toArray();
            sources.add(source("f" + i, pcap(i, ts)));
        }
        List<Frame> frames = readAll(new MergingSource(sources));
        assertThat(frames).extracting(Frame::tsNanos).isSorted();
    }
}
