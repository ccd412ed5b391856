package org.callscope.engine.tls.keys.transport;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.callscope.engine.tls.keys.KeySink;
import org.callscope.engine.tls.keys.WarningLimit;

/**
 * The receiving end of the secure key transport (docs/KEY-TRANSPORT.md): a TCP server whose
 * connections must complete a TLS 1.3 handshake with the shared {@link KeyTransportPsk}, then send
 * NSS key-log lines, which go to a {@link KeySink} and are acknowledged with {@code ACK <n>}.
 *
 * <p>One daemon thread accepts; each connection has its own daemon thread, and at most
 * {@code maxConnections} are open at once (more are closed at once, before any handshake). A
 * handshake must finish within {@link KeyTransportTls#HANDSHAKE_TIMEOUT_MILLIS}. Failed handshakes,
 * bad lines and refused connections are reported through {@link KeyTransportEvents}, at most
 * {@link #WARNINGS_PER_MINUTE} a minute, and counted.
 */
public final class TcpKeyReceiver implements AutoCloseable {
    /** Connections open at once by default: several keyloggers, with room for reconnects. */
    public static final int DEFAULT_MAX_CONNECTIONS = 64;
    /** Reports per minute; the rest are only counted. */
    public static final int WARNINGS_PER_MINUTE = 30;
    private static final int BACKLOG = 50;
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final ServerSocket server;
    private final InetSocketAddress localAddress;
    private final KeyTransportPsk psk;
    private final KeySink keys;
    private final KeyTransportEvents events;
    private final Semaphore slots;
    private final Thread acceptor;
    private final Set<ReceiverConnection> open = ConcurrentHashMap.newKeySet();
    private final WarningLimit limit = new WarningLimit(WARNINGS_PER_MINUTE, "key transport connections");
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong authenticated = new AtomicLong();
    final AtomicLong authenticationFailures = new AtomicLong();
    final AtomicLong lines = new AtomicLong();
    final AtomicLong badLines = new AtomicLong();
    final AtomicLong added = new AtomicLong();
    private volatile boolean closing;

    private TcpKeyReceiver(ServerSocket server, KeyTransportPsk psk, KeySink keys, KeyTransportEvents events,
                           int maxConnections) {
        this.server = server;
        this.localAddress = (InetSocketAddress) server.getLocalSocketAddress();
        this.psk = psk;
        this.keys = keys;
        this.events = events;
        this.slots = new Semaphore(maxConnections);
        this.acceptor = new Thread(this::acceptLoop, "key transport on tcp " + Peers.describe(localAddress));
        acceptor.setDaemon(true);
    }

    /** {@link #start(InetSocketAddress, KeyTransportPsk, KeySink, KeyTransportEvents, int)} with {@link #DEFAULT_MAX_CONNECTIONS}. */
    public static TcpKeyReceiver start(InetSocketAddress bind, KeyTransportPsk psk, KeySink keys,
                                       KeyTransportEvents events) throws IOException {
        return start(bind, psk, keys, events, DEFAULT_MAX_CONNECTIONS);
    }

    /**
     * Binds {@code bind} (port 0: any free port) and starts accepting.
     *
     * @throws IOException when the address cannot be bound; the message names it and says why
     */
    public static TcpKeyReceiver start(InetSocketAddress bind, KeyTransportPsk psk, KeySink keys,
                                       KeyTransportEvents events, int maxConnections) throws IOException {
        Objects.requireNonNull(psk, "psk");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(events, "events");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
        }
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true); // a restarted receiver gets its port back while old connections linger
            server.bind(bind, BACKLOG);
        } catch (IOException e) {
            server.close();
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            IOException described = e instanceof BindException
                    ? new BindException("cannot receive keys on tcp " + Peers.describe(bind) + ": " + why)
                    : new IOException("cannot receive keys on tcp " + Peers.describe(bind) + ": " + why);
            described.initCause(e);
            throw described;
        }
        TcpKeyReceiver receiver = new TcpKeyReceiver(server, psk, keys, events, maxConnections);
        receiver.acceptor.start();
        return receiver;
    }

    /** The bound address, with the port the system chose when 0 was asked for. */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** Connections accepted (refused ones not included). */
    public long accepted() {
        return accepted.get();
    }

    /** Connections closed unread because {@code maxConnections} were open. */
    public long refused() {
        return refused.get();
    }

    /** Handshakes completed with the shared key. */
    public long authenticated() {
        return authenticated.get();
    }

    /** Handshakes that failed because the peer does not hold the key. */
    public long authenticationFailures() {
        return authenticationFailures.get();
    }

    /** Lines received on authenticated connections, blank ones included. */
    public long lines() {
        return lines.get();
    }

    /** Lines that were not key-log lines (skipped). */
    public long badLines() {
        return badLines.get();
    }

    /** Secrets that were new to the sink. */
    public long added() {
        return added.get();
    }

    /** Connections open now. */
    public int openConnections() {
        return open.size();
    }

    /** Stops accepting, closes every connection (with a TLS close_notify) and frees the port. */
    @Override
    public void close() {
        closing = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (ReceiverConnection c : open) {
            c.close();
        }
        join(acceptor);
        for (ReceiverConnection c : open) {
            join(c.thread());
        }
    }

    private static void join(Thread t) {
        if (Thread.currentThread() == t) {
            return;
        }
        try {
            t.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closing) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (closing || server.isClosed()) {
                    return;
                }
                warn("accepting key transport connections on tcp " + Peers.describe(localAddress) + " failed: "
                        + e.getMessage());
                pause();
                continue;
            }
            if (!slots.tryAcquire()) {
                refused.incrementAndGet();
                warn("key transport connection from " + Peers.describe(socket.getRemoteSocketAddress())
                        + " refused: " + open.size() + " connections are open already");
                closeQuietly(socket);
                continue;
            }
            accepted.incrementAndGet();
            ReceiverConnection connection = new ReceiverConnection(this, socket, psk, keys);
            open.add(connection);
            if (closing) {
                connection.close();
            }
            connection.thread().start();
        }
    }

    /** Called by a connection's thread as it ends. */
    void ended(ReceiverConnection connection) {
        if (open.remove(connection)) {
            slots.release();
        }
    }

    void warn(String message) {
        limit.report(events::warning, () -> events.warning(message));
    }

    void authenticationFailed(String peer, String detail) {
        authenticationFailures.incrementAndGet();
        limit.report(events::warning, () -> events.authenticationFailed(peer, detail));
    }

    boolean closing() {
        return closing;
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to do with it
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
