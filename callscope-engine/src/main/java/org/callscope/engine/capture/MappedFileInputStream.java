package org.callscope.engine.capture;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a regular file through a sliding memory-mapped window: one copy from the page cache into
 * the caller's array, no read system call per chunk and no intermediate direct buffer. Each window
 * is unmapped as soon as reading moves past it, so the mapping adds at most one window
 * ({@link #WINDOW_BYTES}) to the resident set whatever the file size.
 */
final class MappedFileInputStream extends InputStream {
    static final long WINDOW_BYTES = 16L << 20;

    private final FileChannel channel;
    private final long windowBytes;
    private final long size;
    private long position;
    private long windowStart;
    private long windowEnd;
    private Arena arena;
    private MemorySegment window;

    private MappedFileInputStream(FileChannel channel, long windowBytes) throws IOException {
        this.channel = channel;
        this.windowBytes = windowBytes;
        this.size = channel.size();
    }

    /** A mapped stream for a regular file; a plain stream for anything else (pipes, devices). */
    static InputStream open(Path file) throws IOException {
        return open(file, WINDOW_BYTES);
    }

    static InputStream open(Path file, long windowBytes) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Files.newInputStream(file);
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new MappedFileInputStream(channel, windowBytes);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (position >= size) {
            return -1;
        }
        if (window == null || position >= windowEnd) {
            map();
        }
        int n = (int) Math.min(len, windowEnd - position);
        MemorySegment.copy(window, ValueLayout.JAVA_BYTE, position - windowStart, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    private void map() throws IOException {
        unmap();
        windowStart = position;
        windowEnd = Math.min(size, position + windowBytes);
        arena = Arena.ofShared();
        window = channel.map(FileChannel.MapMode.READ_ONLY, windowStart, windowEnd - windowStart, arena);
    }

    private void unmap() {
        if (arena != null) {
            arena.close();
            arena = null;
            window = null;
        }
    }

    @Override
    public void close() throws IOException {
        unmap();
        channel.close();
    }
}
