package org.callscope.engine.tcp;

import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.decode.DecodedPacket;

/**
 * One tracked connection: its 4-tuple (side A is the sender of the first packet seen), both
 * directions' sequence state, and its place in the reassembler's idle lists. Owned by the
 * {@link TcpReassembler}.
 */
final class TcpConnection {
    private static final int FLAG_SYN = 0x02;
    private static final int FLAG_ACK = 0x10;

    final int ipVersion;
    final byte[] addrA = new byte[16];
    final byte[] addrB = new byte[16];
    final int portA;
    final int portB;
    final int hash;
    final TcpHalfStream fromA;
    final TcpHalfStream fromB;

    long lastSeenNanos;
    /** FIN or RST seen: the short timeout applies. */
    boolean closing;
    TcpConnectionList list;
    TcpConnection prev;
    TcpConnection next;

    /** Allocates the connection and both {@link TcpDirection}s from the packet that opened it. */
    TcpConnection(DecodedPacket first, int hash, AnomalyCounters anomalies, int maxBufferedBytes) {
        this.ipVersion = first.ipVersion;
        int length = first.addrLength();
        System.arraycopy(first.srcAddr, 0, addrA, 0, length);
        System.arraycopy(first.dstAddr, 0, addrB, 0, length);
        this.portA = first.srcPort;
        this.portB = first.dstPort;
        this.hash = hash;
        boolean syn = (first.tcpFlags & FLAG_SYN) != 0;
        boolean ack = (first.tcpFlags & FLAG_ACK) != 0;
        boolean aIsClient = syn ? !ack : first.srcPort >= first.dstPort;
        TcpDirection aToB = new TcpDirection(ipVersion, addrA, addrB, portA, portB, aIsClient, syn);
        this.fromA = new TcpHalfStream(aToB, anomalies, maxBufferedBytes);
        this.fromB = new TcpHalfStream(aToB.reverse(), anomalies, maxBufferedBytes);
    }

    /** 0 when the packet goes A to B, 1 when B to A, -1 when it belongs to another connection. */
    int side(DecodedPacket p) {
        if (p.ipVersion != ipVersion) {
            return -1;
        }
        int length = p.addrLength();
        if (p.srcPort == portA && p.dstPort == portB
                && java.util.Arrays.equals(p.srcAddr, 0, length, addrA, 0, length)
                && java.util.Arrays.equals(p.dstAddr, 0, length, addrB, 0, length)) {
            return 0;
        }
        if (p.srcPort == portB && p.dstPort == portA
                && java.util.Arrays.equals(p.srcAddr, 0, length, addrB, 0, length)
                && java.util.Arrays.equals(p.dstAddr, 0, length, addrA, 0, length)) {
            return 1;
        }
        return -1;
    }

    TcpHalfStream half(int side) {
        return side == 0 ? fromA : fromB;
    }

    /** Same value for both directions of a 4-tuple, computed without allocating. */
    static int hash(DecodedPacket p) {
        int length = p.addrLength();
        int src = endpointHash(p.srcAddr, length, p.srcPort);
        int dst = endpointHash(p.dstAddr, length, p.dstPort);
        int h = (src + dst) * 0x9E3779B9 + p.ipVersion;
        return h ^ (h >>> 16);
    }

    private static int endpointHash(byte[] addr, int length, int port) {
        int h = port;
        for (int i = 0; i < length; i++) {
            h = 31 * h + addr[i];
        }
        return h * 0x85EBCA6B;
    }
}
