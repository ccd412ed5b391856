package org.callscope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.callscope.engine.tls.keys.transport.KeyTransportPsk;

/** The {@code --secret-file} of the {@code keys} commands: read it, or say why not (never what it holds). */
final class SharedSecret {
    private SharedSecret() {
    }

    /** The key from {@code file}, or null after telling {@code err} why it cannot be used. */
    static KeyTransportPsk readOrReport(Path file, PrintStream err) {
        try {
            return KeyTransportPsk.fromFile(file);
        } catch (IOException | IllegalArgumentException e) {
            err.println("callscope: --secret-file " + (e.getMessage().startsWith(file.toString()) ? "" : file + ": ")
                    + e.getMessage());
            return null;
        }
    }
}
