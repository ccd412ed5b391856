package org.callscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keys listen} as its own process, stopped by SIGTERM as a service manager stops it. */
class KeysListenProcessTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path tmp;

    @Test
    void sigtermClosesTheSocketAndLeavesTheFileComplete() throws Exception {
        Path keys = tmp.resolve("keys.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.callscope.cli.CallScopeCommand", "keys", "listen", "--udp", "127.0.0.1:0", "--append", keys.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        List<String> err = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    err.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            int port = awaitPort(err, p);
            String line = KeysCommandTest.line(42);
            try (DatagramSocket s = new DatagramSocket()) {
                byte[] b = line.getBytes(StandardCharsets.US_ASCII);
                s.send(new DatagramPacket(b, b.length, new InetSocketAddress(LOOPBACK, port)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!(Files.exists(keys) && Files.readString(keys).contains(line))) {
                assertThat(System.nanoTime()).as("waiting for the line in the file; stderr " + err).isLessThan(deadline);
                Thread.sleep(20);
            }
            // SIGTERM to this PID; through its handle, since Process.destroy() also closes our end of its stderr
            assertThat(p.toHandle().destroy()).isTrue();
            assertThat(p.waitFor(15, TimeUnit.SECONDS)).as("ended after SIGTERM").isTrue();
            reader.join(5_000);
            assertThat(p.exitValue()).as("killed by SIGTERM after cleanup").isEqualTo(128 + 15);
            assertThat(err).as("cleanup ran").anyMatch(l -> l.contains("stopped; 1 new keys written"));
            assertThat(Files.readAllLines(keys)).containsExactly(line);
            try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
                assertThat(again.getLocalPort()).as("the port is free").isEqualTo(port);
            }
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static int awaitPort(List<String> err, Process p) throws InterruptedException {
        Pattern listening = Pattern.compile("listening for keys on udp 127\\.0\\.0\\.1:(\\d+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            for (String l : err) {
                Matcher m = listening.matcher(l);
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
            assertThat(p.isAlive()).as("running; stderr " + err).isTrue();
            assertThat(System.nanoTime()).as("waiting for the listening message; stderr " + err).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
