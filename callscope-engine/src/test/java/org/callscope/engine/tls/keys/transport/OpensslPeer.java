package org.callscope.engine.tls.keys.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** An {@code openssl} process whose output lines are collected as they come, stopped by its PID. */
final class OpensslPeer implements AutoCloseable {
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final OutputStream stdin;
    private final Thread reader;

    private OpensslPeer(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "openssl output");
        reader.setDaemon(true);
        reader.start();
    }

    static boolean available() {
        try {
            Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static OpensslPeer start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        return new OpensslPeer(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    void write(String text) throws IOException {
        stdin.write(text.getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    void closeInput() throws IOException {
        stdin.close();
    }

    List<String> output() {
        return List.copyOf(output);
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits up to 10 s for an output line matching {@code p}. */
    String awaitLine(String what, Predicate<String> p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            for (String line : output) {
                if (p.test(line)) {
                    return line;
                }
            }
            assertThat(System.nanoTime()).as("waiting for " + what + " in openssl's output " + output)
                    .isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    int waitFor() throws InterruptedException {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        reader.join(5_000); // the process may end before its last lines are read
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM to this PID only
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
