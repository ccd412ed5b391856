package org.callscope.engine.tcp;

import java.util.Arrays;
import org.callscope.engine.decode.DecodedPacket;

/**
 * One direction of a TCP connection: who sends to whom. Immutable; allocated once per direction
 * when a connection is first seen, with its {@link #reverse()} built at the same time.
 *
 * <p>The client is the side that sent the SYN without ACK. When the connection was picked up
 * mid-stream the roles are guessed (the higher port is taken as the client's ephemeral port) and
 * {@link #rolesKnown()} is false.
 */
public final class TcpDirection {
    private final int ipVersion;
    private final byte[] srcAddr;
    private final byte[] dstAddr;
    private final int srcPort;
    private final int dstPort;
    private final String srcAddress;
    private final String dstAddress;
    private final boolean fromClient;
    private final boolean rolesKnown;
    private final TcpDirection reverse;

    /** Allocates both directions and their address strings; {@code src}/{@code dst} are copied. */
    TcpDirection(int ipVersion, byte[] src, byte[] dst, int srcPort, int dstPort, boolean fromClient, boolean rolesKnown) {
        int length = ipVersion == 6 ? 16 : 4;
        this.ipVersion = ipVersion;
        this.srcAddr = Arrays.copyOf(src, length);
        this.dstAddr = Arrays.copyOf(dst, length);
        this.srcPort = srcPort;
        this.dstPort = dstPort;
        this.srcAddress = DecodedPacket.addressString(srcAddr, length);
        this.dstAddress = DecodedPacket.addressString(dstAddr, length);
        this.fromClient = fromClient;
        this.rolesKnown = rolesKnown;
        this.reverse = new TcpDirection(this);
    }

    private TcpDirection(TcpDirection peer) {
        this.ipVersion = peer.ipVersion;
        this.srcAddr = peer.dstAddr;
        this.dstAddr = peer.srcAddr;
        this.srcPort = peer.dstPort;
        this.dstPort = peer.srcPort;
        this.srcAddress = peer.dstAddress;
        this.dstAddress = peer.srcAddress;
        this.fromClient = !peer.fromClient;
        this.rolesKnown = peer.rolesKnown;
        this.reverse = peer;
    }

    public int ipVersion() {
        return ipVersion;
    }

    /** A copy of the sender's address: 4 bytes for IPv4, 16 for IPv6. */
    public byte[] srcAddr() {
        return srcAddr.clone();
    }

    /** A copy of the receiver's address: 4 bytes for IPv4, 16 for IPv6. */
    public byte[] dstAddr() {
        return dstAddr.clone();
    }

    public String srcAddress() {
        return srcAddress;
    }

    public String dstAddress() {
        return dstAddress;
    }

    public int srcPort() {
        return srcPort;
    }

    public int dstPort() {
        return dstPort;
    }

    /** True when the sender of this direction is the client (see the class comment). */
    public boolean fromClient() {
        return fromClient;
    }

    /** True when a SYN told who the client is; false when guessed from the ports. */
    public boolean rolesKnown() {
        return rolesKnown;
    }

    public String clientAddress() {
        return fromClient ? srcAddress : dstAddress;
    }

    public int clientPort() {
        return fromClient ? srcPort : dstPort;
    }

    public String serverAddress() {
        return fromClient ? dstAddress : srcAddress;
    }

    public int serverPort() {
        return fromClient ? dstPort : srcPort;
    }

    /** The other direction of the same connection (the same object every time). */
    public TcpDirection reverse() {
        return reverse;
    }

    @Override
    public String toString() {
        return (ipVersion == 6 ? "[" + srcAddress + "]" : srcAddress) + ":" + srcPort + " -> "
                + (ipVersion == 6 ? "[" + dstAddress + "]" : dstAddress) + ":" + dstPort;
    }
}
