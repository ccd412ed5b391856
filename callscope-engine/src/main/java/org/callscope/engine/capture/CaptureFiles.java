package org.callscope.engine.capture;

import com.github.luben.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens a capture file by what it contains, not by its name: pcap or pcapng, each optionally
 * gzip- or zstd-compressed (sniffed by magic: gzip 1f 8b, RFC 1952 §2.3.1; zstd 28 b5 2f fd,
 * RFC 8878 §3.1.1). Called once per file by whoever sets up the pipeline; allocates the reader's
 * window and the decompressor.
 */
public final class CaptureFiles {
    /** Read buffers for reading a whole file: 1 MiB reads were the fastest (docs/PERFORMANCE.md). */
    private static final int WHOLE_FILE_BUFFER_BYTES = 1 << 20;
    /** Read buffers for reading a file's first frame; they grow if a block at the start needs it. */
    private static final int FIRST_FRAME_BUFFER_BYTES = 16 << 10;
    private static final int GZIP_BUFFER_BYTES = 1 << 16;
    private static final int GZIP_MAGIC = 0x1f8b;
    private static final int ZSTD_MAGIC = 0x28b52ffd;

    private CaptureFiles() {
    }

    /**
     * Opens {@code file} for reading from its first frame.
     *
     * @throws CaptureFormatException when the file is not a capture in a format we read
     * @throws IOException            when the file cannot be read
     */
    public static PacketSource open(Path file) throws IOException {
        return open(file, WHOLE_FILE_BUFFER_BYTES);
    }

    /** As {@link #open(Path)}, with small buffers: for reading no more than the first frame. */
    static PacketSource openForFirstFrame(Path file) throws IOException {
        return open(file, FIRST_FRAME_BUFFER_BYTES);
    }

    private static PacketSource open(Path file, int bufferBytes) throws IOException {
        // No buffer larger than the file: a run over thousands of small files allocates little.
        int fileBufferBytes = Files.isRegularFile(file) ? (int) Math.clamp(Files.size(file), 64, bufferBytes) : bufferBytes;
        PushbackInputStream raw = new PushbackInputStream(DirectBufferFileInputStream.open(file, fileBufferBytes), 4);
        try {
            byte[] head = raw.readNBytes(4);
            raw.unread(head);
            InputStream content = raw;
            String compression = null;
            if (head.length >= 2 && ((head[0] & 0xff) << 8 | (head[1] & 0xff)) == GZIP_MAGIC) {
                compression = "gzip";
                content = openDecompressor(file, compression, raw);
            } else if (head.length == 4 && magic(head) == ZSTD_MAGIC) {
                compression = "zstd";
                content = openDecompressor(file, compression, raw);
            }
            CaptureInput input = new CaptureInput(content, compression != null,
                    compression == null ? fileBufferBytes : bufferBytes);
            int available = input.request(4);
            if (available < 4) {
                String why = input.fault() != null ? compression + " stream damaged: " + input.fault()
                        : available == 0 ? "file is empty" : "file is too short to be a capture";
                throw new CaptureFormatException(file, why);
            }
            int magic = (int) org.callscope.engine.bytes.Bytes.u32(input.buffer(), input.position());
            String name = file.toString();
            if (PcapFileSource.isMagic(magic)) {
                return new PcapFileSource(name, input);
            }
            if (magic == PcapngFileSource.SECTION_HEADER) {
                return new PcapngFileSource(name, input);
            }
            throw new CaptureFormatException(file, String.format(
                    "unknown format (first bytes %08x%s): expected pcap, pcapng, or either compressed with gzip or zstd",
                    magic, compression == null ? "" : " after " + compression + " decompression"));
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static InputStream openDecompressor(Path file, String compression, InputStream raw) throws IOException {
        try {
            return compression.equals("gzip") ? new GZIPInputStream(raw, GZIP_BUFFER_BYTES) : new ZstdInputStream(raw);
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            throw new CaptureFormatException(file, compression + " header unreadable: " + e.getMessage(), e);
        }
    }

    private static int magic(byte[] b) {
        return (int) org.callscope.engine.bytes.Bytes.u32(b, 0);
    }
}
