package org.callscope.bench;

/**
 * Builds Ethernet II / IPv4 / UDP frames around a payload in one reused buffer. Header checksums are
 * filled in (RFC 791 §3.1, RFC 768) so that tools which verify them see clean frames.
 */
final class UdpFrameBuilder {
    static final int ETHERNET_HEADER = 14;
    static final int IPV4_HEADER = 20;
    static final int UDP_HEADER = 8;
    static final int HEADERS = ETHERNET_HEADER + IPV4_HEADER + UDP_HEADER;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int PROTOCOL_UDP = 17;
    private static final int TTL = 64;

    private final byte[] frame = new byte[65_536];
    private int ipId;

    /** Where the payload goes: write it at this offset before calling {@link #finish}. */
    byte[] buffer() {
        return frame;
    }

    int payloadOffset() {
        return HEADERS;
    }

    /** Writes the headers for a payload of {@code payloadLength} already placed; returns the frame length. */
    int finish(byte[] srcIp, int srcPort, byte[] dstIp, int dstPort, int payloadLength) {
        mac(0, dstIp);
        mac(6, srcIp);
        put16(12, ETHERTYPE_IPV4);
        int ip = ETHERNET_HEADER;
        int ipLength = IPV4_HEADER + UDP_HEADER + payloadLength;
        frame[ip] = 0x45;
        frame[ip + 1] = (byte) 0xb8; // DSCP EF (RFC 3246), as phones mark voice
        put16(ip + 2, ipLength);
        put16(ip + 4, ipId++ & 0xffff);
        put16(ip + 6, 0x4000); // don't fragment
        frame[ip + 8] = TTL;
        frame[ip + 9] = PROTOCOL_UDP;
        put16(ip + 10, 0);
        System.arraycopy(srcIp, 0, frame, ip + 12, 4);
        System.arraycopy(dstIp, 0, frame, ip + 16, 4);
        put16(ip + 10, ~sum(ip, IPV4_HEADER, 0) & 0xffff);
        int udp = ip + IPV4_HEADER;
        int udpLength = UDP_HEADER + payloadLength;
        put16(udp, srcPort);
        put16(udp + 2, dstPort);
        put16(udp + 4, udpLength);
        put16(udp + 6, 0);
        long pseudo = sum(ip + 12, 8, PROTOCOL_UDP + udpLength);
        int checksum = ~sum(udp, udpLength, pseudo) & 0xffff;
        put16(udp + 6, checksum == 0 ? 0xffff : checksum); // RFC 768: computed zero is sent as all ones
        return ETHERNET_HEADER + ipLength;
    }

    /** Locally administered unicast MAC derived from the IP, so each host has a stable one. */
    private void mac(int at, byte[] ip) {
        frame[at] = 0x02;
        frame[at + 1] = 0x00;
        System.arraycopy(ip, 0, frame, at + 2, 4);
    }

    /** One's-complement sum folded to 16 bits (RFC 1071). */
    private int sum(int off, int len, long start) {
        long s = start;
        int end = off + len;
        int i = off;
        for (; i + 1 < end; i += 2) {
            s += ((frame[i] & 0xff) << 8) | (frame[i + 1] & 0xff);
        }
        if (i < end) {
            s += (frame[i] & 0xff) << 8;
        }
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }

    private void put16(int at, int v) {
        frame[at] = (byte) (v >>> 8);
        frame[at + 1] = (byte) v;
    }
}
