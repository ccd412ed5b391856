package org.callscope.engine.decode;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.bytes.Bytes;

/**
 * PPPoE session stage (RFC 2516 §4): version/type 0x11, code 0, session id, length, then the PPP
 * protocol field (RFC 1661 §2) naming IPv4 (0x0021) or IPv6 (0x0057, RFC 5072). The PPPoE length
 * cuts Ethernet padding. Stateless; owned by one {@link PacketDecoder}; allocates nothing.
 */
final class PppoeDecoder {
    static final int HEADER_LENGTH = 6;
    static final int PPP_PROTOCOL_LENGTH = 2;
    static final int PPP_IPV4 = 0x0021;
    static final int PPP_IPV6 = 0x0057;
    /** RFC 2516 §4: VER and TYPE MUST both be 1. */
    private static final int VERSION_TYPE = 0x11;
    /** RFC 2516 §5: session data has CODE 0x00. */
    private static final int CODE_SESSION_DATA = 0x00;

    private final AnomalyCounters anomalies;

    PppoeDecoder(AnomalyCounters anomalies) {
        this.anomalies = anomalies;
    }

    NextLayer decode(LayerCursor c) {
        if (c.remaining() < HEADER_LENGTH + PPP_PROTOCOL_LENGTH) {
            anomalies.count(Anomaly.PPPOE_TRUNCATED);
            return NextLayer.MALFORMED;
        }
        byte[] b = c.buf;
        if ((b[c.off] & 0xff) != VERSION_TYPE || (b[c.off + 1] & 0xff) != CODE_SESSION_DATA) {
            return NextLayer.OTHER;
        }
        int length = Bytes.u16(b, c.off + 4);
        if (length < PPP_PROTOCOL_LENGTH || length > c.remaining() - HEADER_LENGTH) {
            anomalies.count(Anomaly.PPPOE_TRUNCATED);
            return NextLayer.MALFORMED;
        }
        int pppProtocol = Bytes.u16(b, c.off + HEADER_LENGTH);
        c.end = c.off + HEADER_LENGTH + length;
        c.off += HEADER_LENGTH + PPP_PROTOCOL_LENGTH;
        return switch (pppProtocol) {
            case PPP_IPV4 -> NextLayer.IPV4;
            case PPP_IPV6 -> NextLayer.IPV6;
            default -> NextLayer.OTHER; // LCP, IPCP, CHAP: control traffic
        };
    }
}
