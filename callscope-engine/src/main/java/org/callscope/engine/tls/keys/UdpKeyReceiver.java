package org.callscope.engine.tls.keys;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Listens for key datagrams on a UDP socket, as VoIPmonitor's keylogger sends them
 * ({@code ssl_sessionkey_udp = yes} with {@code ssl_sessionkey_udp_ip} and
 * {@code ssl_sessionkey_udp_port}), and adds what they carry to a {@link KeySink} (usually
 * {@link SessionKeys}) from its own daemon thread. A bad datagram is counted and reported through the warnings with its sender,
 * never fatal; reports are limited to {@link #WARNINGS_PER_MINUTE} so a flood cannot flood the log.
 */
public final class UdpKeyReceiver implements AutoCloseable {
    /** Reports of bad datagrams per minute; the rest are only counted. */
    public static final int WARNINGS_PER_MINUTE = 30;
    private static final int MAX_DATAGRAM_BYTES = 65_535;
    private static final int RECEIVE_BUFFER_BYTES = 1 << 20;
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final DatagramSocket socket;
    private final InetSocketAddress localAddress;
    private final KeySink keys;
    private final Consumer<String> warnings;
    private final Thread thread;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong added = new AtomicLong();
    private final WarningLimit warningLimit = new WarningLimit(WARNINGS_PER_MINUTE, "key datagrams");
    private volatile boolean closing;

    private UdpKeyReceiver(DatagramSocket socket, KeySink keys, Consumer<String> warnings) {
        this.socket = socket;
        this.localAddress = (InetSocketAddress) socket.getLocalSocketAddress();
        this.keys = keys;
        this.warnings = warnings;
        this.thread = new Thread(this::run, "key datagrams on udp " + localAddress);
        thread.setDaemon(true);
    }

    /**
     * Binds {@code bind} (port 0: any free port) and starts receiving.
     *
     * @throws IOException when the address cannot be bound; the message names it and says why
     */
    public static UdpKeyReceiver start(InetSocketAddress bind, KeySink keys, Consumer<String> warnings)
            throws IOException {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(warnings, "warnings");
        DatagramSocket socket = new DatagramSocket(null);
        try {
            try {
                socket.setReceiveBufferSize(RECEIVE_BUFFER_BYTES); // keyloggers send bursts at call set-up
            } catch (SocketException ignored) {
                // the system's default buffer still works
            }
            socket.bind(bind);
        } catch (IOException e) {
            socket.close();
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            IOException described = e instanceof BindException
                    ? new BindException("cannot receive key datagrams on udp " + bind + ": " + why)
                    : new IOException("cannot receive key datagrams on udp " + bind + ": " + why);
            described.initCause(e);
            throw described;
        }
        UdpKeyReceiver receiver = new UdpKeyReceiver(socket, keys, warnings);
        receiver.thread.start();
        return receiver;
    }

    /** The bound address, with the port the system chose when 0 was asked for. */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** Datagrams received, good or bad. */
    public long received() {
        return received.get();
    }

    /** Datagrams that carried no valid key and were dropped. */
    public long rejected() {
        return rejected.get();
    }

    /** Secrets from good datagrams that were new to the store. */
    public long added() {
        return added.get();
    }

    /** Stops the thread and frees the port; returns once the thread has ended. */
    @Override
    public void close() {
        closing = true;
        socket.close();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(CLOSE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        byte[] buf = new byte[MAX_DATAGRAM_BYTES];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        while (!closing) {
            packet.setData(buf);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (closing || socket.isClosed()) {
                    return;
                }
                warn("receiving key datagrams on udp " + localAddress + " failed: " + e.getMessage());
                pause();
                continue;
            }
            received.incrementAndGet();
            try {
                List<KeyLogEntry> entries = KeyDatagrams.parse(buf, packet.getOffset(), packet.getLength());
                for (KeyLogEntry entry : entries) {
                    if (keys.add(entry)) {
                        added.incrementAndGet();
                    }
                }
            } catch (KeyLogFormatException e) {
                reject(packet, e.getMessage());
            } catch (RuntimeException e) {
                reject(packet, "unexpected " + e); // keep listening whatever one datagram does
            }
        }
    }

    private void reject(DatagramPacket packet, String why) {
        rejected.incrementAndGet();
        warn("key datagram from " + packet.getSocketAddress() + " (" + packet.getLength() + " bytes) rejected: " + why);
    }

    private void warn(String message) {
        warningLimit.report(warnings, message);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
