package org.callscope.engine.decode;

import org.callscope.engine.anomaly.AnomalyCounters;

/** IANA "Assigned Internet Protocol Numbers" we follow after an IPv4 or IPv6 header. */
final class IpProtocols {
    /** RFC 2003: IPv4 encapsulated in IP. */
    static final int IPV4_IN_IP = 4;
    static final int TCP = 6;
    static final int UDP = 17;
    /** RFC 2473 / RFC 4213: IPv6 encapsulated in IP (6in4, 6in6). */
    static final int IPV6_IN_IP = 41;
    /** RFC 2784: Generic Routing Encapsulation. */
    static final int GRE = 47;

    private IpProtocols() {
    }

    /** The layer after an IP header whose protocol (or final next header) is {@code protocol}. */
    static NextLayer next(int protocol, DecodedPacket out, AnomalyCounters anomalies) {
        return switch (protocol) {
            case UDP -> NextLayer.UDP;
            case TCP -> NextLayer.TCP;
            case IPV4_IN_IP -> Tunnels.enter(out, anomalies) ? NextLayer.IPV4 : NextLayer.MALFORMED;
            case IPV6_IN_IP -> Tunnels.enter(out, anomalies) ? NextLayer.IPV6 : NextLayer.MALFORMED;
            case GRE -> Tunnels.enter(out, anomalies) ? NextLayer.GRE : NextLayer.MALFORMED;
            // ICMP errors quote the offending IP+UDP header; they are ICMP, not UDP.
            default -> NextLayer.OTHER;
        };
    }

    /** The IP layer named by the version nibble of the first byte at the cursor, for headerless IP. */
    static NextLayer byVersionNibble(LayerCursor c) {
        int version = (c.buf[c.off] & 0xff) >>> 4;
        return version == 4 ? NextLayer.IPV4 : version == 6 ? NextLayer.IPV6 : NextLayer.OTHER;
    }
}
