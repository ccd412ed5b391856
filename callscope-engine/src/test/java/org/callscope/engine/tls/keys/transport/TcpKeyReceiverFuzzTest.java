package org.callscope.engine.tls.keys.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.tls.keys.transport.TransportTestSupport.SECRET;
import static org.callscope.engine.tls.keys.transport.TransportTestSupport.await;
import static org.callscope.engine.tls.keys.transport.TransportTestSupport.line;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.callscope.engine.tls.keys.SessionKeys;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Random bytes instead of a handshake, and random lines after one: the receiver reports and skips
 * them, its threads never die of an exception, and a proper sender is still served afterwards.
 */
class TcpKeyReceiverFuzzTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final KeyTransportPsk PSK = KeyTransportPsk.fromSecret(SECRET, "test");
    private static final String ALPHABET = "CLIENT_RANDOMSERVER_TRAFFIC_SECRET_0RSA 0123456789abcdefABCDEF\t\r#{}\"\0";

    private final SessionKeys keys = new SessionKeys();
    private final TransportTestSupport.Events events = new TransportTestSupport.Events();
    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();

    @Test
    void randomBytesInsteadOfTlsNeverCrashIt() throws Exception {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        try (TcpKeyReceiver receiver = TcpKeyReceiver.start(new InetSocketAddress(LOOPBACK, 0), PSK, keys, events, 16)) {
            Random r = new Random(0x5EC12E7L);
            Assertions.assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
                for (int i = 0; i < 300; i++) {
                    byte[] junk = junk(r, i);
                    try (Socket s = new Socket(LOOPBACK, receiver.localAddress().getPort())) {
                        s.setSoTimeout(15_000);
                        OutputStream out = s.getOutputStream();
                        out.write(junk);
                        out.flush();
                        s.shutdownOutput();
                        s.getInputStream().readAllBytes(); // until the receiver gives up on it
                    } catch (IOException ignored) {
                        // a reset is a fine answer to junk
                    }
                }
            });
            await("every junk connection to end", () -> receiver.openConnections() == 0);
            assertThat(receiver.authenticated()).isZero();
            assertThat(keys.size()).isZero();
            assertStillServes(receiver);
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
        assertThat(uncaught).isEmpty();
        assertThat(events.all()).noneMatch(m -> m.contains("unexpectedly"));
    }

    @Test
    void randomLinesAfterTheHandshakeAreCountedNeverFatal() throws Exception {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        try (TcpKeyReceiver receiver = TcpKeyReceiver.start(new InetSocketAddress(LOOPBACK, 0), PSK, keys, events)) {
            Random r = new Random(0x11E5L);
            int good = 0;
            try (RawTlsClient client = RawTlsClient.connect(receiver.localAddress(), PSK)) {
                long lines = 0;
                for (int round = 0; round < 200; round++) {
                    ByteArrayOutputStream chunk = new ByteArrayOutputStream();
                    int n = 1 + r.nextInt(10);
                    for (int k = 0; k < n; k++) {
                        if (r.nextInt(8) == 0) {
                            chunk.write((line(100_000 + good++) + "\n").getBytes(StandardCharsets.US_ASCII));
                        } else {
                            chunk.write(randomLine(r));
                            chunk.write('\n');
                        }
                    }
                    lines += n;
                    client.write(chunk.toByteArray());
                    String ack;
                    do {
                        ack = client.readLine();
                        assertThat(ack).as("an ACK after round " + round).startsWith("ACK ");
                    } while (Long.parseLong(ack.substring(4)) < lines);
                    assertThat(Long.parseLong(ack.substring(4))).isEqualTo(lines);
                }
            }
            assertThat(receiver.badLines()).isPositive();
            assertThat(receiver.added()).isGreaterThanOrEqualTo(good);
            assertStillServes(receiver);
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
        assertThat(uncaught).isEmpty();
        assertThat(events.all()).noneMatch(m -> m.contains("unexpectedly"));
    }

    private void assertStillServes(TcpKeyReceiver receiver) throws Exception {
        try (TcpKeySender sender = TcpKeySender.start(receiver.localAddress(), PSK, 10, events)) {
            sender.send(line(1));
            assertThat(sender.flush(Duration.ofSeconds(15))).isTrue();
        }
        assertThat(keys.masterSecret(TransportTestSupport.random(1))).isEqualTo(TransportTestSupport.master(1));
    }

    /** Random bytes, or a plausible TLS record header followed by random bytes. */
    private static byte[] junk(Random r, int i) {
        byte[] b = new byte[r.nextInt(i % 10 == 0 ? 20_000 : 600)];
        r.nextBytes(b);
        if (i % 3 == 0 && b.length >= 5) {
            b[0] = 0x16; // handshake record
            b[1] = 0x03;
            b[2] = (byte) (1 + r.nextInt(3));
            if (b.length > 9) {
                b[5] = 0x01; // ClientHello
            }
        }
        return b;
    }

    /** A line without LF: random bytes, or letters and hex that look like a key line, or a mutated key line. */
    private static byte[] randomLine(Random r) {
        byte[] b;
        switch (r.nextInt(3)) {
            case 0 -> {
                b = new byte[r.nextInt(300)];
                r.nextBytes(b);
            }
            case 1 -> {
                b = new byte[r.nextInt(400)];
                for (int k = 0; k < b.length; k++) {
                    b[k] = (byte) ALPHABET.charAt(r.nextInt(ALPHABET.length()));
                }
            }
            default -> {
                b = line(r.nextInt(1000)).getBytes(StandardCharsets.US_ASCII);
                for (int k = r.nextInt(4); k >= 0; k--) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
            }
        }
        for (int k = 0; k < b.length; k++) {
            if (b[k] == '\n') {
                b[k] = ' ';
            }
        }
        return b;
    }
}
