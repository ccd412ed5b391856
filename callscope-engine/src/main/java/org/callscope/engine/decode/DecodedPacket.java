package org.callscope.engine.decode;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The transport-level facts of one frame after every layer down to UDP/TCP was peeled off.
 *
 * <p>Reused for every frame by its owner: nothing here is valid after the next decode. The
 * payload usually points into the captured frame; after IP reassembly it points into the
 * reassembler's buffer.
 */
public final class DecodedPacket {
    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;

    public long tsNanos;
    /** 4 or 6: the family of the innermost IP header. */
    public int ipVersion;
    /** IPv4 uses bytes 0..3, IPv6 all 16. */
    public final byte[] srcAddr = new byte[16];
    public final byte[] dstAddr = new byte[16];
    /** IP protocol number of the transport: {@link #PROTO_UDP} or {@link #PROTO_TCP} (others are not delivered). */
    public int protocol;
    public int srcPort;
    public int dstPort;
    /** TCP only: flags byte (FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10), sequence and ack numbers. */
    public int tcpFlags;
    public long tcpSeq;
    public long tcpAck;
    /** Where the transport payload is: {@code payload[payloadOffset, payloadOffset + payloadLength)}. */
    public byte[] payload;
    public int payloadOffset;
    public int payloadLength;
    /** Offset of the innermost IP header in the original frame (for rewriting frames), -1 if reassembled. */
    public int ipHeaderOffset;
    /** Number of tunnel encapsulations that were removed. */
    public int tunnelDepth;
    /** True when the datagram was rebuilt from IP fragments. */
    public boolean reassembled;
    /** True when the capture's snaplen cut the frame: the payload is only what was captured. */
    public boolean snapTruncated;

    public int addrLength() {
        return ipVersion == 6 ? 16 : 4;
    }

    /** IPv4 source address as an unsigned 32-bit value (IPv4 only). */
    public long srcIpv4() {
        return ((long) (srcAddr[0] & 0xff) << 24) | ((srcAddr[1] & 0xff) << 16) | ((srcAddr[2] & 0xff) << 8) | (srcAddr[3] & 0xff);
    }

    /** IPv4 destination address as an unsigned 32-bit value (IPv4 only). */
    public long dstIpv4() {
        return ((long) (dstAddr[0] & 0xff) << 24) | ((dstAddr[1] & 0xff) << 16) | ((dstAddr[2] & 0xff) << 8) | (dstAddr[3] & 0xff);
    }

    /** Allocates: for values that leave the hot path (new calls, CDRs, messages). */
    public String srcAddrString() {
        return addressString(srcAddr, addrLength());
    }

    /** Allocates: for values that leave the hot path (new calls, CDRs, messages). */
    public String dstAddrString() {
        return addressString(dstAddr, addrLength());
    }

    public static String addressString(byte[] addr, int length) {
        byte[] copy = new byte[length];
        System.arraycopy(addr, 0, copy, 0, length);
        try {
            return InetAddress.getByAddress(copy).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of length " + length, e);
        }
    }
}
