package org.callscope.engine.dtlssrtp;

import java.util.Arrays;
import java.util.Objects;

/**
 * A DTLS-SRTP handshake that produced no keys, and why. The addresses follow the DTLS roles when
 * they are known (the sender of the ClientHello is the client); when no hello was seen they are the
 * two ends in the order their first datagram named them.
 *
 * @param reason what went wrong: "no key", "handshake incomplete", "no use_srtp",
 *               "unsupported profile 0x0003", "unsupported version 0xfefc", "unsupported cipher suite 0xNNNN",
 *               "bad ClientHello: ...", "bad ServerHello: ...", "handshake too large"
 */
public record DtlsSrtpFailure(byte[] clientAddr, int clientPort, byte[] serverAddr, int serverPort, String reason) {
    public DtlsSrtpFailure {
        Objects.requireNonNull(reason, "reason");
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
        return o instanceof DtlsSrtpFailure f && Arrays.equals(clientAddr, f.clientAddr) && clientPort == f.clientPort
                && Arrays.equals(serverAddr, f.serverAddr) && serverPort == f.serverPort && reason.equals(f.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(clientAddr), clientPort, Arrays.hashCode(serverAddr), serverPort, reason);
    }

    @Override
    public String toString() {
        return "DtlsSrtpFailure[client " + Endpoints.format(clientAddr, clientPort) + ", server "
                + Endpoints.format(serverAddr, serverPort) + ": " + reason + "]";
    }
}
