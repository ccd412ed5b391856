package org.callscope.engine.tls.keys;

import java.util.function.Consumer;

/**
 * A per-minute allowance of reports, so a flood of bad input cannot flood the log: within a
 * minute the first {@code perMinute} reports are shown and the rest only counted; the next report
 * after the minute says first how many were held back. Thread-safe; reports are delivered under
 * its lock, so they come out in order, and a sink that throws does not stop the caller.
 */
public final class WarningLimit {
    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final int perMinute;
    private final String subject;
    private long windowStartNanos = System.nanoTime();
    private int shown;
    private long suppressed;

    /**
     * @param subject what the reports are about, for the summary ("key datagrams")
     */
    public WarningLimit(int perMinute, String subject) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be at least 1, got " + perMinute);
        }
        this.perMinute = perMinute;
        this.subject = subject;
    }

    /** Delivers {@code message} to {@code sink} unless this minute's allowance is used up. */
    public void report(Consumer<String> sink, String message) {
        report(sink, () -> sink.accept(message));
    }

    /** Runs {@code report} unless this minute's allowance is used up; summaries go to {@code summary}. */
    public synchronized void report(Consumer<String> summary, Runnable report) {
        long now = System.nanoTime();
        if (now - windowStartNanos >= MINUTE_NANOS) {
            if (suppressed > 0) {
                deliver(() -> summary.accept(suppressed + " more warnings about " + subject + " were not shown"));
            }
            windowStartNanos = now;
            shown = 0;
            suppressed = 0;
        }
        if (shown < perMinute) {
            shown++;
            deliver(report);
        } else {
            suppressed++;
        }
    }

    private static void deliver(Runnable report) {
        try {
            report.run();
        } catch (RuntimeException ignored) {
            // a failing sink must not stop whoever reports (a receiver thread)
        }
    }
}
