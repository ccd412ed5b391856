package org.callscope.engine.anomaly;

/**
 * Everything odd that input can contain, named by layer and fault (Zeek's "weirds").
 * A malformed packet is counted under one of these and skipped; it never throws.
 */
public enum Anomaly {
    // capture
    CAPTURE_TRUNCATED_FRAME,
    CAPTURE_UNKNOWN_LINK_TYPE,
    // link layer
    ETHERNET_TRUNCATED,
    VLAN_TRUNCATED,
    VLAN_TOO_DEEP,
    SLL_TRUNCATED,
    SLL2_TRUNCATED,
    NULL_TRUNCATED,
    NULL_UNKNOWN_FAMILY,
    MPLS_TRUNCATED,
    MPLS_TOO_DEEP,
    PPPOE_TRUNCATED,
    // network layer
    IPV4_TRUNCATED,
    IPV4_BAD_HEADER_LENGTH,
    IPV4_BAD_TOTAL_LENGTH,
    IPV6_TRUNCATED,
    IPV6_BAD_EXTENSION_HEADER,
    IP_WRONG_VERSION,
    // fragments
    FRAGMENT_OVERLAP,
    FRAGMENT_TOO_LARGE,
    FRAGMENT_TIMEOUT,
    FRAGMENT_TABLE_FULL,
    FRAGMENT_BAD_LENGTH,
    // tunnels
    GRE_TRUNCATED,
    GRE_UNSUPPORTED,
    ERSPAN_TRUNCATED,
    VXLAN_TRUNCATED,
    TUNNEL_TOO_DEEP,
    // transport
    UDP_TRUNCATED,
    UDP_BAD_LENGTH,
    TCP_TRUNCATED,
    TCP_BAD_HEADER_LENGTH,
    TCP_GAP,
    TCP_OVERLAP_MISMATCH,
    TCP_BUFFER_FULL,
    TCP_TABLE_FULL,
    TCP_OUT_OF_WINDOW,
    // websocket
    WEBSOCKET_BAD_FRAME,
    WEBSOCKET_FRAME_TOO_LARGE,
    // TLS keys
    KEY_DATAGRAM_MALFORMED,
    // SIP
    SIP_MALFORMED,
    SIP_MESSAGE_TOO_LARGE,
    SIP_BAD_CONTENT_LENGTH,
    SIP_NO_CALL_ID,
    SIP_STREAM_RESYNC,
    // SDP
    SDP_MALFORMED,
    // RTP / RTCP
    RTP_TRUNCATED,
    RTP_BAD_VERSION,
    RTCP_MALFORMED,
    // call table
    CALL_TABLE_FULL,
    MEDIA_TABLE_FULL
}
