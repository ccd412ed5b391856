package org.callscope.engine.decode;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.bytes.Bytes;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.capture.LinkType;
import org.callscope.engine.defrag.IpDefragmenter;

/**
 * Peels one captured frame down to its innermost UDP or TCP: link layer (Ethernet with 802.1Q/802.1ad
 * tags, MPLS and PPPoE; Linux SLL/SLL2; BSD NULL/LOOP; raw IP), IPv4/IPv6 with reassembly, and
 * tunnels (IP-in-IP, 6in4, GRE, ERSPAN I/II/III, VXLAN) up to {@link Tunnels#MAX_TUNNEL_DEPTH}.
 *
 * <p>This is the only class that knows which decoder handles which layer key (Zeek's forwarding
 * table); each layer decoder only names its successor. Owned by one thread, with the
 * {@link DecodedPacket} and {@link IpDefragmenter} it is given. Allocates nothing per frame; only
 * fragments allocate, inside the defragmenter. After a reassembly the payload points into the
 * defragmenter's buffer, valid until its next call.
 */
public final class PacketDecoder {
    /**
     * Layers decoded for one frame at most: a backstop over the per-layer limits (tags, labels,
     * extension headers, tunnel depth), which alone allow about 55.
     */
    static final int MAX_LAYERS = 64;

    private final AnomalyCounters anomalies;
    private final LayerCursor cursor = new LayerCursor();
    private final EthernetDecoder ethernet;
    private final VlanDecoder vlan;
    private final SllDecoder sll;
    private final Sll2Decoder sll2;
    private final NullDecoder loopback;
    private final MplsDecoder mpls;
    private final PppoeDecoder pppoe;
    private final Ipv4Decoder ipv4;
    private final Ipv6Decoder ipv6;
    private final GreDecoder gre;
    private final ErspanDecoder erspan;
    private final VxlanDecoder vxlan;
    private final UdpDecoder udp;
    private final TcpDecoder tcp;
    /** Off only in tests that prove the fast path equals the general one. */
    boolean fastPath = true;

    public PacketDecoder(AnomalyCounters anomalies, IpDefragmenter defragmenter) {
        this.anomalies = anomalies;
        this.ethernet = new EthernetDecoder(anomalies);
        this.vlan = new VlanDecoder(anomalies);
        this.sll = new SllDecoder(anomalies);
        this.sll2 = new Sll2Decoder(anomalies);
        this.loopback = new NullDecoder(anomalies);
        this.mpls = new MplsDecoder(anomalies);
        this.pppoe = new PppoeDecoder(anomalies);
        this.ipv4 = new Ipv4Decoder(anomalies, defragmenter);
        this.ipv6 = new Ipv6Decoder(anomalies, defragmenter);
        this.gre = new GreDecoder(anomalies);
        this.erspan = new ErspanDecoder(anomalies);
        this.vxlan = new VxlanDecoder(anomalies);
        this.udp = new UdpDecoder(anomalies);
        this.tcp = new TcpDecoder(anomalies);
    }

