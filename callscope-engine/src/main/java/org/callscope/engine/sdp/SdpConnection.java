package org.callscope.engine.sdp;

/**
 * A c= line (RFC 8866 §5.7) or the address part of a=rtcp (RFC 3605). The multicast TTL and
 * number-of-addresses suffix ("/127/3") is stripped from {@code address}.
 */
public record SdpConnection(String netType, String addrType, String address) {
    /** Whether the address type is IP6. */
    public boolean isIpv6() {
        return "IP6".equalsIgnoreCase(addrType);
    }
}
