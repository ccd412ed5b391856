package org.callscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A long-running command of the real command tree on its own thread, stopped by an interrupt as by Ctrl-C. */
final class BackgroundCli implements AutoCloseable {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Thread thread;
    private volatile Integer status;

    private BackgroundCli(String... args) {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        thread = new Thread(() -> status = CallScopeCommand.newCommandLine(o, e, args[0]).execute(args), "callscope " + args[0]);
        thread.setDaemon(true);
    }

    static BackgroundCli start(String... args) {
        BackgroundCli cli = new BackgroundCli(args);
        cli.thread.start();
        return cli;
    }

    String out() {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    String err() {
        synchronized (err) {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits up to 15 s for stderr to match {@code pattern}; returns the match. */
    Matcher awaitErr(String pattern) throws InterruptedException {
        Pattern p = Pattern.compile(pattern);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            Matcher m = p.matcher(err());
            if (m.find()) {
                return m;
            }
            assertThat(status).as("the command ended early: " + err()).isNull();
            assertThat(System.nanoTime()).as("waiting for " + pattern + " in " + err()).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    void awaitOut(String what, Predicate<String> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.test(out())) {
            assertThat(System.nanoTime()).as("waiting for " + what + " in " + out() + " / " + err()).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** Interrupts the command (its Ctrl-C) and returns its exit status. */
    int stop() throws InterruptedException {
        thread.interrupt();
        thread.join(15_000);
        assertThat(thread.isAlive()).as("still running after the stop").isFalse();
        return status;
    }

    @Override
    public void close() {
        if (thread.isAlive()) {
            thread.interrupt();
            try {
                thread.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