    /**
     * Decodes {@code frame} into {@code out}, overwriting it. On {@link DecodeStatus#UDP} and
     * {@link DecodeStatus#TCP} every transport field of {@code out} is set; otherwise only the
     * fields of the layers that were reached are meaningful.
     */
    public DecodeStatus decode(CapturedPacket frame, DecodedPacket out) {
        out.tsNanos = frame.tsNanos;
        out.ipVersion = 0;
        out.protocol = 0;
        out.srcPort = 0;
        out.dstPort = 0;
        out.tcpFlags = 0;
        out.tcpSeq = 0;
        out.tcpAck = 0;
        out.payload = null;
        out.payloadOffset = 0;
        out.payloadLength = 0;
        out.ipHeaderOffset = -1;
        out.tunnelDepth = 0;
        out.reassembled = false;
        out.snapTruncated = false;
        int length = frame.capturedLength;
        if (frame.data == null || length < 0 || length > frame.data.length) {
            anomalies.count(Anomaly.CAPTURE_TRUNCATED_FRAME);
            return DecodeStatus.MALFORMED;
        }
        if (fastPath && frame.linkType == LinkType.ETHERNET && plainEthernetIpv4Udp(frame.data, length, out)) {
            return DecodeStatus.UDP;
        }
        LayerCursor c = cursor;
        c.reset(frame.data, 0, length);
        c.snapCut = frame.originalLength > length;
        NextLayer next = switch (frame.linkType) {
            case LinkType.ETHERNET -> NextLayer.ETHERNET;
            case LinkType.LINUX_SLL -> sll.decode(c);
            case LinkType.LINUX_SLL2 -> sll2.decode(c);
            case LinkType.NULL -> loopback.decodeNull(c);
            case LinkType.LOOP -> loopback.decodeLoop(c);
            case LinkType.RAW -> rawIp(c);
            case LinkType.IPV4 -> NextLayer.IPV4;
            case LinkType.IPV6 -> NextLayer.IPV6;
            default -> {
                anomalies.count(Anomaly.CAPTURE_UNKNOWN_LINK_TYPE);
                yield NextLayer.OTHER;
            }
        };
        for (int layers = 0; layers < MAX_LAYERS; layers++) {
            switch (next) {
                case ETHERNET -> next = ethernet.decode(c);
                case VLAN -> next = vlan.decode(c);
                case MPLS -> next = mpls.decode(c);
                case PPPOE -> next = pppoe.decode(c);
                case IPV4 -> next = ipv4.decode(c, out);
                case IPV6 -> next = ipv6.decode(c, out);
                case GRE -> next = gre.decode(c);
                case ERSPAN_II -> next = erspan.decodeTypeII(c);
                case ERSPAN_III -> next = erspan.decodeTypeIII(c);
                case VXLAN -> next = vxlan.decode(c, out);
                case UDP -> next = udp.decode(c, out);
                case TCP -> next = tcp.decode(c, out);
                case DONE_UDP -> {
                    return DecodeStatus.UDP;
                }
                case DONE_TCP -> {
                    return DecodeStatus.TCP;
                }
                case OTHER -> {
                    return DecodeStatus.OTHER;
                }
                case FRAGMENT_HELD -> {
                    return DecodeStatus.FRAGMENT_HELD;
                }
                case MALFORMED -> {
                    return DecodeStatus.MALFORMED;
                }
            }
        }
        anomalies.count(Anomaly.TUNNEL_TOO_DEEP);
        return DecodeStatus.MALFORMED;
    }

    /**
     * The shape of nearly every RTP packet: untagged Ethernet, IPv4 without options or
     * fragmentation, whole UDP not to the VXLAN port. Decoded in one step with the same result as
     * the layer-by-layer path ({@code PacketDecoderFastPathTest} proves it); anything else returns
     * false and takes that path.
     */
    private static boolean plainEthernetIpv4Udp(byte[] b, int length, DecodedPacket out) {
        if (length < 42 || b[12] != 0x08 || b[13] != 0x00 || b[14] != 0x45 || b[23] != DecodedPacket.PROTO_UDP
                || (Bytes.u16(b, 20) & 0x3fff) != 0) {
            return false;
        }
        int totalLength = Bytes.u16(b, 16);
        int udpLength = Bytes.u16(b, 38);
        if (totalLength < 28 || totalLength > length - 14 || udpLength < 8 || udpLength > totalLength - 20
                || Bytes.u16(b, 36) == VxlanDecoder.PORT) {
            return false;
        }
        out.ipVersion = 4;
        System.arraycopy(b, 26, out.srcAddr, 0, 4);
        System.arraycopy(b, 30, out.dstAddr, 0, 4);
        out.ipHeaderOffset = 14;
        out.protocol = DecodedPacket.PROTO_UDP;
        out.srcPort = Bytes.u16(b, 34);
        out.dstPort = Bytes.u16(b, 36);
        out.payload = b;
        out.payloadOffset = 42;
        out.payloadLength = udpLength - 8;
        return true;
    }

    /** LINKTYPE_RAW (101): an IPv4 or IPv6 packet with no link header; the version nibble decides. */
    private NextLayer rawIp(LayerCursor c) {
        if (c.remaining() < 1) {
            anomalies.count(Anomaly.CAPTURE_TRUNCATED_FRAME);
            return NextLayer.MALFORMED;
        }
        NextLayer next = IpProtocols.byVersionNibble(c);
        if (next == NextLayer.OTHER) {
            anomalies.count(Anomaly.IP_WRONG_VERSION);
            return NextLayer.MALFORMED;
        }
        return next;
    }
}
