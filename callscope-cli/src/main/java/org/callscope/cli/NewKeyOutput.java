package org.callscope.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Consumer;
import org.callscope.engine.tls.keys.KeyLogEntry;
import org.callscope.engine.tls.keys.KeyLogFiles;
import org.callscope.engine.tls.keys.KeyLogLine;
import org.callscope.engine.tls.keys.KeySink;
import org.callscope.engine.tls.keys.SessionKeys;

/**
 * Where {@code keys listen} writes what its receivers get: every secret not seen before as one
 * NSS key-log line, on stdout or appended to a file (created with mode 0600, since it holds
 * secrets). Lines already in the file count as seen, so a restarted listener adds no duplicate.
 * Each line is flushed as it is written. Receiver threads call it at once; it serialises them.
 */
final class NewKeyOutput implements KeySink, AutoCloseable {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final SessionKeys seen;
    private final OutputStream out;
    private final boolean closeOut;
    private final Consumer<String> warnings;
    private long written;

    private NewKeyOutput(SessionKeys seen, OutputStream out, boolean closeOut, Consumer<String> warnings) {
        this.seen = seen;
        this.out = out;
        this.closeOut = closeOut;
        this.warnings = warnings;
    }

    static NewKeyOutput toStdout(PrintStream out, Consumer<String> warnings) {
        return new NewKeyOutput(new SessionKeys(), out, false, warnings);
    }

    /**
     * Appends to {@code file}, creating it owner-only; its lines so far count as seen.
     *
     * @throws IOException when it cannot be read or opened for appending; the message names it
     */
    static NewKeyOutput appendingTo(Path file, Consumer<String> warnings) throws IOException {
        SessionKeys seen = new SessionKeys();
        if (Files.exists(file)) {
            KeyLogFiles.load(file, seen, warnings);
            warnIfOthersMayRead(file, warnings);
        }
        OutputStream out;
        try {
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            boolean unfinished = Files.size(file) > 0 && !endsWithNewline(file);
            // a stream, not a channel: an interrupt of a receiving thread must not close the file
            out = new FileOutputStream(file.toFile(), true);
            if (unfinished) {
                out.write('\n'); // never glue a line onto an unfinished one
            }
        } catch (IOException e) {
            throw new IOException(file + ": cannot append to it (" + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        }
        return new NewKeyOutput(seen, out, true, warnings);
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (RandomAccessFile read = new RandomAccessFile(file.toFile(), "r")) {
            read.seek(read.length() - 1);
            return read.read() == '\n';
        }
    }

    private static void warnIfOthersMayRead(Path file, Consumer<String> warnings) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)) {
                warnings.accept(file + " holds session secrets and others may read it (mode "
                        + PosixFilePermissions.toString(p) + "); consider chmod 600");
            }
        } catch (IOException | UnsupportedOperationException ignored) {
            // not a POSIX file system: nothing to say
        }
    }

    @Override
    public synchronized boolean add(KeyLogEntry entry) {
        if (!seen.add(entry)) {
            return false;
        }
        try {
            out.write((KeyLogLine.format(entry) + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            written++;
        } catch (IOException e) {
            warnings.accept("cannot write a received key: " + e.getMessage());
        }
        return true;
    }

    /** Lines written. */
    synchronized long written() {
        return written;
    }

    @Override
    public synchronized void close() throws IOException {
        out.flush();
        if (closeOut) {
            out.close();
        }
    }
}
