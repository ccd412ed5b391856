package org.callscope.engine.decode;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.bytes.Bytes;

/**
 * Linux "cooked" capture header v1 (tcpdump.org LINKTYPE_LINUX_SLL, 113), written by
 * {@code tcpdump -i any}: packet type (2), ARPHRD type (2), address length (2), address (8),
 * protocol (2). The protocol is an EtherType for the hardware types we see on VoIP hosts.
 * Stateless; owned by one {@link PacketDecoder}; allocates nothing.
 */
final class SllDecoder {
    static final int HEADER_LENGTH = 16;
    private static final int PROTOCOL_OFFSET = 14;

    private final AnomalyCounters anomalies;

    SllDecoder(AnomalyCounters anomalies) {
        this.anomalies = anomalies;
    }

    NextLayer decode(LayerCursor c) {
        if (c.remaining() < HEADER_LENGTH) {
            anomalies.count(Anomaly.SLL_TRUNCATED);
            return NextLayer.MALFORMED;
        }
        int protocol = Bytes.u16(c.buf, c.off + PROTOCOL_OFFSET);
        c.off += HEADER_LENGTH;
        c.vlanTags = 0;
        // Values below 0x0600 are Linux ETH_P_* pseudo types (802.3, 802.2 LLC, CAN): not IP.
        return protocol < EtherTypes.MIN_ETHERTYPE ? NextLayer.OTHER : EtherTypes.next(protocol);
    }
}
