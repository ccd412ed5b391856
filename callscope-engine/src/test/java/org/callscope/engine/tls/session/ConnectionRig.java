package org.callscope.engine.tls.session;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.callscope.engine.tls.keys.KeyLogEntry;
import org.callscope.engine.tls.keys.SecretLabel;

/**
 * One {@link TlsConnection} between 10.0.0.1:40000 (the side seen first) and 10.0.0.2:5061, fed
 * directly, with a packet clock that advances 1 ms per feed; keeps the reports, the plaintext per
 * direction as the listener and the consumers receive it, and the losses the consumers are told of.
 */
final class ConnectionRig implements TlsConnectionListener {
    static final String FIRST_IP = "10.0.0.1";
    static final int FIRST_PORT = 40000;
    static final String SECOND_IP = "10.0.0.2";
    static final int SECOND_PORT = 5061;

    final TlsKeySources keys;
    final TlsConnection connection;
    final List<TlsConnectionReport> reports = new ArrayList<>();
    /** By the listener's fromClient flag. */
    final ByteArrayOutputStream fromClient = new ByteArrayOutputStream();
    final ByteArrayOutputStream fromServer = new ByteArrayOutputStream();
    /** By direction, through its consumer. */
    final ByteArrayOutputStream firstConsumer = new ByteArrayOutputStream();
    final ByteArrayOutputStream secondConsumer = new ByteArrayOutputStream();
    final List<String> lost = new ArrayList<>();
    /** Application data in the order the listener got it: "C:" or "S:" and the text of one record. */
    final List<String> dialog = new ArrayList<>();
    long clock = 1_000_000_000L;

    ConnectionRig() {
        this(TlsSettings.DEFAULTS);
    }

    ConnectionRig(TlsSettings settings) {
        this(settings, TlsKeySources.empty(), true);
    }

    /** @param firstIsClient what the TCP layer guessed: the first side is the client */
    ConnectionRig(TlsSettings settings, TlsKeySources keys, boolean firstIsClient) {
        this.keys = keys;
        this.connection = new TlsConnection(keys, settings, this, FIRST_IP, FIRST_PORT, new byte[] {10, 0, 0, 1},
                SECOND_IP, SECOND_PORT, new byte[] {10, 0, 0, 2}, firstIsClient);
        connection.firstDirection().setConsumer(consumer(firstConsumer, "first"));
        connection.secondDirection().setConsumer(consumer(secondConsumer, "second"));
    }

    private TlsPlaintextConsumer consumer(ByteArrayOutputStream out, String name) {
        return new TlsPlaintextConsumer() {
            @Override
            public void onPlaintext(byte[] buf, int off, int len, long tsNanos) {
                out.write(buf, off, len);
            }

            @Override
            public void onLost(long tsNanos) {
                lost.add(name);
            }
        };
    }

    void key(SecretLabel label, byte[] clientRandom, byte[] secret) {
        keys.sessionKeys().add(new KeyLogEntry(label, clientRandom, secret));
    }

    /** Bytes sent by the side seen first. */
    ConnectionRig first(byte[]... chunks) {
        return feed(connection.firstDirection(), chunks);
    }

    /** Bytes sent by the other side. */
    ConnectionRig second(byte[]... chunks) {
        return feed(connection.secondDirection(), chunks);
    }

    ConnectionRig feed(TlsDirection d, byte[]... chunks) {
        for (byte[] c : chunks) {
            clock += 1_000_000L;
            d.feed(c, 0, c.length, clock);
        }
        return this;
    }

    ConnectionRig advance(long millis) {
        clock += millis * 1_000_000L;
        return this;
    }

    /** End of input: the connection reports. */
    TlsConnectionReport close() {
        connection.close(clock);
        return report();
    }

    TlsConnectionReport report() {
        if (reports.size() != 1) {
            throw new AssertionError("expected one report, got " + reports);
        }
        return reports.getFirst();
    }

    String clientText() {
        return fromClient.toString(StandardCharsets.ISO_8859_1);
    }

    String serverText() {
        return fromServer.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void onClosed(TlsConnection c, TlsConnectionReport report) {
        reports.add(report);
    }

    @Override
    public void onApplicationData(TlsConnection c, boolean client, String clientIp, int clientPort, String serverIp,
                                  int serverPort, byte[] buf, int off, int len, long tsNanos) {
        (client ? fromClient : fromServer).write(buf, off, len);
        dialog.add((client ? "C:" : "S:") + new String(buf, off, len, StandardCharsets.ISO_8859_1));
    }
}
