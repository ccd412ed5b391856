package org.callscope.engine.tls.keys;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Reads NSS key log files ({@code SSLKEYLOGFILE}, RFC 9850) into {@link SessionKeys}. */
public final class KeyLogFiles {
    private static final int READ_CHARS = 8192;

    private KeyLogFiles() {
    }

    /**
     * Reads {@code file} into {@code keys}. Bad lines are reported through {@code warnings} as
     * "FILE:LINE: reason" and skipped; the rest are loaded. Lines are read with a bounded buffer, so
     * a file without line breaks costs no more memory than a normal one.
     *
     * @return how many entries were new to {@code keys}
     * @throws IOException only when the file cannot be read; the message names the file and why
     *                     (no such file, permission denied, is a directory)
     */
    public static int load(Path file, SessionKeys keys, Consumer<String> warnings) throws IOException {
        UnreadableFile.requireRegularFile(file);
        Reader in;
        try {
            // The decoder replaces malformed bytes, so binary junk becomes a bad line, not an exception.
            in = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw UnreadableFile.describe(file, e);
        }
        try (in) {
            return read(file, in, keys, warnings);
        } catch (IOException e) {
            throw UnreadableFile.describe(file, e);
        }
    }

    private static int read(Path file, Reader in, SessionKeys keys, Consumer<String> warnings) throws IOException {
        char[] buf = new char[READ_CHARS];
        StringBuilder line = new StringBuilder();
        boolean tooLong = false;
        int lineNumber = 1;
        int added = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            for (int i = 0; i < n; i++) {
                char c = buf[i];
                if (c == '\n') {
                    added += take(file, lineNumber++, line, tooLong, keys, warnings);
                    line.setLength(0);
                    tooLong = false;
                } else if (line.length() < KeyLogLine.MAX_LINE_CHARS) {
                    line.append(c);
                } else {
                    tooLong = true;
                }
            }
        }
        if (!line.isEmpty() || tooLong) {
            added += take(file, lineNumber, line, tooLong, keys, warnings);
        }
        return added;
    }

    private static int take(Path file, int lineNumber, CharSequence line, boolean tooLong, SessionKeys keys,
                            Consumer<String> warnings) {
        if (tooLong) {
            warnings.accept(file + ":" + lineNumber + ": line too long (more than " + KeyLogLine.MAX_LINE_CHARS
                    + " characters)");
            return 0;
        }
        try {
            KeyLogEntry entry = KeyLogLine.parse(line.toString());
            return entry != null && keys.add(entry) ? 1 : 0;
        } catch (KeyLogFormatException e) {
            warnings.accept(file + ":" + lineNumber + ": " + e.getMessage());
            return 0;
        }
    }
}
