package org.callscope.engine.decode;

/** What {@link PacketDecoder#decode} made of one frame. */
public enum DecodeStatus {
    /** A UDP datagram over IP; ports, addresses and payload are set. */
    UDP,
    /** A TCP segment over IP; ports, addresses, flags, sequence numbers and payload are set. */
    TCP,
    /**
     * A valid frame that carries neither UDP nor TCP over IP: ARP, ICMP (also ICMP errors that quote
     * a UDP header), IGMP, SCTP, ESP, unknown link types, tunnels we do not open.
     */
    OTHER,
    /** An IP fragment was stored for reassembly; the datagram is delivered with its last fragment. */
    FRAGMENT_HELD,
    /** Bad or truncated input; the fault was counted as an {@code Anomaly}. */
    MALFORMED
}
