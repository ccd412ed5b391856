package org.callscope.engine.scenario;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds Ethernet frames carrying UDP or TCP over IPv4 or IPv6 with correct lengths and
 * checksums, optionally behind 802.1Q/802.1ad tags and one tunnel (GRE, ERSPAN type II, VXLAN,
 * IP-in-IP), and can cut a large IPv4 datagram into fragments. Immutable: each option returns a
 * new builder. Test code; allocates freely.
 */
public final class FrameBuilder {
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86dd;
    /** IEEE 802.1Q customer tag. */
    static final int TPID_CUSTOMER = 0x8100;
    /** IEEE 802.1ad service tag (the outer one of QinQ). */
    static final int TPID_SERVICE = 0x88a8;
    static final int PROTO_IPV4_IN_IP = 4;
    static final int PROTO_TCP = 6;
    static final int PROTO_UDP = 17;
    static final int PROTO_IPV6_IN_IP = 41;
    static final int PROTO_GRE = 47;
    /** GRE protocol type of ERSPAN type II (draft-foschiano-erspan-03 §4.2). */
    static final int GRE_TYPE_ERSPAN = 0x88be;
    /** RFC 7348 §5. */
    static final int VXLAN_PORT = 4789;
    static final int IPV4_HEADER = 20;
    static final int IPV6_HEADER = 40;
    static final int UDP_HEADER = 8;
    static final int TCP_HEADER = 20;

    public static final int TCP_FIN = 0x01;
    public static final int TCP_SYN = 0x02;
    public static final int TCP_PSH = 0x08;
    public static final int TCP_ACK = 0x10;

    private enum Tunnel { NONE, GRE, ERSPAN_II, VXLAN, IP_IN_IP }

    private final int[] tpids;
    private final int[] vids;
    private final Tunnel tunnel;
    private final HostPort outerSrc;
    private final HostPort outerDst;
    private final int tunnelId;
    /** IPv4 identification counter, shared by copies so datagrams of one capture differ (RFC 791). */
    private final int[] nextIpId;

    private FrameBuilder(int[] tpids, int[] vids, Tunnel tunnel, HostPort outerSrc, HostPort outerDst, int tunnelId,
                         int[] nextIpId) {
        this.tpids = tpids;
        this.vids = vids;
        this.tunnel = tunnel;
        this.outerSrc = outerSrc;
        this.outerDst = outerDst;
        this.tunnelId = tunnelId;
        this.nextIpId = nextIpId;
    }

    /** Plain Ethernet II, no tags, no tunnel. */
    public static FrameBuilder ethernet() {
        return new FrameBuilder(new int[0], new int[0], Tunnel.NONE, null, null, 0, new int[]{0x100});
    }

    /** Adds an 802.1Q tag (after any tag already added). */
    public FrameBuilder vlan(int vid) {
        return tag(TPID_CUSTOMER, vid);
    }

    /** 802.1ad service tag then 802.1Q customer tag (QinQ). */
    public FrameBuilder qinq(int serviceVid, int customerVid) {
        return tag(TPID_SERVICE, serviceVid).tag(TPID_CUSTOMER, customerVid);
    }

    private FrameBuilder tag(int tpid, int vid) {
        int[] t = java.util.Arrays.copyOf(tpids, tpids.length + 1);
        int[] v = java.util.Arrays.copyOf(vids, vids.length + 1);
        t[t.length - 1] = tpid;
        v[v.length - 1] = vid;
        return new FrameBuilder(t, v, tunnel, outerSrc, outerDst, tunnelId, nextIpId);
    }

    /** The IP packet inside GRE (RFC 2784) between two IPv4 tunnel ends. */
    public FrameBuilder gre(String outerSource, String outerDestination) {
        return tunnel(Tunnel.GRE, outerSource, outerDestination, 0);
    }

    /** An Ethernet frame mirrored by ERSPAN type II (GRE with sequence number) with this session id. */
    public FrameBuilder erspanII(String outerSource, String outerDestination, int sessionId) {
        return tunnel(Tunnel.ERSPAN_II, outerSource, outerDestination, sessionId);
    }

    /** An Ethernet frame inside VXLAN (RFC 7348) with this VNI. */
    public FrameBuilder vxlan(String outerSource, String outerDestination, int vni) {
        return tunnel(Tunnel.VXLAN, outerSource, outerDestination, vni);
    }

    /** The IP packet inside an outer IPv4 header (RFC 2003; protocol 41 for IPv6 inside, RFC 4213). */
    public FrameBuilder ipInIp(String outerSource, String outerDestination) {
        return tunnel(Tunnel.IP_IN_IP, outerSource, outerDestination, 0);
    }

