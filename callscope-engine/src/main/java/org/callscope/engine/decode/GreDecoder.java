package org.callscope.engine.decode;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.bytes.Bytes;

/**
 * GRE header (RFC 2784 §2.1 with the key and sequence number of RFC 2890 §2): flags and version,
 * protocol type, then optional checksum+reserved, key and sequence number, 4 bytes each.
 * Version 1 (PPTP, RFC 2637) and RFC 1701 source routing are not opened. Stateless; owned by one
 * {@link PacketDecoder}; allocates nothing.
 */
final class GreDecoder {
    static final int BASE_LENGTH = 4;
    static final int CHECKSUM_PRESENT = 0x8000;
    /** RFC 1701 routing present; RFC 2784 §2.3 makes it reserved, receivers discard such packets. */
    static final int ROUTING_PRESENT = 0x4000;
    static final int KEY_PRESENT = 0x2000;
    static final int SEQUENCE_PRESENT = 0x1000;
    private static final int VERSION_MASK = 0x0007;

    static final int TYPE_IPV4 = 0x0800;
    static final int TYPE_IPV6 = 0x86dd;
    /** Transparent Ethernet bridging (NVGRE, GRETAP). */
    static final int TYPE_ETHERNET = 0x6558;
    /** ERSPAN type II, or type I when no sequence number is present (Cisco, draft-foschiano-erspan §4.1). */
    static final int TYPE_ERSPAN = 0x88be;
    /** ERSPAN type III (draft-foschiano-erspan §4.3). */
    static final int TYPE_ERSPAN_III = 0x22eb;

    private final AnomalyCounters anomalies;

    GreDecoder(AnomalyCounters anomalies) {
        this.anomalies = anomalies;
    }

    NextLayer decode(LayerCursor c) {
        if (c.remaining() < BASE_LENGTH) {
            anomalies.count(Anomaly.GRE_TRUNCATED);
            return NextLayer.MALFORMED;
        }
        int flags = Bytes.u16(c.buf, c.off);
        if ((flags & VERSION_MASK) != 0 || (flags & ROUTING_PRESENT) != 0) {
            anomalies.count(Anomaly.GRE_UNSUPPORTED);
            return NextLayer.OTHER;
        }
        int length = BASE_LENGTH
                + ((flags & CHECKSUM_PRESENT) != 0 ? 4 : 0)
                + ((flags & KEY_PRESENT) != 0 ? 4 : 0)
                + ((flags & SEQUENCE_PRESENT) != 0 ? 4 : 0);
        if (c.remaining() < length) {
            anomalies.count(Anomaly.GRE_TRUNCATED);
            return NextLayer.MALFORMED;
        }
        int protocolType = Bytes.u16(c.buf, c.off + 2);
        c.off += length;
        return switch (protocolType) {
            case TYPE_IPV4 -> NextLayer.IPV4;
            case TYPE_IPV6 -> NextLayer.IPV6;
            case TYPE_ETHERNET -> NextLayer.ETHERNET;
            // Type I has no ERSPAN header and no sequence number: the mirrored frame follows at once.
            case TYPE_ERSPAN -> (flags & SEQUENCE_PRESENT) != 0 ? NextLayer.ERSPAN_II : NextLayer.ETHERNET;
            case TYPE_ERSPAN_III -> NextLayer.ERSPAN_III;
            default -> {
                anomalies.count(Anomaly.GRE_UNSUPPORTED);
                yield NextLayer.OTHER;
            }
        };
    }
}
