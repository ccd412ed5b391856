package org.callscope.engine.tls.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UdpKeyReceiverTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final String RANDOM_1 = "11".repeat(32);
    private static final String RANDOM_2 = "22".repeat(32);
    private static final String RANDOM_3 = "33".repeat(32);
    private static final String RANDOM_4 = "44".repeat(32);

    private final SessionKeys keys = new SessionKeys();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private UdpKeyReceiver receiver;
    private DatagramSocket sender;

    @BeforeEach
    void start() throws IOException {
        receiver = UdpKeyReceiver.start(new InetSocketAddress(LOOPBACK, 0), keys, warnings::add);
        sender = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
    }

    @AfterEach
    void stop() {
        receiver.close();
        sender.close();
    }

    private void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    private void send(byte[] b) throws IOException {
        sender.send(new DatagramPacket(b, b.length, receiver.localAddress()));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private byte[] master(String random) {
        return keys.masterSecret(HexFormat.of().parseHex(random));
    }

    @Test
    void linesAndJsonLandInTheStore() throws Exception {
        assertThat(receiver.localAddress().getPort()).isPositive();
        send("CLIENT_RANDOM " + RANDOM_1 + " " + "a1".repeat(48));
        send("{\"sessionid\":\"" + RANDOM_2 + "\",\"mastersecret\":\"" + "A2".repeat(48) + "\"}\0");
        send("{\"type\":\"CLIENT_TRAFFIC_SECRET_0\",\"client_random\":\"" + RANDOM_3 + "\",\"key\":\"" + "a3".repeat(32)
                + "\",\"extra\":[1,2]}");
        send("SERVER_TRAFFIC_SECRET_0 " + RANDOM_3 + " " + "b3".repeat(32) + "\nEXPORTER_SECRET " + RANDOM_3 + " "
                + "c3".repeat(32) + "\n");
        await("5 secrets", () -> keys.size() == 5);
        assertThat(master(RANDOM_1)).isEqualTo(HexFormat.of().parseHex("a1".repeat(48)));
        assertThat(master(RANDOM_2)).isEqualTo(HexFormat.of().parseHex("a2".repeat(48)));
        assertThat(keys.find(SecretLabel.CLIENT_TRAFFIC_SECRET_0, HexFormat.of().parseHex(RANDOM_3)))
                .isEqualTo(HexFormat.of().parseHex("a3".repeat(32)));
        assertThat(keys.find(SecretLabel.EXPORTER_SECRET, HexFormat.of().parseHex(RANDOM_3))).isNotNull();
        await("4 datagrams counted", () -> receiver.received() == 4);
        assertThat(receiver.rejected()).isZero();
        assertThat(receiver.added()).isEqualTo(5);
        assertThat(warnings).isEmpty();
    }

    @Test
    void badDatagramsAreCountedAndReportedWithTheirSender() throws Exception {
        send("CLIENT_RANDOM 00 11");
        send("{\"sessionid\":1}");
        send(new byte[] {(byte) 0xff, 0, 1, 2});
        send("CLIENT_RANDOM " + RANDOM_1 + " " + "a1".repeat(48)); // still listening after bad ones
        await("the good key", () -> master(RANDOM_1) != null);
        await("3 rejections", () -> receiver.rejected() == 3);
        assertThat(receiver.received()).isEqualTo(4);
        String from = "key datagram from " + sender.getLocalSocketAddress();
        assertThat(warnings).containsExactly(
                from + " (19 bytes) rejected: line 1: CLIENT_RANDOM: client random must be 32 bytes (64 hex digits), got 1 bytes",
                from + " (15 bytes) rejected: line 1: JSON object has neither \"sessionid\" and \"mastersecret\" nor "
                        + "\"type\", \"client_random\" and \"key\" (members: \"sessionid\")",
                from + " (4 bytes) rejected: NUL byte at offset 1 inside the datagram");
    }

    @Test
    void aFloodOfBadDatagramsIsCountedButReportedSparingly() throws Exception {
        int bad = UdpKeyReceiver.WARNINGS_PER_MINUTE + 20;
        for (int i = 0; i < bad; i++) {
            send("NOT_A_LABEL " + i);
        }
        await("all rejections", () -> receiver.rejected() == bad);
        assertThat(warnings).hasSize(UdpKeyReceiver.WARNINGS_PER_MINUTE);
    }

    @Test
    void keysFromAnExternalProgram() throws Exception {
        int port = receiver.localAddress().getPort();
        boolean sent = false;
        String python = "import socket,sys\n"
                + "s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n"
                + "s.sendto(sys.argv[1].encode(),('127.0.0.1',int(sys.argv[2])))\n";
        if (run(null, "python3", "-c", python, "CLIENT_RANDOM " + RANDOM_1 + " " + "d1".repeat(48), String.valueOf(port))) {
            await("the key python sent", () -> master(RANDOM_1) != null);
            assertThat(master(RANDOM_1)).isEqualTo(HexFormat.of().parseHex("d1".repeat(48)));
            sent = true;
        }
        String json = "{\"type\":\"client_random\",\"client_random\":\"" + RANDOM_4 + "\",\"key\":\"" + "d4".repeat(48) + "\"}";
        if (run(json, "socat", "-u", "STDIN", "UDP-SENDTO:127.0.0.1:" + port)) {
            await("the key socat sent", () -> master(RANDOM_4) != null);
            assertThat(master(RANDOM_4)).isEqualTo(HexFormat.of().parseHex("d4".repeat(48)));
            sent = true;
        }
        assumeTrue(sent, "neither python3 nor socat is installed: no external sender, test skipped");
        assertThat(receiver.rejected()).isZero();
    }

    /** Runs a sender; false when the program is not installed. */
    private static boolean run(String stdin, String... command) throws IOException, InterruptedException {
        if (!onPath(command[0])) {
            return false;
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.US_ASCII));
            }
        }
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(command[0] + " finished").isTrue();
        assertThat(p.exitValue()).as(command[0] + ": " + new String(out, StandardCharsets.UTF_8)).isZero();
        return true;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void closeStopsTheThreadAndFreesThePort() throws Exception {
        InetSocketAddress address = receiver.localAddress();
        String threadName = "key datagrams on udp " + address;
        assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().equals(threadName) && t.isDaemon());
        receiver.close();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals(threadName));
        try (DatagramSocket again = new DatagramSocket(address)) {
            assertThat(again.getLocalPort()).isEqualTo(address.getPort());
        }
        receiver.close(); // twice is harmless
    }

    @Test
    void aPortInUseIsAClearError() {
        InetSocketAddress taken = receiver.localAddress();
        assertThatThrownBy(() -> UdpKeyReceiver.start(taken, keys, warnings::add)).isInstanceOf(BindException.class)
                .hasMessageStartingWith("cannot receive key datagrams on udp " + taken + ": ");
    }
}
