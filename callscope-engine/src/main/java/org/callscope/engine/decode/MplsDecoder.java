package org.callscope.engine.decode;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;

/**
 * MPLS label stack (RFC 3032 §2.1): 4-byte entries until the bottom-of-stack bit, then IPv4 or IPv6
 * recognised by the version nibble (RFC 3032 §2.2 leaves the payload type to the label; the nibble is
 * what Wireshark and Zeek use too). Pseudowires (RFC 4385 control word, Ethernet) are not opened.
 * Stateless; owned by one {@link PacketDecoder}; allocates nothing.
 */
final class MplsDecoder {
    static final int ENTRY_LENGTH = 4;
    /** Labels allowed in one stack: L3VPN with fast reroute and segment routing rarely exceeds 5. */
    static final int MAX_LABELS = 8;
    private static final int BOTTOM_OF_STACK = 0x01;

    private final AnomalyCounters anomalies;

    MplsDecoder(AnomalyCounters anomalies) {
        this.anomalies = anomalies;
    }

    NextLayer decode(LayerCursor c) {
        for (int labels = 1; ; labels++) {
            if (labels > MAX_LABELS) {
                anomalies.count(Anomaly.MPLS_TOO_DEEP);
                return NextLayer.MALFORMED;
            }
            if (c.remaining() < ENTRY_LENGTH) {
                anomalies.count(Anomaly.MPLS_TRUNCATED);
                return NextLayer.MALFORMED;
            }
            boolean bottom = (c.buf[c.off + 2] & BOTTOM_OF_STACK) != 0;
            c.off += ENTRY_LENGTH;
            if (bottom) {
                break;
            }
        }
        if (c.remaining() < 1) {
            anomalies.count(Anomaly.MPLS_TRUNCATED);
            return NextLayer.MALFORMED;
        }
        return IpProtocols.byVersionNibble(c);
    }
}
