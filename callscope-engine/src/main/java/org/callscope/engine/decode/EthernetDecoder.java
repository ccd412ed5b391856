package org.callscope.engine.decode;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.bytes.Bytes;

/**
 * Ethernet II header (IEEE 802.3 §3.2, RFC 894): destination, source, EtherType. The frame check
 * sequence is not captured by libpcap, and padding is cut later by the IP length fields.
 * Stateless; owned by one {@link PacketDecoder}; allocates nothing.
 */
final class EthernetDecoder {
    static final int HEADER_LENGTH = 14;
    private static final int ETHER_TYPE_OFFSET = 12;

    private final AnomalyCounters anomalies;

    EthernetDecoder(AnomalyCounters anomalies) {
        this.anomalies = anomalies;
    }

    NextLayer decode(LayerCursor c) {
        if (c.remaining() < HEADER_LENGTH) {
            anomalies.count(Anomaly.ETHERNET_TRUNCATED);
            return NextLayer.MALFORMED;
        }
        int etherType = Bytes.u16(c.buf, c.off + ETHER_TYPE_OFFSET);
        c.off += HEADER_LENGTH;
        c.vlanTags = 0;
        if (etherType < EtherTypes.MIN_ETHERTYPE) {
            return NextLayer.OTHER; // an 802.3 length: LLC/SNAP (STP, CDP), never IP on a LAN we monitor
        }
        return EtherTypes.next(etherType);
    }
}
