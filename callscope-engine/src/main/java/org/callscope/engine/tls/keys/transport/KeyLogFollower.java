package org.callscope.engine.tls.keys.transport;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Follows a key-log file that a program writes ({@code SSLKEYLOGFILE}), as {@code tail -F} does:
 * each {@link #poll()} hands the complete lines added since the last one to a consumer. It
 * survives log rotation: a file renamed or deleted and created anew (another inode at the path)
 * is read to its end, then the new one from its start; a file truncated in place (shorter than
 * what was read, or holding other bytes before that point) is read again from its start. An unfinished last line waits for its LF; lines
 * longer than {@link LineFramer#MAX_LINE_BYTES} are skipped with a warning.
 *
 * <p>Limits: lines a writer adds to a renamed file after the poll that switched to the new file
 * are not seen. Not thread-safe: one thread polls. Reads are not interruptible (an interrupt
 * of the polling thread is a request to stop, not a reason to lose the file).
 */
public final class KeyLogFollower implements AutoCloseable {
    private static final int READ_BYTES = 64 * 1024;
    private static final int TAIL_BYTES = 64;

    private final Path file;
    private final Consumer<String> lines;
    private final Consumer<String> warnings;
    private final byte[] buf = new byte[READ_BYTES];
    private final byte[] line = new byte[LineFramer.MAX_LINE_BYTES - 1];
    private int lineLength;
    /** The last bytes read, up to the read position, to notice a file rewritten under us. */
    private final byte[] tail = new byte[TAIL_BYTES];
    private final byte[] check = new byte[TAIL_BYTES];
    private int tailLength;
    private boolean skippingLongLine;
    private boolean startAtEnd;
    private boolean reportedMissing;
    private RandomAccessFile channel;
    private Object fileKey;
    private long position;

    /**
     * @param fromStart whether to send what the file holds already; otherwise only what is added
     *                  after the first poll that finds the file (a file created later, or anew, is
     *                  always read from its start)
     * @param lines     receives each complete line, without its line end (LF or CRLF)
     */
    public KeyLogFollower(Path file, boolean fromStart, Consumer<String> lines, Consumer<String> warnings) {
        this.file = Objects.requireNonNull(file, "file");
        this.lines = Objects.requireNonNull(lines, "lines");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        this.startAtEnd = !fromStart;
    }

    /**
     * Reads what is new and notices rotation.
     *
     * @return how many lines were handed on
     * @throws IOException when the file exists but cannot be read; the message names it
     */
    public int poll() throws IOException {
        int count = 0;
        if (channel == null && !open()) {
            return 0;
        }
        if (rewritten()) {
            warnings.accept(file + ": truncated; reading it again from the start");
            position = 0;
            tailLength = 0;
            lineLength = 0;
            skippingLongLine = false;
        }
        count += drain();
        FileState now = stat();
        if (now == null || !now.key().equals(fileKey)) {
            // renamed or deleted, maybe already created anew: the old file was read to its end above
            if (lineLength > 0) {
                warnings.accept(file + ": an unfinished last line (" + lineLength + " bytes) of the rotated file was dropped");
            }
            closeChannel();
            if (now == null) {
                warnings.accept(file + ": no such file any more (rotated?); waiting for a new one");
                reportedMissing = true;
            } else if (open()) {
                count += drain();
            }
        }
        return count;
    }

    /**
     * Whether the file no longer holds what was read: shorter than that, or other bytes before the
     * read position (truncated and written again to the same length or more between two polls).
     */
    private boolean rewritten() throws IOException {
        if (channel.length() < position) {
            return true;
        }
        if (tailLength == 0) {
            return false;
        }
        channel.seek(position - tailLength);
        try {
            channel.readFully(check, 0, tailLength);
        } catch (EOFException shrankJustNow) {
            return true;
        }
        return !Arrays.equals(check, 0, tailLength, tail, 0, tailLength);
    }

    @Override
    public void close() {
        closeChannel();
    }

    private record FileState(Object key) {
    }

    /** The identity (device and inode) of the file now at the path; null when there is none. */
    private FileState stat() throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            Object key = a.fileKey();
            // without inodes (not on Linux) the creation time stands in
            return new FileState(key != null ? key : a.creationTime());
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private boolean open() throws IOException {
        FileState state = stat();
        if (state == null) {
            if (!reportedMissing) {
                warnings.accept(file + ": no such file yet; waiting for it");
                reportedMissing = true;
            }
            startAtEnd = false; // whatever appears later is new
            return false;
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory, not a key-log file");
        }
        try {
            channel = new RandomAccessFile(file.toFile(), "r");
        } catch (FileNotFoundException e) {
            if (Files.exists(file)) {
                throw new IOException(file + ": cannot read it ("
                        + (Files.isReadable(file) ? e.getMessage() : "permission denied") + ")", e);
            }
            return false; // gone between the two looks; try again next time
        }
        fileKey = state.key();
        position = startAtEnd ? channel.length() : 0;
        tailLength = 0;
        if (position > 0) {
            tailLength = (int) Math.min(TAIL_BYTES, position);
            channel.seek(position - tailLength);
            channel.readFully(tail, 0, tailLength);
        }
        startAtEnd = false;
        reportedMissing = false;
        lineLength = 0;
        skippingLongLine = false;
        return true;
    }

    private int drain() throws IOException {
        int count = 0;
        while (true) {
            channel.seek(position);
            int n = channel.read(buf);
            if (n <= 0) {
                return count;
            }
            position += n;
            remember(buf, n);
            byte[] b = buf;
            for (int i = 0; i < n; i++) {
                if (b[i] == '\n') {
                    if (!skippingLongLine) {
                        int end = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
                        lines.accept(new String(line, 0, end, StandardCharsets.UTF_8));
                        count++;
                    }
                    lineLength = 0;
                    skippingLongLine = false;
                } else if (skippingLongLine) {
                    continue;
                } else if (lineLength < line.length) {
                    line[lineLength++] = b[i];
                } else {
                    warnings.accept(file + ": a line longer than " + LineFramer.MAX_LINE_BYTES + " bytes was skipped");
                    skippingLongLine = true;
                    lineLength = 0;
                }
            }
        }
    }

    private void remember(byte[] b, int n) {
        if (n >= TAIL_BYTES) {
            System.arraycopy(b, n - TAIL_BYTES, tail, 0, TAIL_BYTES);
            tailLength = TAIL_BYTES;
        } else {
            int keep = Math.min(tailLength, TAIL_BYTES - n);
            System.arraycopy(tail, tailLength - keep, tail, 0, keep);
            System.arraycopy(b, 0, tail, keep, n);
            tailLength = keep + n;
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // read-only: nothing is lost
            }
            channel = null;
        }
        fileKey = null;
        tailLength = 0;
        lineLength = 0;
        skippingLongLine = false;
    }
}
