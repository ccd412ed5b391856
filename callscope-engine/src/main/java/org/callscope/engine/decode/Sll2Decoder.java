package org.callscope.engine.decode;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.bytes.Bytes;

/**
 * Linux "cooked" capture header v2 (tcpdump.org LINKTYPE_LINUX_SLL2, 276): protocol (2),
 * reserved (2), interface index (4), ARPHRD type (2), packet type (1), address length (1),
 * address (8). Stateless; owned by one {@link PacketDecoder}; allocates nothing.
 */
final class Sll2Decoder {
    static final int HEADER_LENGTH = 20;

    private final AnomalyCounters anomalies;

    Sll2Decoder(AnomalyCounters anomalies) {
        this.anomalies = anomalies;
    }

    NextLayer decode(LayerCursor c) {
        if (c.remaining() < HEADER_LENGTH) {
            anomalies.count(Anomaly.SLL2_TRUNCATED);
            return NextLayer.MALFORMED;
        }
        int protocol = Bytes.u16(c.buf, c.off);
        c.off += HEADER_LENGTH;
        c.vlanTags = 0;
        return protocol < EtherTypes.MIN_ETHERTYPE ? NextLayer.OTHER : EtherTypes.next(protocol);
    }
}
