package org.callscope.engine.capture;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A capture file that is open only while it is being read: {@link #scan} opens it to read the
 * time of its first frame and closes it again; {@link #next} opens it once more when a merge
 * reaches that time, and it is closed as soon as its last frame is read. A run over thousands of
 * files (a day of a sniffer's spool) then holds open only the files whose time ranges overlap,
 * each with its read buffers, instead of all of them at once.
 *
 * <p>Owned by one reader thread, like every {@link PacketSource}.
 */
public final class DeferredFileSource implements PacketSource {
    /** First-frame time of a file that has no frame at all. */
    static final long NO_FRAMES = Long.MAX_VALUE;

    private final Path file;
    private final long firstTsNanos;
    private PacketSource open;
    private boolean finished;
    private CaptureDamage damage;

    private DeferredFileSource(Path file, long firstTsNanos, CaptureDamage damage, boolean finished) {
        this.file = file;
        this.firstTsNanos = firstTsNanos;
        this.damage = damage;
        this.finished = finished;
    }

    /**
     * Reads {@code file}'s first frame time and closes the file.
     *
     * @throws CaptureFormatException when the file is not a capture in a format we read
     * @throws IOException            when the file cannot be read
     */
    public static DeferredFileSource scan(Path file) throws IOException {
        try (PacketSource source = CaptureFiles.openForFirstFrame(file)) {
            CapturedPacket first = new CapturedPacket(2048);
            if (source.next(first)) {
                return new DeferredFileSource(file, first.tsNanos, null, false);
            }
            return new DeferredFileSource(file, NO_FRAMES, source.damage(), true);
        }
    }

    /** Time of the first frame, or {@link #NO_FRAMES} for a file without any. */
    long firstTsNanos() {
        return firstTsNanos;
    }

    /** Whether the file is open now. */
    boolean isOpen() {
        return open != null;
    }

    @Override
    public boolean next(CapturedPacket into) throws IOException {
        if (finished) {
            return false;
        }
        if (open == null) {
            try {
                open = CaptureFiles.open(file);
            } catch (IOException e) {
                // Readable when scanned, gone or changed now: the others are still read.
                damage = new CaptureDamage(name(), 0, "could not be opened again: " + reason(e));
                finished = true;
                return false;
            }
        }
        if (open.next(into)) {
            return true;
        }
        damage = open.damage();
        finished = true;
        PacketSource ended = open;
        open = null;
        ended.close();
        return false;
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public CaptureDamage damage() {
        return open != null ? open.damage() : damage;
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public void close() throws IOException {
        finished = true;
        if (open != null) {
            PacketSource closing = open;
            open = null;
            closing.close();
        }
    }
}
