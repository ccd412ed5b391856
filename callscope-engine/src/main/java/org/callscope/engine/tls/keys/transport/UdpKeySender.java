package org.callscope.engine.tls.keys.transport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Sends key-log lines as key datagrams, one line per datagram without its line end, as
 * VoIPmonitor's keylogger does (docs/KEY-TRANSPORT.md, "UDP"). Nothing is acknowledged, encrypted
 * or authenticated: for loopback or one host. Not thread-safe.
 */
public final class UdpKeySender implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress to;

    private UdpKeySender(DatagramSocket socket, InetSocketAddress to) {
        this.socket = socket;
        this.to = to;
    }

    /** A sender to {@code to} (resolved once, now). */
    public static UdpKeySender open(InetSocketAddress to) throws IOException {
        Objects.requireNonNull(to, "to");
        InetSocketAddress target = to.isUnresolved() ? new InetSocketAddress(to.getHostString(), to.getPort()) : to;
        if (target.isUnresolved()) {
            throw new IOException("cannot resolve " + to.getHostString());
        }
        return new UdpKeySender(new DatagramSocket(), target);
    }

    /**
     * Sends {@code line} in one datagram.
     *
     * @throws IOException when the system refuses to send it
     */
    public void send(String line) throws IOException {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(b, b.length, to));
    }

    @Override
    public void close() {
        socket.close();
    }
}
