package org.callscope.engine.capture;

import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.ZstdIOException;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

/**
 * The byte window a capture file reader parses from: one large reused buffer over a stream, so
 * record headers are read in place and only frame bytes are copied (once, into the packet).
 *
 * <p>Owned by the one thread that reads its source; allocates only its buffer: at construction,
 * and again when a request needs a larger one.
 * When the stream is a decompressor, a cut-short or corrupt compressed stream is not an I/O
 * error but damage to the capture: reading stops as at end of input and {@link #fault()} says why.
 */
final class CaptureInput implements Closeable {
    /**
     * Largest window. It bounds the largest block a reader parses in one piece; 1 MiB holds a
     * pcapng block carrying a frame of the largest accepted captured length plus its options.
     */
    static final int WINDOW_BYTES = 1 << 20;

    private final InputStream in;
    private final boolean decompressing;
    /** Starts at the size the opener chose and doubles, up to {@link #WINDOW_BYTES}, when a request needs it. */
    private byte[] buf;
    private int pos;
    private int limit;
    private long base;
    private boolean ended;
    private String fault;

    /**
     * @param in            the stream, owned from now on
     * @param decompressing whether {@code in} inflates compressed data, whose damage ends input
     */
    CaptureInput(InputStream in, boolean decompressing) {
        this(in, decompressing, WINDOW_BYTES);
    }

    /** As {@link #CaptureInput(InputStream, boolean)} with a first window of {@code initialBytes}. */
    CaptureInput(InputStream in, boolean decompressing, int initialBytes) {
        this.in = in;
        this.decompressing = decompressing;
        this.buf = new byte[Math.clamp(initialBytes, 64, WINDOW_BYTES)];
    }

    /** The window; the next unread byte is at {@link #position()}. Valid until the next request. */
    byte[] buffer() {
        return buf;
    }

    /** Index of the next unread byte in {@link #buffer()}. */
    int position() {
        return pos;
    }

    /** Offset of the next unread byte in the (decompressed) stream. */
    long offset() {
        return base + pos;
    }

    /**
     * Makes {@code n} bytes available from {@link #position()} unless input ends first.
     * May move the window contents, so callers re-read {@link #buffer()} and {@link #position()}.
     *
     * @param n at most {@link #WINDOW_BYTES}
     * @return how many bytes are available (fewer than {@code n} only at end of input)
     */
    int request(int n) throws IOException {
        int available = limit - pos;
        if (available >= n || ended) {
            return available;
        }
        if (n > buf.length) {
            byte[] larger = new byte[Math.min(WINDOW_BYTES, Math.max(n, 2 * buf.length))];
            System.arraycopy(buf, pos, larger, 0, available);
            buf = larger;
            base += pos;
            pos = 0;
            limit = available;
        } else if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, available);
            base += pos;
            pos = 0;
            limit = available;
        }
        while (limit < n && !ended) {
            int read = readSome();
            if (read < 0) {
                ended = true;
            } else {
                limit += read;
            }
        }
        return limit - pos;
    }

    /** Marks {@code n} available bytes as read. */
    void consume(int n) {
        pos += n;
    }

    /**
     * Skips {@code n} bytes, reading through the window so decompressed input is handled alike.
     *
     * @return how many bytes were skipped (fewer than {@code n} only at end of input)
     */
    long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n) {
            int want = (int) Math.min(n - skipped, buf.length);
            int available = request(want);
            int step = Math.min(available, want);
            if (step == 0) {
                break;
            }
            consume(step);
            skipped += step;
        }
        return skipped;
    }

    /** Why a compressed stream ended early, or {@code null} when input ended normally so far. */
    String fault() {
        return fault;
    }

    /** Appends the decompressor's complaint, if any, to a damage description. */
    String describe(String problem) {
        return fault == null ? problem : problem + " (compressed stream damaged: " + fault + ")";
    }

    private int readSome() throws IOException {
        try {
            return in.read(buf, limit, buf.length - limit);
        } catch (EOFException | ZipException | ZstdIOException | ZstdException e) {
            if (!decompressing) {
                throw e;
            }
            fault = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
