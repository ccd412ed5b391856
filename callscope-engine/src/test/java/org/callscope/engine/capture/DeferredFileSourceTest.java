package org.callscope.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.callscope.engine.capture.CaptureBytes.readAll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.callscope.engine.capture.CaptureBytes.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeferredFileSourceTest {
    @TempDir
    Path dir;

    /** A pcap file whose frames carry the given whole-second timestamps and one tag byte each. */
    private Path pcap(String name, int tag, long... seconds) throws IOException {
        return Files.write(dir.resolve(name), pcapBytes(tag, seconds));
    }

    private static byte[] pcapBytes(int tag, long... seconds) {
        CaptureBytes.Writer w = CaptureBytes.pcap(false, false, LinkType.ETHERNET, 65535);
        for (long s : seconds) {
            CaptureBytes.record(w, s, 0, new byte[] {(byte) tag}, 1);
        }
        return w.toBytes();
    }

    private static List<DeferredFileSource> scanAll(Path... files) throws IOException {
        List<DeferredFileSource> sources = new ArrayList<>();
        for (Path f : files) {
            sources.add(DeferredFileSource.scan(f));
        }
        return sources;
    }

    /** Reads the merge to its end; returns the most deferred sources open at any one time. */
    private static int mostOpenWhileReading(MergingSource merged, List<DeferredFileSource> sources, List<Frame> out)
            throws IOException {
        int most = 0;
        CapturedPacket p = new CapturedPacket();
        while (merged.next(p)) {
            out.add(Frame.of(p));
            most = Math.max(most, (int) sources.stream().filter(DeferredFileSource::isOpen).count());
        }
        return most;
    }

    @Test
    void filesThatFollowEachOtherAreOpenedOneAtATime() throws IOException {
        List<DeferredFileSource> sources = scanAll(
                pcap("a.pcap", 0xa, 1, 2, 3), pcap("b.pcap", 0xb, 4, 5), pcap("c.pcap", 0xc, 6, 7, 8));
        assertThat(sources).noneMatch(DeferredFileSource::isOpen);
        List<Frame> frames = new ArrayList<>();
        try (MergingSource merged = new MergingSource(sources)) {
            assertThat(mostOpenWhileReading(merged, sources, frames)).isEqualTo(1);
            assertThat(merged.damages()).isEmpty();
        }
        assertThat(frames).extracting(f -> f.tsNanos() / 1_000_000_000L, f -> f.data()[0], Frame::frameNumber)
                .containsExactly(tuple(1L, (byte) 0xa, 1L), tuple(2L, (byte) 0xa, 2L), tuple(3L, (byte) 0xa, 3L),
                        tuple(4L, (byte) 0xb, 1L), tuple(5L, (byte) 0xb, 2L),
                        tuple(6L, (byte) 0xc, 1L), tuple(7L, (byte) 0xc, 2L), tuple(8L, (byte) 0xc, 3L));
        assertThat(sources).noneMatch(DeferredFileSource::isOpen);
    }

    @Test
    void overlappingFilesMergeExactlyAsWhenAllAreOpenedAtOnce() throws IOException {
        Random random = new Random(5);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            long start = random.nextInt(500);
            long[] ts = random.longs(random.nextInt(30), start, start + 200).sorted().toArray();
            files.add(pcap("f" + i + ".pcap", i, ts));
        }
        files.add(pcap("empty.pcap", 99));
        List<PacketSource> eager = new ArrayList<>();
        for (Path f : files) {
            eager.add(CaptureFiles.open(f));
        }
        List<Frame> expected = readAll(new MergingSource(eager));
        List<DeferredFileSource> deferred = scanAll(files.toArray(Path[]::new));
        List<Frame> frames = new ArrayList<>();
        int most;
        try (MergingSource merged = new MergingSource(deferred)) {
            most = mostOpenWhileReading(merged, deferred, frames);
        }
        assertThat(frames).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(expected);
        assertThat(most).isBetween(1, files.size() - 1);
    }

    @Test
    void emptyAndDamagedFilesReportTheirDamageAndTheOthersAreRead() throws IOException {
        byte[] whole = pcapBytes(0xb, 2, 3);
        Path cutFirst = Files.write(dir.resolve("cut.pcap"), Arrays.copyOf(whole, 24 + 10)); // first record header cut
        List<DeferredFileSource> sources = scanAll(pcap("a.pcap", 0xa, 1, 4), cutFirst, pcap("none.pcap", 0xc));
        try (MergingSource merged = new MergingSource(sources)) {
            assertThat(readAll(merged)).extracting(f -> f.data()[0]).containsExactly((byte) 0xa, (byte) 0xa);
            assertThat(merged.damages()).extracting(CaptureDamage::source, CaptureDamage::byteOffset)
                    .containsExactly(tuple(cutFirst.toString(), 24L));
        }
    }

    @Test
    void aFileGoneBeforeItsTurnIsDamageNotAFailureOfTheRun() throws IOException {
        Path a = pcap("a.pcap", 0xa, 1, 2);
        Path b = pcap("b.pcap", 0xb, 5, 6);
        List<DeferredFileSource> sources = scanAll(a, b, pcap("c.pcap", 0xc, 7));
        Files.delete(b);
        try (MergingSource merged = new MergingSource(sources)) {
            assertThat(readAll(merged)).extracting(f -> f.data()[0]).containsExactly((byte) 0xa, (byte) 0xa, (byte) 0xc);
            assertThat(merged.damages()).singleElement().satisfies(d -> {
                assertThat(d.source()).isEqualTo(b.toString());
                assertThat(d.problem()).isEqualTo("could not be opened again: no such file");
            });
        }
    }

    @Test
    void closingPartWayClosesTheOpenFile() throws IOException {
        DeferredFileSource s = DeferredFileSource.scan(pcap("a.pcap", 0xa, 1, 2, 3));
        CapturedPacket p = new CapturedPacket();
        assertThat(s.next(p)).isTrue();
        assertThat(s.isOpen()).isTrue();
        s.close();
        assertThat(s.isOpen()).isFalse();
        assertThat(s.next(p)).isFalse();
        s.close();
    }

    @Test
    void filesThatAreNoCapturesAreRefusedWhenScanned() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a capture at all");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeferredFileSource.scan(text))
                .isInstanceOf(CaptureFormatException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeferredFileSource.scan(dir.resolve("absent.pcap")))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }
}
