package org.callscope.engine.decode;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.bytes.Bytes;

/**
 * One IEEE 802.1Q / 802.1ad tag after its TPID: 2 bytes of tag control (PCP, DEI, VLAN id) and the
 * inner EtherType, which may be another tag. Stateless; owned by one {@link PacketDecoder};
 * allocates nothing (Zeek's {@code VLAN.cc}).
 */
final class VlanDecoder {
    static final int TAG_LENGTH = 4;
    /**
     * Tags allowed in one Ethernet frame. IEEE 802.1ad defines two (S-tag then C-tag) and some
     * carriers stack a third; 4 leaves room while bounding a frame made of nothing but tags.
     */
    static final int MAX_VLAN_TAGS = 4;

    private final AnomalyCounters anomalies;

    VlanDecoder(AnomalyCounters anomalies) {
        this.anomalies = anomalies;
    }

    NextLayer decode(LayerCursor c) {
        if (++c.vlanTags > MAX_VLAN_TAGS) {
            anomalies.count(Anomaly.VLAN_TOO_DEEP);
            return NextLayer.MALFORMED;
        }
        if (c.remaining() < TAG_LENGTH) {
            anomalies.count(Anomaly.VLAN_TRUNCATED);
            return NextLayer.MALFORMED;
        }
        int etherType = Bytes.u16(c.buf, c.off + 2);
        c.off += TAG_LENGTH;
        if (etherType < EtherTypes.MIN_ETHERTYPE) {
            return NextLayer.OTHER;
        }
        return EtherTypes.next(etherType);
    }
}
