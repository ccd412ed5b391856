package org.callscope.engine.tls.keys.transport;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts a byte stream into LF-ended lines of at most {@link #MAX_LINE_BYTES} bytes with the LF
 * (docs/KEY-TRANSPORT.md); one framer per connection, fed on that connection's thread. Bytes are
 * decoded as UTF-8, malformed ones replaced, so junk becomes a line that does not parse.
 */
final class LineFramer {
    /** Longest line the protocol allows, LF included. */
    static final int MAX_LINE_BYTES = 1024;

    private final byte[] line = new byte[MAX_LINE_BYTES - 1];
    private int length;

    /**
     * Passes every line completed by {@code len} bytes of {@code buf} to {@code lines}, without
     * its LF, and keeps the unfinished rest for the next call.
     *
     * @return false when a line grew past {@link #MAX_LINE_BYTES}: the stream is not this protocol
     *         and the rest of {@code buf} was not read
     */
    boolean feed(byte[] buf, int off, int len, Consumer<String> lines) {
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte b = buf[i];
            if (b == '\n') {
                lines.accept(new String(line, 0, length, StandardCharsets.UTF_8));
                length = 0;
            } else if (length < line.length) {
                line[length++] = b;
            } else {
                return false;
            }
        }
        return true;
    }

    /** Bytes of an unfinished line held back. */
    int pending() {
        return length;
    }
}
