package org.callscope.engine.capture;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Reads a regular file with large {@code read} calls into one direct buffer kept for the whole
 * file, then copies from it into the caller's array. Memory-mapping the file instead cost four
 * times as much here: every page of a mapping is a page fault on first touch, and page faults are
 * expensive in virtual machines (docs/PERFORMANCE.md, "Reading capture files"). The buffer is
 * freed when the stream is closed, not when the garbage collector gets to it.
 */
final class DirectBufferFileInputStream extends InputStream {
    static final int BUFFER_BYTES = 1 << 20;

    private final FileChannel channel;
    private final Arena arena = Arena.ofShared();
    private final ByteBuffer buffer;
    private boolean ended;
    private boolean closed;

    private DirectBufferFileInputStream(FileChannel channel, int bufferBytes) {
        this.channel = channel;
        this.buffer = arena.allocate(bufferBytes).asByteBuffer().flip();
    }

    /** A buffered stream for a regular file; a plain stream for anything else (pipes, devices). */
    static InputStream open(Path file) throws IOException {
        return open(file, BUFFER_BYTES);
    }

    static InputStream open(Path file, int bufferBytes) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Files.newInputStream(file);
        }
        return new DirectBufferFileInputStream(FileChannel.open(file, StandardOpenOption.READ), bufferBytes);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        ensureOpen();
        if (!buffer.hasRemaining() && !fill()) {
            return -1;
        }
        int n = Math.min(len, buffer.remaining());
        buffer.get(b, off, n);
        return n;
    }

    @Override
    public int read() throws IOException {
        ensureOpen();
        if (!buffer.hasRemaining() && !fill()) {
            return -1;
        }
        return buffer.get() & 0xff;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
    }

    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        buffer.clear();
        int n;
        do {
            n = channel.read(buffer);
        } while (n == 0);
        buffer.flip();
        if (n < 0) {
            ended = true;
            return false;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } finally {
            arena.close();
        }
    }
}
