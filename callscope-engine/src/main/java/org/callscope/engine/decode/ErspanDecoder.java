package org.callscope.engine.decode;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;

/**
 * ERSPAN headers after GRE (draft-foschiano-erspan-03). Type II (§4.2): 8 bytes, then the mirrored
 * Ethernet frame. Type III (§4.3): 12 bytes, an optional 8-byte platform-specific subheader when the
 * O bit is set, then the frame type FT says (0 Ethernet, 2 IP). Version fields are not checked,
 * as in Wireshark: the GRE protocol type already chose the layout. Stateless; owned by one
 * {@link PacketDecoder}; allocates nothing.
 */
final class ErspanDecoder {
    static final int TYPE_II_LENGTH = 8;
    static final int TYPE_III_LENGTH = 12;
    static final int PLATFORM_SUBHEADER_LENGTH = 8;
    /** Low bit of the last byte of the type III header: optional subheader present. */
    private static final int O_BIT = 0x01;
    static final int FRAME_TYPE_ETHERNET = 0;
    static final int FRAME_TYPE_IP = 2;

    private final AnomalyCounters anomalies;

    ErspanDecoder(AnomalyCounters anomalies) {
        this.anomalies = anomalies;
    }

    NextLayer decodeTypeII(LayerCursor c) {
        if (c.remaining() < TYPE_II_LENGTH) {
            anomalies.count(Anomaly.ERSPAN_TRUNCATED);
            return NextLayer.MALFORMED;
        }
        c.off += TYPE_II_LENGTH;
        return NextLayer.ETHERNET;
    }

    NextLayer decodeTypeIII(LayerCursor c) {
        if (c.remaining() < TYPE_III_LENGTH) {
            anomalies.count(Anomaly.ERSPAN_TRUNCATED);
            return NextLayer.MALFORMED;
        }
        // Third word: SGT(16) P(1) FT(5) HwID(6) D(1) Gra(2) O(1).
        int frameType = ((c.buf[c.off + 10] & 0xff) >>> 2) & 0x1f;
        int length = TYPE_III_LENGTH + ((c.buf[c.off + 11] & O_BIT) != 0 ? PLATFORM_SUBHEADER_LENGTH : 0);
        if (c.remaining() < length) {
            anomalies.count(Anomaly.ERSPAN_TRUNCATED);
            return NextLayer.MALFORMED;
        }
        c.off += length;
        if (frameType == FRAME_TYPE_ETHERNET) {
            return NextLayer.ETHERNET;
        }
        if (frameType == FRAME_TYPE_IP && c.remaining() >= 1) {
            return IpProtocols.byVersionNibble(c);
        }
        anomalies.count(Anomaly.GRE_UNSUPPORTED);
        return NextLayer.OTHER;
    }
}