    private FrameBuilder tunnel(Tunnel t, String src, String dst, int id) {
        return new FrameBuilder(tpids, vids, t, HostPort.of(src, 0), HostPort.of(dst, 0), id, nextIpId);
    }

    /** One frame carrying a UDP datagram. */
    public byte[] udp(HostPort src, HostPort dst, byte[] payload) {
        return frame(ip(src, dst, PROTO_UDP, udpDatagram(src, dst, payload)));
    }

    /**
     * A UDP datagram too big for {@code mtu} as IPv4 fragments (RFC 791 §3.2: offsets in 8-byte
     * units, MF on all but the last), one frame each, in order; the caller may reorder them.
     */
    public List<byte[]> udpFragments(HostPort src, HostPort dst, byte[] payload, int mtu) {
        if (src.isIpv6()) {
            throw new IllegalArgumentException("IPv4 fragmentation only");
        }
        byte[] datagram = udpDatagram(src, dst, payload);
        int perFragment = (mtu - IPV4_HEADER) / 8 * 8;
        int id = nextIpId[0]++;
        List<byte[]> frames = new ArrayList<>();
        for (int off = 0; off < datagram.length; off += perFragment) {
            int len = Math.min(perFragment, datagram.length - off);
            boolean more = off + len < datagram.length;
            byte[] part = java.util.Arrays.copyOfRange(datagram, off, off + len);
            frames.add(frame(ipv4(src.address(), dst.address(), PROTO_UDP, id, off / 8, more, part)));
        }
        return frames;
    }

    /** One frame carrying a TCP segment (no options, window 65535). */
    public byte[] tcp(HostPort src, HostPort dst, long seq, long ack, int flags, byte[] payload) {
        return frame(ip(src, dst, PROTO_TCP, tcpSegment(src, dst, seq, ack, flags, payload)));
    }

    private byte[] ip(HostPort src, HostPort dst, int protocol, byte[] payload) {
        if (src.isIpv6() != dst.isIpv6()) {
            throw new IllegalArgumentException("mixed address families " + src + " " + dst);
        }
        return src.isIpv6() ? ipv6(src.address(), dst.address(), protocol, payload)
                : ipv4(src.address(), dst.address(), protocol, nextIpId[0]++, 0, false, payload);
    }

    /** Wraps an IP packet per this builder's tunnel and tags. */
    byte[] frame(byte[] ipPacket) {
        return switch (tunnel) {
            case NONE -> ethernet(tpids, vids, etherTypeOf(ipPacket), ipPacket);
            case GRE -> outer(PROTO_GRE, concat(gre(0, etherTypeOf(ipPacket)), ipPacket));
            case IP_IN_IP -> outer(isV6(ipPacket) ? PROTO_IPV6_IN_IP : PROTO_IPV4_IN_IP, ipPacket);
            case ERSPAN_II -> {
                byte[] inner = ethernet(new int[0], new int[0], etherTypeOf(ipPacket), ipPacket);
                int sequence = nextIpId[0];
                byte[] greHeader = gre(0x1000, GRE_TYPE_ERSPAN); // S bit: sequence number follows
                byte[] seq = {(byte) (sequence >>> 24), (byte) (sequence >>> 16), (byte) (sequence >>> 8), (byte) sequence};
                // ERSPAN II (§4.2): Ver=1, VLAN=0 | COS=0 En=0 T=0 Session ID | Reserved=0 Index=0.
                byte[] erspan = {0x10, 0x00, (byte) ((tunnelId >>> 8) & 0x03), (byte) tunnelId, 0, 0, 0, 0};
                yield outer(PROTO_GRE, concat(greHeader, seq, erspan, inner));
            }
            case VXLAN -> {
                byte[] inner = ethernet(new int[0], new int[0], etherTypeOf(ipPacket), ipPacket);
                // RFC 7348 §5: flags with I set, 24 reserved bits, VNI, 8 reserved bits.
                byte[] vxlan = {0x08, 0, 0, 0, (byte) (tunnelId >>> 16), (byte) (tunnelId >>> 8), (byte) tunnelId, 0};
                HostPort src = outerSrc.withPort(49_152 + (tunnelId & 0x3fff));
                HostPort dst = outerDst.withPort(VXLAN_PORT);
                yield outer(PROTO_UDP, udpDatagram(src, dst, concat(vxlan, inner)));
            }
        };
    }

    private byte[] outer(int protocol, byte[] payload) {
        byte[] packet = ipv4(outerSrc.address(), outerDst.address(), protocol, nextIpId[0]++, 0, false, payload);
        return ethernet(tpids, vids, ETHERTYPE_IPV4, packet);
    }

    private static boolean isV6(byte[] ipPacket) {
        return (ipPacket[0] & 0xf0) == 0x60;
    }

