package org.callscope.engine.tls.keys.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;
import org.bouncycastle.tls.TlsNoCloseNotifyException;
import org.bouncycastle.tls.TlsServerProtocol;
import org.callscope.engine.tls.keys.KeyLogEntry;
import org.callscope.engine.tls.keys.KeyLogFormatException;
import org.callscope.engine.tls.keys.KeyLogLine;
import org.callscope.engine.tls.keys.KeySink;

/**
 * One connection of a {@link TcpKeyReceiver}, on its own thread: the handshake, then lines in and
 * {@code ACK <n>} out. An ACK is sent whenever the lines read so far are stored and no more
 * decrypted data is waiting, so it covers only what is in the sink.
 */
final class ReceiverConnection {
    private static final int READ_BYTES = 4096;

    private final TcpKeyReceiver receiver;
    private final Socket socket;
    private final KeyTransportPsk psk;
    private final KeySink keys;
    private final String peer;
    private final Thread thread;
    private volatile TlsServerProtocol protocol;
    private final ReentrantLock closeLock = new ReentrantLock();
    private long received;

    ReceiverConnection(TcpKeyReceiver receiver, Socket socket, KeyTransportPsk psk, KeySink keys) {
        this.receiver = receiver;
        this.socket = socket;
        this.psk = psk;
        this.keys = keys;
        this.peer = Peers.describe(socket.getRemoteSocketAddress());
        this.thread = new Thread(this::run, "key transport from " + peer);
        thread.setDaemon(true);
    }

    Thread thread() {
        return thread;
    }

    /**
     * Ends the connection (close_notify when the handshake is done), from the receiver's close or
     * from the connection's own thread. A second caller waits for the first to write close_notify,
     * but not forever: a peer that reads nothing must not hold up the receiver's close.
     */
    void close() {
        TlsClose.close(closeLock, protocol, socket);
    }

    private void run() {
        try {
            ExternalPskServer server = new ExternalPskServer(KeyTransportTls.crypto(), psk);
            if (!handshake(server)) {
                return;
            }
            receiver.authenticated.incrementAndGet();
            readLines();
        } catch (RuntimeException e) {
            receiver.warn("key transport connection from " + peer + " failed unexpectedly: " + e);
        } finally {
            close();
            receiver.ended(this);
        }
    }

    private boolean handshake(ExternalPskServer server) {
        try {
            socket.setSoTimeout(KeyTransportTls.HANDSHAKE_TIMEOUT_MILLIS);
            socket.setKeepAlive(true);
            TlsServerProtocol p = new TlsServerProtocol(socket.getInputStream(), socket.getOutputStream());
            protocol = p;
            p.accept(server);
            socket.setSoTimeout(0);
            return true;
        } catch (IOException e) {
            if (receiver.closing()) {
                return false;
            }
            if (server.alerts.authenticationFailed()) {
                receiver.authenticationFailed(peer, server.alerts.describe(e));
            } else {
                receiver.warn("key transport handshake with " + peer + " failed: " + server.alerts.describe(e));
            }
            return false;
        }
    }

    private void readLines() {
        TlsServerProtocol p = protocol;
        InputStream in = p.getInputStream();
        OutputStream out = p.getOutputStream();
        LineFramer framer = new LineFramer();
        byte[] buf = new byte[READ_BYTES];
        long acked = 0;
        try {
            while (true) {
                int n = in.read(buf);
                if (n < 0) {
                    return; // close_notify, or the peer went away
                }
                if (!framer.feed(buf, 0, n, this::line)) {
                    receiver.warn("key transport connection from " + peer + " closed: line " + (received + 1)
                            + " is longer than " + LineFramer.MAX_LINE_BYTES + " bytes");
                    return; // run() closes it
                }
                if (received > acked && in.available() == 0) {
                    out.write(("ACK " + received + "\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    acked = received;
                }
            }
        } catch (TlsNoCloseNotifyException e) {
            // a keylogger whose process ended: what it sent was acknowledged, nothing to report
        } catch (SocketException e) {
            if (!receiver.closing()) {
                receiver.warn("key transport connection from " + peer + " lost: " + e.getMessage());
            }
        } catch (IOException e) {
            if (!receiver.closing()) {
                receiver.warn("key transport connection from " + peer + " failed: " + describe(e));
            }
        }
    }

    private void line(String text) {
        received++;
        receiver.lines.incrementAndGet();
        KeyLogEntry entry;
        try {
            entry = KeyLogLine.parse(text);
        } catch (KeyLogFormatException e) {
            receiver.badLines.incrementAndGet();
            receiver.warn("key transport line " + received + " from " + peer + " skipped: " + e.getMessage());
            return;
        }
        if (entry != null && keys.add(entry)) {
            receiver.added.incrementAndGet();
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
