package org.callscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.callscope.engine.tls.keys.KeyLogEntry;
import org.callscope.engine.tls.keys.transport.KeyTransportEvents;
import org.callscope.engine.tls.keys.transport.KeyTransportPsk;
import org.callscope.engine.tls.keys.transport.TcpKeyReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two halves of the secure key transport, written in two languages, against each other: the
 * project's keylogger preloaded into real OpenSSL programs sends their TLS 1.3 secrets to the Java
 * receiver. What arrives must equal what {@code openssl s_client -keylogfile} writes itself; a
 * wrong secret must deliver nothing; secrets logged while the receiver is down must arrive once
 * it is back.
 */
class KeyloggerToReceiverIT {
    private static final String SECRET = "keylogger to java, a shared secret";

    @TempDir
    Path tmp;

    private final List<Process> started = new ArrayList<>();
    private final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> authFailures = new ConcurrentLinkedQueue<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void tls13SecretsOfBothEndsArriveAsOpenSslLogsThem() throws Exception {
        Path library = keylogger();
        try (TcpKeyReceiver receiver = receiver(0, SECRET)) {
            int port = receiver.localAddress().getPort();
            Path clientLog = tmp.resolve("s_client.keylog");
            Process server = sServer(library, port, SECRET);
            int tlsPort = waitForPort(server);
            sClient(library, port, SECRET, tlsPort, clientLog);

            Set<String> expected = lines(clientLog);
            assertThat(expected).as("s_client's own key log").hasSize(5);
            // Client and server log the same five secrets; the receiver keeps each once.
            waitUntil(() -> receivedLines().containsAll(expected), 20);
            assertThat(receivedLines()).containsAll(expected);
            assertThat(authFailures).isEmpty();
            assertThat(receiver.authenticated()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aWrongSecretDeliversNothingAndIsReported() throws Exception {
        Path library = keylogger();
        try (TcpKeyReceiver receiver = receiver(0, SECRET)) {
            int port = receiver.localAddress().getPort();
            Process server = sServer(library, port, "not the secret the receiver holds");
            int tlsPort = waitForPort(server);
            sClient(library, port, "not the secret the receiver holds", tlsPort, tmp.resolve("c.keylog"));
            waitUntil(() -> receiver.authenticationFailures() >= 1, 20);
            assertThat(receiver.authenticationFailures()).isGreaterThanOrEqualTo(1);
            assertThat(received).isEmpty();
            assertThat(String.join("\n", authFailures)).doesNotContain("not the secret");
        }
    }

    @Test
    void secretsLoggedWhileTheReceiverIsDownArriveWhenItIsBack() throws Exception {
        Path library = keylogger();
        int port;
        try (TcpKeyReceiver first = receiver(0, SECRET)) {
            port = first.localAddress().getPort();
        }
        // The server (a long-running host, like a PBX) logs its keys while nobody listens.
        Process server = sServer(library, port, SECRET);
        int tlsPort = waitForPort(server);
        Path clientLog = tmp.resolve("late.keylog");
        sClient(library, 0, null, tlsPort, clientLog);
        Set<String> expected = lines(clientLog);
        Thread.sleep(2_000);
        try (TcpKeyReceiver back = receiver(port, SECRET)) {
            waitUntil(() -> receivedLines().containsAll(expected), 40);
            assertThat(receivedLines()).containsAll(expected);
        }
    }

    private TcpKeyReceiver receiver(int port, String secret) throws IOException {
        KeyTransportEvents events = new KeyTransportEvents() {
            @Override
            public void authenticationFailed(String peer, String detail) {
                authFailures.add(peer + " " + detail);
            }

            @Override
            public void warning(String message) {
            }
        };
        return TcpKeyReceiver.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                KeyTransportPsk.fromSecret(secret, "test"), this::store, events);
    }

    private boolean store(KeyLogEntry e) {
        received.add(e.label() + " " + java.util.HexFormat.of().formatHex(e.id()) + " "
                + java.util.HexFormat.of().formatHex(e.secret()));
        return true;
    }

    private Set<String> receivedLines() {
        Set<String> s = new TreeSet<>();
        for (String line : received) {
            s.add(line.toLowerCase(java.util.Locale.ROOT));
        }
        return s;
    }

    private static Set<String> lines(Path keyLog) throws IOException {
        Set<String> s = new TreeSet<>();
        for (String line : Files.readAllLines(keyLog)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                s.add(line.strip().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return s;
    }

    private Process sServer(Path library, int keyPort, String secret) throws IOException {
        Path key = tmp.resolve("server.key");
        Path cert = tmp.resolve("server.crt");
        run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-subj", "/CN=keylogger.callscope.test", "-days", "1", "-keyout", key.toString(), "-out", cert.toString()));
        ProcessBuilder pb = new ProcessBuilder("openssl", "s_server", "-tls1_3", "-accept", "127.0.0.1:0",
                "-key", key.toString(), "-cert", cert.toString(), "-naccept", "1")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("s_server.out").toFile());
        preload(pb, library, keyPort, secret);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private void sClient(Path library, int keyPort, String secret, int tlsPort, Path keyLog) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("openssl", "s_client", "-tls1_3", "-connect", "127.0.0.1:" + tlsPort,
                "-keylogfile", keyLog.toString(), "-quiet")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("s_client.out").toFile());
        if (secret != null) {
            preload(pb, library, keyPort, secret);
        }
        Process p = pb.start();
        started.add(p);
        p.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().flush();
        waitUntil(() -> Files.exists(keyLog) && lines(keyLog).size() >= 5, 20);
        p.getOutputStream().close();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    private static void preload(ProcessBuilder pb, Path library, int keyPort, String secret) {
        pb.environment().put("LD_PRELOAD", library.toString());
        pb.environment().put("SSLKEYLOG_TCP", "127.0.0.1:" + keyPort);
        pb.environment().put("SSLKEYLOG_SECRET", secret);
    }

    /** s_server -accept 127.0.0.1:0 prints "ACCEPT 127.0.0.1:PORT" when it listens. */
    private int waitForPort(Process server) throws Exception {
        Path out = tmp.resolve("s_server.out");
        int[] port = {0};
        waitUntil(() -> {
            if (!Files.exists(out)) {
                return false;
            }
            for (String line : Files.readAllLines(out)) {
                if (line.startsWith("ACCEPT ")) {
                    port[0] = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).strip());
                    return true;
                }
            }
            return false;
        }, 20);
        assertThat(port[0]).as(Files.exists(out) ? Files.readString(out) : "no s_server output").isPositive();
        return port[0];
    }

    private Path keylogger() throws Exception {
        Path root = Path.of(System.getProperty("callscope.root", "..")).toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(root.resolve("keylogger/Makefile")), "keylogger/ is absent: test skipped");
        assumeTrue(onPath("make") && onPath("cc") && onPath("openssl"), "make, cc or openssl is missing: test skipped");
        run(List.of("make", "-C", root.resolve("keylogger").toString()));
        Path library = root.resolve("keylogger/libcallscope-keylog.so");
        assertThat(library).exists();
        return library;
    }

    private static void run(List<String> command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static boolean onPath(String program) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "command -v " + program).redirectErrorStream(true).start();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void waitUntil(Check check, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            if (check.holds()) {
                return;
            }
            Thread.sleep(50);
        }
    }
}
