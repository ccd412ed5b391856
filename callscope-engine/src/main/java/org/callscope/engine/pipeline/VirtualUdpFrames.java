package org.callscope.engine.pipeline;

import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.capture.LinkType;

/**
 * Builds the frames a call's SIP capture shows for SIP that arrived encrypted: the original link
 * header, an IP header of the same family and addresses, UDP with the TCP connection's ports, and
 * the decrypted SIP message as payload. Wireshark then shows plain SIP, one packet per message.
 */
final class VirtualUdpFrames {
    /** Largest UDP payload an IPv4 datagram can carry. */
    static final int MAX_PAYLOAD = 65_507;
    private static final int UDP = 17;

    private VirtualUdpFrames() {
    }

    /**
     * The link header in front of the IP header of {@code template}: {@code linkHeaderLength}
     * bytes, or, when a tunnel sits between them, a plain Ethernet header with the same MACs.
     */
    record Template(int linkType, byte[] linkHeader, int interfaceId) {
        static Template of(CapturedPacket frame, int ipHeaderOffset, int tunnelDepth, int ipVersion) {
            if (tunnelDepth == 0 && ipHeaderOffset >= 0 && ipHeaderOffset <= frame.capturedLength) {
                byte[] link = new byte[ipHeaderOffset];
                System.arraycopy(frame.data, 0, link, 0, ipHeaderOffset);
                return new Template(frame.linkType, link, frame.interfaceId);
            }
            if (frame.linkType == LinkType.ETHERNET && frame.capturedLength >= 12) {
                byte[] link = new byte[14];
                System.arraycopy(frame.data, 0, link, 0, 12);
                link[12] = (byte) (ipVersion == 6 ? 0x86 : 0x08);
                link[13] = (byte) (ipVersion == 6 ? 0xdd : 0x00);
                return new Template(LinkType.ETHERNET, link, frame.interfaceId);
            }
            return new Template(ipVersion == 6 ? LinkType.IPV6 : LinkType.IPV4, new byte[0], frame.interfaceId);
        }
    }

    /** Null when the message is too large for one UDP datagram. */
    static CapturedPacket build(Template t, SipAddressing a, byte[] payload, int off, int len, long tsNanos) {
        if (len > MAX_PAYLOAD) {
            return null;
        }
        boolean v6 = a.srcAddr().length == 16;
        int ipLength = v6 ? 40 : 20;
        int total = t.linkHeader().length + ipLength + 8 + len;
        CapturedPacket p = new CapturedPacket(total);
        byte[] d = p.data;
        System.arraycopy(t.linkHeader(), 0, d, 0, t.linkHeader().length);
        int ip = t.linkHeader().length;
        int udp = ip + ipLength;
        if (v6) {
            writeIpv6(d, ip, a, 8 + len);
        } else {
            writeIpv4(d, ip, a, 8 + len);
        }
        putShort(d, udp, a.srcPort());
        putShort(d, udp + 2, a.dstPort());
        putShort(d, udp + 4, 8 + len);
        System.arraycopy(payload, off, d, udp + 8, len);
        putShort(d, udp + 6, udpChecksum(d, a, udp, 8 + len));
        p.tsNanos = tsNanos;
        p.linkType = t.linkType();
        p.capturedLength = total;
        p.originalLength = total;
        p.interfaceId = t.interfaceId();
        return p;
    }

    private static void writeIpv4(byte[] d, int at, SipAddressing a, int udpLength) {
        d[at] = 0x45;
        putShort(d, at + 2, 20 + udpLength);
        d[at + 6] = 0x40; // don't fragment
        d[at + 8] = 64;
        d[at + 9] = UDP;
        System.arraycopy(a.srcAddr(), 0, d, at + 12, 4);
        System.arraycopy(a.dstAddr(), 0, d, at + 16, 4);
        long sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((d[at + i] & 0xff) << 8) | (d[at + i + 1] & 0xff);
        }
        putShort(d, at + 10, fold(sum));
    }

    private static void writeIpv6(byte[] d, int at, SipAddressing a, int udpLength) {
        d[at] = 0x60;
        putShort(d, at + 4, udpLength);
        d[at + 6] = UDP;
        d[at + 7] = 64;
        System.arraycopy(a.srcAddr(), 0, d, at + 8, 16);
        System.arraycopy(a.dstAddr(), 0, d, at + 24, 16);
    }

    /** RFC 768 checksum over the pseudo-header; mandatory for IPv6 (RFC 8200 §8.1). */
    private static int udpChecksum(byte[] d, SipAddressing a, int udp, int udpLength) {
        long sum = sumBytes(a.srcAddr(), 0, a.srcAddr().length) + sumBytes(a.dstAddr(), 0, a.dstAddr().length);
        sum += UDP + udpLength;
        sum += sumBytes(d, udp, udpLength);
        int c = fold(sum);
        return c == 0 ? 0xffff : c;
    }

    private static long sumBytes(byte[] b, int off, int len) {
        long sum = 0;
        int i = 0;
        for (; i + 1 < len; i += 2) {
            sum += ((b[off + i] & 0xff) << 8) | (b[off + i + 1] & 0xff);
        }
        if (i < len) {
            sum += (b[off + i] & 0xff) << 8;
        }
        return sum;
    }

    private static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private static void putShort(byte[] d, int at, int v) {
        d[at] = (byte) (v >>> 8);
        d[at + 1] = (byte) v;
    }
}
