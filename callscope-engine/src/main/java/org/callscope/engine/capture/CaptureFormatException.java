package org.callscope.engine.capture;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that cannot be read as a capture at all (unknown magic, empty, undecompressable start),
 * raised when the file is opened. Damage later in a file is not an exception: see
 * {@link PacketSource#damage()}. Extends {@link IOException} so callers handle "cannot open this
 * file" in one place.
 */
public final class CaptureFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String reason;

    public CaptureFormatException(Path file, String reason) {
        super(file + ": " + reason);
        this.file = file;
        this.reason = reason;
    }

    public CaptureFormatException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    /** The file that was opened. */
    public Path file() {
        return file;
    }

    /** Why it is not a readable capture, in words for an operator. */
    public String reason() {
        return reason;
    }
}
