package org.callscope.engine.decode;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;

/**
 * VXLAN header (RFC 7348 §5): flags (I = valid VNI), 24 reserved bits, 24-bit VNI, 8 reserved bits,
 * then an inner Ethernet frame. Reached through UDP destination port 4789. Stateless; owned by one
 * {@link PacketDecoder}; allocates nothing.
 */
final class VxlanDecoder {
    /** RFC 7348 §5: IANA-assigned destination port. */
    static final int PORT = 4789;
    static final int HEADER_LENGTH = 8;
    private static final int I_FLAG = 0x08;

    private final AnomalyCounters anomalies;

    VxlanDecoder(AnomalyCounters anomalies) {
        this.anomalies = anomalies;
    }

    /** Called with the outer UDP already in {@code out}; without the I flag, that UDP is what we deliver. */
    NextLayer decode(LayerCursor c, DecodedPacket out) {
        if (c.remaining() < HEADER_LENGTH) {
            anomalies.count(Anomaly.VXLAN_TRUNCATED);
            return NextLayer.MALFORMED;
        }
        if ((c.buf[c.off] & I_FLAG) == 0) {
            return NextLayer.DONE_UDP; // RFC 7348 §5: I MUST be 1; without it this is not VXLAN
        }
        if (!Tunnels.enter(out, anomalies)) {
            return NextLayer.MALFORMED;
        }
        c.off += HEADER_LENGTH;
        return NextLayer.ETHERNET;
    }
}
