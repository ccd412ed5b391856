package org.callscope.bench;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Times two ways of getting a capture file's bytes into a heap array, as the capture reader needs
 * them: a sliding memory-mapped window copied out (what the reader once did), and {@code read}
 * calls into one direct buffer copied out (what it does now). Each way also copies every
 * 230 bytes on into a packet-sized array, as the reader does per frame. Rounds alternate so both
 * see the same machine load; run it under {@code taskset -c 0} for one core.
 *
 * <pre>java -cp benchmarks.jar org.callscope.bench.FileReadComparison FILE [ROUNDS]</pre>
 */
public final class FileReadComparison {
    private static final long MAP_WINDOW = 16L << 20;
    private static final int CHUNK = 1 << 20;
    private static final int FRAME = 230;

    private final byte[] chunk = new byte[CHUNK];
    private final byte[] frame = new byte[2048];
    private long checksum;

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: FileReadComparison FILE [ROUNDS]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        FileReadComparison c = new FileReadComparison();
        for (int r = 1; r <= rounds; r++) {
            long t0 = System.nanoTime();
            long mapped = c.readMapped(file);
            long t1 = System.nanoTime();
            long read = c.readDirect(file);
            long t2 = System.nanoTime();
            if (mapped != read) {
                throw new IllegalStateException("the two ways read " + mapped + " and " + read + " bytes");
            }
            System.out.printf("round %d: mapped %.3f s, read into a direct buffer %.3f s (%d bytes)%n",
                    r, (t1 - t0) / 1e9, (t2 - t1) / 1e9, read);
        }
        System.out.println("checksum " + c.checksum);
    }

    private long readMapped(Path file) throws IOException {
        long total = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            for (long start = 0; start < size; start += MAP_WINDOW) {
                long length = Math.min(MAP_WINDOW, size - start);
                try (Arena arena = Arena.ofShared()) {
                    MemorySegment window = ch.map(FileChannel.MapMode.READ_ONLY, start, length, arena);
                    for (long p = 0; p < length; p += CHUNK) {
                        int n = (int) Math.min(CHUNK, length - p);
                        MemorySegment.copy(window, ValueLayout.JAVA_BYTE, p, chunk, 0, n);
                        total += framesOut(n);
                    }
                }
            }
        }
        return total;
    }

    private long readDirect(Path file) throws IOException {
        long total = 0;
        ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            int n;
            while ((n = ch.read(buffer.clear())) >= 0) {
                buffer.flip().get(chunk, 0, n);
                total += framesOut(n);
            }
        }
        return total;
    }

    private int framesOut(int n) {
        long sum = 0;
        for (int p = 0; p + FRAME <= n; p += FRAME) {
            System.arraycopy(chunk, p, frame, 0, FRAME);
            sum += frame[FRAME / 2];
        }
        checksum += sum;
        return n;
    }
}