    private static int etherTypeOf(byte[] ipPacket) {
        return isV6(ipPacket) ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4;
    }

    private static byte[] gre(int flags, int protocolType) {
        return new byte[]{(byte) (flags >>> 8), (byte) flags, (byte) (protocolType >>> 8), (byte) protocolType};
    }

    /** Ethernet II: destination, source, tags (TPID + TCI with the VID), EtherType, payload. */
    static byte[] ethernet(int[] tpids, int[] vids, int etherType, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88, (byte) 0x99, (byte) 0xaa, (byte) 0xbb});
        for (int i = 0; i < tpids.length; i++) {
            put16(out, tpids[i]);
            put16(out, vids[i] & 0x0fff);
        }
        put16(out, etherType);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** IPv4 header (RFC 791 §3.1), IHL 5, TTL 64, with its header checksum. */
    static byte[] ipv4(byte[] src, byte[] dst, int protocol, int id, int fragmentOffset8, boolean moreFragments, byte[] payload) {
        byte[] p = new byte[IPV4_HEADER + payload.length];
        p[0] = 0x45;
        set16(p, 2, p.length);
        set16(p, 4, id & 0xffff);
        set16(p, 6, (moreFragments ? 0x2000 : 0) | (fragmentOffset8 & 0x1fff));
        p[8] = 64;
        p[9] = (byte) protocol;
        System.arraycopy(src, 0, p, 12, 4);
        System.arraycopy(dst, 0, p, 16, 4);
        set16(p, 10, ~sum(p, 0, IPV4_HEADER, 0) & 0xffff);
        System.arraycopy(payload, 0, p, IPV4_HEADER, payload.length);
        return p;
    }

    /** IPv6 header (RFC 8200 §3), hop limit 64, no extension headers. */
    static byte[] ipv6(byte[] src, byte[] dst, int nextHeader, byte[] payload) {
        byte[] p = new byte[IPV6_HEADER + payload.length];
        p[0] = 0x60;
        set16(p, 4, payload.length);
        p[6] = (byte) nextHeader;
        p[7] = 64;
        System.arraycopy(src, 0, p, 8, 16);
        System.arraycopy(dst, 0, p, 24, 16);
        System.arraycopy(payload, 0, p, IPV6_HEADER, payload.length);
        return p;
    }

    /** UDP header (RFC 768) with the checksum over the pseudo-header. */
    static byte[] udpDatagram(HostPort src, HostPort dst, byte[] payload) {
        byte[] d = new byte[UDP_HEADER + payload.length];
        set16(d, 0, src.port());
        set16(d, 2, dst.port());
        set16(d, 4, d.length);
        System.arraycopy(payload, 0, d, UDP_HEADER, payload.length);
        int checksum = ~sum(d, 0, d.length, pseudoHeaderSum(src, dst, PROTO_UDP, d.length)) & 0xffff;
        set16(d, 6, checksum == 0 ? 0xffff : checksum); // RFC 768: a computed zero is sent as all ones
        return d;
    }

    /** TCP header (RFC 9293 §3.1), data offset 5, with the checksum over the pseudo-header. */
    static byte[] tcpSegment(HostPort src, HostPort dst, long seq, long ack, int flags, byte[] payload) {
        byte[] s = new byte[TCP_HEADER + payload.length];
        set16(s, 0, src.port());
        set16(s, 2, dst.port());
        set32(s, 4, seq);
        set32(s, 8, ack);
        s[12] = 0x50;
        s[13] = (byte) flags;
        set16(s, 14, 0xffff);
        System.arraycopy(payload, 0, s, TCP_HEADER, payload.length);
        set16(s, 16, ~sum(s, 0, s.length, pseudoHeaderSum(src, dst, PROTO_TCP, s.length)) & 0xffff);
        return s;
    }

    private static int pseudoHeaderSum(HostPort src, HostPort dst, int protocol, int length) {
        byte[] a = src.address();
        byte[] b = dst.address();
        int s = sum(a, 0, a.length, 0);
        s = sum(b, 0, b.length, s);
        return s + protocol + (length >>> 16) + (length & 0xffff);
    }

    /** Ones' complement sum of 16-bit words (RFC 1071), folded. */
    private static int sum(byte[] b, int off, int len, int initial) {
        long s = initial;
        for (int i = 0; i + 1 < len; i += 2) {
            s += ((b[off + i] & 0xff) << 8) | (b[off + i + 1] & 0xff);
        }
        if ((len & 1) != 0) {
            s += (b[off + len - 1] & 0xff) << 8;
        }
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static void put16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }

    static void set16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    static void set32(byte[] b, int off, long v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
