package org.callscope.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.callscope.engine.capture.CaptureBytes.readAll;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.callscope.engine.capture.CaptureBytes.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureFilesTest {
    /** Every record is 16 + 100 bytes, so a damage offset tells how many records came before. */
    private static final int RECORD_BYTES = 116;
    private static final int RECORDS = 6000; // several 128 KiB zstd blocks (RFC 8878 §3.1.1.2.4)

    @TempDir
    Path dir;

    private static byte[] pcap() {
        CaptureBytes.Writer w = CaptureBytes.pcap(false, false, LinkType.ETHERNET, 65535);
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < RECORDS; i++) {
            byte[] data = new byte[100];
            random.nextBytes(data); // incompressible, so a cut compressed file loses records
            CaptureBytes.record(w, 1_000 + i, i, data, 100);
        }
        return w.toBytes();
    }

    private static byte[] pcapng() {
        return new CaptureBytes.Pcapng(true).shb().idb(LinkType.RAW, 65535, 9, null)
                .epb(0, 5, new byte[] {0x45, 0, 0, 20}, 20).toBytes();
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(plain);
        }
        return bytes.toByteArray();
    }

    private static byte[] zstd(byte[] plain) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new ZstdOutputStream(bytes)) {
            out.write(plain);
        }
        return bytes.toByteArray();
    }

    private List<Frame> readFile(String name, byte[] content) throws IOException {
        Path file = Files.write(dir.resolve(name), content);
        try (PacketSource source = CaptureFiles.open(file)) {
            List<Frame> frames = readAll(source);
            assertThat(source.damage()).isNull();
            assertThat(source.name()).isEqualTo(file.toString());
            return frames;
        }
    }

    @Test
    void opensPcapAndPcapngByMagic() throws IOException {
        assertThat(readFile("a.bin", pcap())).hasSize(RECORDS);
        assertThat(readFile("b.bin", pcapng())).singleElement().extracting(Frame::tsNanos).isEqualTo(5L);
    }

    @Test
    void decompressesGzipAndZstdByMagicNotName() throws IOException {
        List<String> plain = described(readFile("plain.pcap", pcap()));
        assertThat(plain).hasSize(RECORDS);
        assertThat(described(readFile("gzipped.pcap", gzip(pcap())))).isEqualTo(plain);
        assertThat(described(readFile("zstd.bin", zstd(pcap())))).isEqualTo(plain);
        assertThat(readFile("ng.gz", gzip(pcapng()))).hasSize(1);
        assertThat(readFile("ng.zst", zstd(pcapng()))).hasSize(1);
    }

    /** Each frame as one comparable line: its fields and bytes in hex. */
    private static List<String> described(List<Frame> frames) {
        return frames.stream().map(f -> f.tsNanos() + " " + f.linkType() + " " + f.interfaceId() + " "
                + f.capturedLength() + " " + f.originalLength() + " " + f.frameNumber() + " "
                + java.util.HexFormat.of().formatHex(f.data())).toList();
    }

    @Test
    void truncatedGzipIsDamageAtTheDecompressedOffset() throws IOException {
        byte[] gz = gzip(pcap());
        assertCutShortCompressedFile("cut.pcap.gz", Arrays.copyOf(gz, gz.length / 2));
    }

    @Test
    void truncatedZstdIsDamageAtTheDecompressedOffset() throws IOException {
        byte[] zst = zstd(pcap());
        assertCutShortCompressedFile("cut.pcap.zst", Arrays.copyOf(zst, zst.length / 2));
    }

    private void assertCutShortCompressedFile(String name, byte[] content) throws IOException {
        Path file = Files.write(dir.resolve(name), content);
        try (PacketSource source = CaptureFiles.open(file)) {
            List<Frame> frames = readAll(source);
            assertThat(frames).hasSizeBetween(1, RECORDS - 1);
            assertThat(frames.get(frames.size() - 1).frameNumber()).isEqualTo(frames.size());
            CaptureDamage damage = source.damage();
            assertThat(damage).isNotNull();
            assertThat(damage.byteOffset()).isEqualTo(24L + (long) frames.size() * RECORD_BYTES);
            assertThat(damage.problem()).contains("cut short").contains("compressed stream damaged");
        }
    }

    @Test
    void rejectsUnknownFormatWithFileAndReason() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.pcap"), "not a capture at all");
        assertThatThrownBy(() -> CaptureFiles.open(file))
                .isInstanceOfSatisfying(CaptureFormatException.class, e -> {
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.reason()).contains("unknown format").contains("6e6f7420");
                });
    }

    @Test
    void rejectsGzipOfSomethingElse() throws IOException {
        Path file = Files.write(dir.resolve("x.gz"), gzip("hello world".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertThatThrownBy(() -> CaptureFiles.open(file)).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("after gzip decompression");
    }

    @Test
    void rejectsEmptyAndTinyFiles() throws IOException {
        Path empty = Files.write(dir.resolve("empty.pcap"), new byte[0]);
        assertThatThrownBy(() -> CaptureFiles.open(empty)).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("empty");
        Path tiny = Files.write(dir.resolve("tiny.pcap"), new byte[] {(byte) 0xd4, (byte) 0xc3});
        assertThatThrownBy(() -> CaptureFiles.open(tiny)).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("too short");
    }

    @Test
    void rejectsGzipCutInsideItsHeader() throws IOException {
        Path file = Files.write(dir.resolve("head.gz"), Arrays.copyOf(gzip(pcap()), 5));
        assertThatThrownBy(() -> CaptureFiles.open(file)).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("gzip");
    }

    @Test
    void reportsPcapHeaderCutShortAsDamage() throws IOException {
        Path file = Files.write(dir.resolve("short.pcap"), Arrays.copyOf(pcap(), 12));
        try (PacketSource source = CaptureFiles.open(file)) {
            assertThat(readAll(source)).isEmpty();
            assertThat(source.damage().byteOffset()).isZero();
        }
    }
}
