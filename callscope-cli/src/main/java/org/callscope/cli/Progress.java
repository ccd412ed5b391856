package org.callscope.cli;

import java.io.PrintStream;

/** Frame count on stderr about once a second while a long run goes on; silent unless on a terminal. */
final class Progress {
    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final PrintStream err;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long lastPrint = start;
    private boolean printed;

    private Progress(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    static Progress forStderr(PrintStream err) {
        java.io.Console console = System.console();
        return new Progress(err, console != null && console.isTerminal());
    }

    void update(long frames) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastPrint >= INTERVAL_NANOS) {
            lastPrint = now;
            double seconds = (now - start) / 1e9;
            err.printf("\r%,d frames, %,.0f frames/s", frames, frames / seconds);
            printed = true;
        }
    }

    void done() {
        if (printed) {
            err.print("\r\033[K");
        }
    }
}
