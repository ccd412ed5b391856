package org.callscope.engine.dtlssrtp;

import java.util.Arrays;
import java.util.Objects;
import org.callscope.engine.srtp.SrtpMasterKey;

/**
 * The SRTP master keys one DTLS-SRTP handshake produced (RFC 5764 §4.2), by address: the DTLS
 * client is whichever side sent the ClientHello, which may be either SIP party ({@code a=setup}
 * decides, RFC 5763 §5); mapping addresses to call directions is the caller's business. The client
 * protects what it sends with {@link #clientWrite()}, the server with {@link #serverWrite()}.
 * Arrays are copied in and out; {@link #toString()} shows no key bytes.
 *
 * @param clientAddr     the DTLS client's address, 4 or 16 bytes
 * @param clientPort     the DTLS client's UDP port
 * @param serverAddr     the DTLS server's address, 4 or 16 bytes
 * @param serverPort     the DTLS server's UDP port
 * @param clientWrite    SRTP/SRTCP master key and salt of what the client sends
 * @param serverWrite    SRTP/SRTCP master key and salt of what the server sends
 * @param version        "DTLS 1.0" or "DTLS 1.2"
 * @param cipherSuite    the negotiated cipher suite's IANA name, or its code point "0xNNNN" for a DTLS 1.0 suite we do not list
 * @param handshakeNanos packet time of the ServerHello, when the keys became fixed
 */
public record DtlsSrtpKeys(byte[] clientAddr, int clientPort, byte[] serverAddr, int serverPort,
                           SrtpMasterKey clientWrite, SrtpMasterKey serverWrite,
                           String version, String cipherSuite, long handshakeNanos) {
    public DtlsSrtpKeys {
        Objects.requireNonNull(clientWrite, "clientWrite");
        Objects.requireNonNull(serverWrite, "serverWrite");
        clientAddr = clientAddr.clone();
        serverAddr = serverAddr.clone();
    }

    @Override
    public byte[] clientAddr() {
        return clientAddr.clone();
    }

    @Override
    public byte[] serverAddr() {
        return serverAddr.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DtlsSrtpKeys k && Arrays.equals(clientAddr, k.clientAddr) && clientPort == k.clientPort
                && Arrays.equals(serverAddr, k.serverAddr) && serverPort == k.serverPort
                && clientWrite.equals(k.clientWrite) && serverWrite.equals(k.serverWrite)
                && version.equals(k.version) && cipherSuite.equals(k.cipherSuite) && handshakeNanos == k.handshakeNanos;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(clientAddr), clientPort, Arrays.hashCode(serverAddr), serverPort,
                clientWrite, serverWrite, version, cipherSuite, handshakeNanos);
    }

    @Override
    public String toString() {
        return "DtlsSrtpKeys[client " + Endpoints.format(clientAddr, clientPort) + ", server "
                + Endpoints.format(serverAddr, serverPort) + ", " + version + ", " + cipherSuite + ", "
                + clientWrite.suite() + ", keys redacted]";
    }
}
