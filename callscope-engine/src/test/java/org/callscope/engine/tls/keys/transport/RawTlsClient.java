package org.callscope.engine.tls.keys.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.tls.TlsClient;
import org.bouncycastle.tls.TlsClientProtocol;

/** A TLS connection to a receiver that writes whatever a test wants, and reads its replies. */
final class RawTlsClient implements AutoCloseable {
    final Socket socket;
    final TlsClientProtocol protocol;

    private RawTlsClient(Socket socket, TlsClientProtocol protocol) {
        this.socket = socket;
        this.protocol = protocol;
    }

    static RawTlsClient connect(InetSocketAddress to, KeyTransportPsk psk) throws IOException {
        return connect(to, new ExternalPskClient(KeyTransportTls.crypto(), psk));
    }

    static RawTlsClient connect(InetSocketAddress to, TlsClient client) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(to, 5_000);
            socket.setSoTimeout(10_000);
            TlsClientProtocol protocol = new TlsClientProtocol(socket.getInputStream(), socket.getOutputStream());
            protocol.connect(client);
            return new RawTlsClient(socket, protocol);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    void write(byte[] bytes) throws IOException {
        protocol.getOutputStream().write(bytes);
        protocol.getOutputStream().flush();
    }

    void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The next line from the receiver (without LF), or null at the end of the stream. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = protocol.getInputStream().read()) >= 0) {
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        try {
            protocol.close();
        } finally {
            socket.close();
        }
    }
}
