package org.callscope.engine.decode;

/**
 * The keys a layer decoder hands back: either the layer to decode next (Zeek's forwarding key) or
 * a final outcome. Only {@link PacketDecoder} maps keys to decoders.
 */
enum NextLayer {
    ETHERNET,
    VLAN,
    MPLS,
    PPPOE,
    IPV4,
    IPV6,
    GRE,
    ERSPAN_II,
    ERSPAN_III,
    VXLAN,
    UDP,
    TCP,
    /** Final: the UDP decoder filled in the transport. */
    DONE_UDP,
    /** Final: the TCP decoder filled in the transport. */
    DONE_TCP,
    /** Final: valid, but not UDP/TCP over IP. */
    OTHER,
    /** Final: an IP fragment is waiting for its siblings. */
    FRAGMENT_HELD,
    /** Final: a decoder counted an anomaly. */
    MALFORMED
}
