package org.callscope.engine.spool;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.callscope.engine.capture.CapturedPacket;

/**
 * Writes a classic pcap file with nanosecond timestamps in little-endian order (magic a1b23c4d,
 * draft-ietf-opsawg-pcap §4), readable by libpcap, Wireshark and our own {@code PcapFileSource}.
 *
 * <p>Owned by one thread (the spool writer of a call). Buffered in a fixed 64 KiB array it
 * allocated at construction; writing a frame allocates nothing. Frames longer than the snaplen
 * are cut to it, keeping their original length, as a capturing libpcap would.
 *
 * <p>Timestamps are written as unsigned 32-bit seconds, so times before 1970 or after 2106 wrap.
 */
public final class PcapWriter implements Closeable, Flushable {
    /** Version 2.4, the only one defined (draft-ietf-opsawg-pcap §4). */
    private static final int VERSION_MAJOR = 2;
    private static final int VERSION_MINOR = 4;
    private static final int MAGIC_NANOS = 0xa1b23c4d;
    private static final int FILE_HEADER_BYTES = 24;
    private static final int RECORD_HEADER_BYTES = 16;
    private static final int BUFFER_BYTES = 1 << 16;

    private final OutputStream out;
    private final int snaplen;
    private final byte[] buf = new byte[BUFFER_BYTES];
    private int used;
    private long packetsWritten;
    private boolean closed;

    /** Creates (or replaces) {@code file} and writes the file header. */
    public PcapWriter(Path file, int linkType, int snaplen) throws IOException {
        this(Files.newOutputStream(file), linkType, snaplen);
    }

    /** Writes the file header to {@code out}, which is owned and closed by this writer. */
    public PcapWriter(OutputStream out, int linkType, int snaplen) throws IOException {
        if (snaplen <= 0) {
            throw new IllegalArgumentException("snaplen must be positive: " + snaplen);
        }
        this.out = out;
        this.snaplen = snaplen;
        put32(MAGIC_NANOS);
        put16(VERSION_MAJOR);
        put16(VERSION_MINOR);
        put32(0); // thiszone: always 0 (draft §4, "Reserved1")
        put32(0); // sigfigs: always 0 (draft §4, "Reserved2")
        put32(snaplen);
        put32(linkType);
        assert used == FILE_HEADER_BYTES;
    }

    /**
     * Appends one frame.
     *
     * @param capturedLen bytes present in {@code buf}; cut to the snaplen if longer
     * @param originalLen length on the wire; raised to {@code capturedLen} if smaller
     */
    public void write(long tsNanos, byte[] buf, int off, int capturedLen, int originalLen) throws IOException {
        if (closed) {
            throw new IOException("pcap writer is closed");
        }
        java.util.Objects.checkFromIndexSize(off, capturedLen, buf.length);
        int length = Math.min(capturedLen, snaplen);
        if (used + RECORD_HEADER_BYTES > BUFFER_BYTES) {
            drain();
        }
        put32((int) Math.floorDiv(tsNanos, 1_000_000_000L));
        put32((int) Math.floorMod(tsNanos, 1_000_000_000L));
        put32(length);
        put32(Math.max(originalLen, capturedLen));
        if (length > BUFFER_BYTES - used) {
            drain();
            out.write(buf, off, length);
        } else {
            System.arraycopy(buf, off, this.buf, used, length);
            used += length;
        }
        packetsWritten++;
    }

    /** Appends a captured frame with its timestamp and lengths. */
    public void write(CapturedPacket packet) throws IOException {
        write(packet.tsNanos, packet.data, 0, packet.capturedLength, packet.originalLength);
    }

    /** Frames written so far. */
    public long packetsWritten() {
        return packetsWritten;
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (out) {
            drain();
        }
    }

    private void drain() throws IOException {
        if (used > 0) {
            out.write(buf, 0, used);
            used = 0;
        }
    }

    private void put16(int v) {
        buf[used++] = (byte) v;
        buf[used++] = (byte) (v >>> 8);
    }

    private void put32(int v) {
        buf[used++] = (byte) v;
        buf[used++] = (byte) (v >>> 8);
        buf[used++] = (byte) (v >>> 16);
        buf[used++] = (byte) (v >>> 24);
    }
}
