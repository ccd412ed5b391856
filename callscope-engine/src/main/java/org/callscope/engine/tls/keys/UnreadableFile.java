package org.callscope.engine.tls.keys;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Why a key file cannot be opened, in words for an operator ("no such file", "permission
 * denied", "is a directory"), keeping the file-system exception types callers may test for.
 */
final class UnreadableFile {
    private UnreadableFile() {
    }

    /** Fails early for a path that exists but is no regular file. */
    static void requireRegularFile(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null, "is a directory, not a file");
        }
    }

    /** {@code e} restated as "FILE: reason". */
    static IOException describe(Path file, IOException e) {
        IOException described;
        if (e instanceof NoSuchFileException) {
            described = new NoSuchFileException(file.toString(), null, "no such file");
        } else if (e instanceof AccessDeniedException) {
            described = new AccessDeniedException(file.toString(), null, "permission denied");
        } else if (e instanceof FileSystemException fse && fse.getReason() != null) {
            described = new FileSystemException(file.toString(), null, fse.getReason());
        } else {
            String message = e.getMessage();
            described = new IOException(file + ": " + (message == null ? e.getClass().getSimpleName() : message));
        }
        described.initCause(e);
        return described;
    }
}
