package org.callscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import org.callscope.engine.tls.keys.transport.KeyTransportEvents;
import org.callscope.engine.tls.keys.transport.KeyTransportPsk;
import org.callscope.engine.tls.keys.transport.TcpKeySender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code callscope keys listen} and {@code keys forward}, run in-process against each other and real sockets. */
class KeysCommandTest {
    private static final String SECRET = "a shared secret for the keys command tests";
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path tmp;

    /** A CLIENT_RANDOM line made from {@code i}, in the canonical form the receivers write. */
    static String line(int i) {
        return "CLIENT_RANDOM " + String.format("%064x", 0x3000_0000L + i) + " " + String.format("%096x", 0x4000_0000L + i);
    }

    private Path secretFile() throws IOException {
        Path f = tmp.resolve("secret");
        if (!Files.exists(f)) {
            Files.writeString(f, SECRET + "\n");
        }
        return f;
    }

    private static InetSocketAddress address(Matcher m, int group) {
        return new InetSocketAddress(LOOPBACK, Integer.parseInt(m.group(group)));
    }

    private static List<String> nonBlankLines(String text) {
        return Arrays.stream(text.split("\n")).filter(l -> !l.isBlank()).toList();
    }

    private static void sendDatagram(InetSocketAddress to, String text) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            s.send(new DatagramPacket(b, b.length, to));
        }
    }

    @Test
    void listenTakesUdpAndTcpIntoAnOwnerOnlyFileWithoutDuplicates() throws Exception {
        Path keys = tmp.resolve("keys.log");
        List<String> expected = new ArrayList<>();
        try (BackgroundCli listen = BackgroundCli.start("keys", "listen", "--udp", "127.0.0.1:0", "--tcp", "127.0.0.1:0",
                "--secret-file", secretFile().toString(), "--append", keys.toString())) {
            Matcher m = listen.awaitErr("listening for keys on udp 127\\.0\\.0\\.1:(\\d+), tcp 127\\.0\\.0\\.1:(\\d+)");
            InetSocketAddress udp = address(m, 1);
            InetSocketAddress tcp = address(m, 2);
            sendDatagram(udp, line(1));
            sendDatagram(udp, line(1)); // again: nothing new
            String random2 = String.format("%064x", 0x3000_0000L + 2);
            String master2 = String.format("%096x", 0x4000_0000L + 2);
            sendDatagram(udp, "{\"sessionid\":\"" + random2.toUpperCase() + "\",\"mastersecret\":\"" + master2 + "\"}");
            expected.add(line(1));
            expected.add(line(2));
            try (TcpKeySender sender = TcpKeySender.start(tcp, KeyTransportPsk.fromFile(secretFile()), 100,
                    KeyTransportEvents.toWarnings(w -> { }))) {
                for (int i = 2; i <= 5; i++) {
                    sender.send(line(i)); // line 2 came over UDP already
                }
                assertThat(sender.flush(Duration.ofSeconds(15))).isTrue();
            }
            expected.add(line(3));
            expected.add(line(4));
            expected.add(line(5));
            assertThat(listen.stop()).as(listen.err()).isZero();
            assertThat(listen.err()).contains("5 new keys written");
        }
        assertThat(Files.readAllLines(keys)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rw-------");

        // A second listener on the same file knows what is there and only adds what is new.
        try (BackgroundCli again = BackgroundCli.start("keys", "listen", "--udp", "127.0.0.1:0",
                "--append", keys.toString())) {
            InetSocketAddress udp = address(again.awaitErr("listening for keys on udp 127\\.0\\.0\\.1:(\\d+)"), 1);
            sendDatagram(udp, line(3));
            sendDatagram(udp, line(6));
            TestWait.until("line 6 in the file", () -> Files.readString(keys).contains(line(6)));
            assertThat(again.stop()).isZero();
        }
        expected.add(line(6));
        assertThat(Files.readAllLines(keys)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void forwardFollowsRotationAndTruncationOverTcpIntoListen() throws Exception {
        Path log = tmp.resolve("sslkeylog.txt");
        Files.writeString(log, line(100) + "\n"); // there before: not sent by default
        try (BackgroundCli listen = BackgroundCli.start("keys", "listen", "--tcp", "127.0.0.1:0",
                "--secret-file", secretFile().toString())) {
            int port = Integer.parseInt(listen.awaitErr("tcp 127\\.0\\.0\\.1:(\\d+)").group(1));
            try (BackgroundCli forward = BackgroundCli.start("keys", "forward", "--file", log.toString(),
                    "--to", "127.0.0.1:" + port, "--secret-file", secretFile().toString())) {
                forward.awaitErr("forwarding new lines of");
                append(log, line(1) + "\n# a comment\nnot a key line\n" + line(2) + "\n");
                listen.awaitOut("lines 1-2", out -> out.contains(line(2)));

                // rotation: rename, then a new file
                append(log, line(3) + "\n");
                Files.move(log, tmp.resolve("sslkeylog.txt.1"));
                append(log, line(4) + "\n");
                listen.awaitOut("lines 3-4", out -> out.contains(line(3)) && out.contains(line(4)));

                // truncation in place, then new lines
                Files.write(log, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
                append(log, line(5) + "\n");
                listen.awaitOut("line 5", out -> out.contains(line(5)));
                assertThat(forward.stop()).as(forward.err()).isZero();
                assertThat(forward.err()).contains("truncated").contains("no key-log line was not sent")
                        .doesNotContain(SECRET);
            }
            assertThat(listen.stop()).isZero();
            assertThat(nonBlankLines(listen.out())).containsExactly(line(1), line(2), line(3), line(4), line(5));
        }
    }

    @Test
    void forwardOverUdpSendsOneDatagramPerLineFromTheStart() throws Exception {
        Path log = tmp.resolve("sslkeylog.txt");
        // the second line in lower case: sent in canonical form
        Files.writeString(log, line(1) + "\n" + line(2).replace("CLIENT_RANDOM", "client_random") + "\n");
        try (BackgroundCli listen = BackgroundCli.start("keys", "listen", "--udp", "127.0.0.1:0")) {
            int port = Integer.parseInt(listen.awaitErr("udp 127\\.0\\.0\\.1:(\\d+)").group(1));
            try (DatagramSocket probe = new DatagramSocket(0, LOOPBACK)) {
                // a second receiver to see the datagrams themselves
                try (BackgroundCli forward = BackgroundCli.start("keys", "forward", "--udp", "--from-start",
                        "--file", log.toString(), "--to", "127.0.0.1:" + probe.getLocalPort())) {
                    forward.awaitErr("forwarding the lines of");
                    probe.setSoTimeout(10_000);
                    byte[] buf = new byte[2048];
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    probe.receive(p);
                    assertThat(new String(buf, 0, p.getLength(), StandardCharsets.UTF_8)).isEqualTo(line(1));
                    probe.receive(p);
                    assertThat(new String(buf, 0, p.getLength(), StandardCharsets.UTF_8)).isEqualTo(line(2));
                    assertThat(forward.stop()).isZero();
                }
            }
            try (BackgroundCli forward = BackgroundCli.start("keys", "forward", "--udp", "--file", log.toString(),
                    "--to", "127.0.0.1:" + port)) {
                forward.awaitErr("forwarding new lines of");
                append(log, line(3) + "\n");
                Files.move(log, tmp.resolve("old"));
                append(log, line(4) + "\n");
                listen.awaitOut("lines 3-4", out -> out.contains(line(3)) && out.contains(line(4)));
                assertThat(forward.stop()).isZero();
            }
            assertThat(listen.stop()).isZero();
            assertThat(nonBlankLines(listen.out())).containsExactly(line(3), line(4));
        }
    }

    @Test
    void aMissingOrShortSecretIsRefusedWithoutShowingIt() throws Exception {
        CliRun noSecret = CliRun.of("keys", "listen", "--tcp", "127.0.0.1:0");
        assertThat(noSecret.status()).isEqualTo(1);
        assertThat(noSecret.err()).contains("--tcp needs --secret-file");

        Path shortSecret = Files.writeString(tmp.resolve("short"), "tooshort-secret\n");
        CliRun listen = CliRun.of("keys", "listen", "--tcp", "127.0.0.1:0", "--secret-file", shortSecret.toString());
        assertThat(listen.status()).isEqualTo(1);
        assertThat(listen.err()).contains(shortSecret.toString()).contains("too short: 15 bytes")
                .doesNotContain("tooshort-secret\n").doesNotContain("Exception");
        assertThat(listen.err().replace(shortSecret.toString(), "")).doesNotContain("tooshort");

        CliRun forward = CliRun.of("keys", "forward", "--file", tmp.resolve("log").toString(), "--to", "127.0.0.1:9",
                "--secret-file", shortSecret.toString());
        assertThat(forward.status()).isEqualTo(1);
        assertThat(forward.err().replace(shortSecret.toString(), "")).contains("too short").doesNotContain("tooshort");

        CliRun none = CliRun.of("keys", "forward", "--file", tmp.resolve("log").toString(), "--to", "127.0.0.1:9");
        assertThat(none.status()).isEqualTo(1);
        assertThat(none.err()).contains("needs --secret-file");

        CliRun missing = CliRun.of("keys", "listen", "--tcp", "127.0.0.1:0", "--secret-file",
                tmp.resolve("absent").toString());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).contains("absent").contains("no such file");
    }

    @Test
    void badUsageIsExplained() {
        CliRun nothing = CliRun.of("keys", "listen");
        assertThat(nothing.status()).isEqualTo(2);
        assertThat(nothing.err()).contains("give --udp IP:PORT, --tcp IP:PORT or both");
        CliRun badAddress = CliRun.of("keys", "listen", "--udp", "localhost:99999");
        assertThat(badAddress.status()).isEqualTo(2);
        assertThat(badAddress.err()).contains("--udp");
        CliRun badTarget = CliRun.of("keys", "forward", "--file", "x", "--to", "1.2.3.4", "--udp");
        assertThat(badTarget.status()).isEqualTo(2);
        assertThat(badTarget.err()).contains("expected HOST:PORT");
        CliRun help = CliRun.of("keys");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("listen").contains("forward");
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Polling until a condition holds, for files written by another thread. */
    static final class TestWait {
        interface Check {
            boolean holds() throws Exception;
        }

        static void until(String what, Check check) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (!check.holds()) {
                assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
                Thread.sleep(10);
            }
        }
    }
}
