package org.callscope.engine.decode;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.bytes.Bytes;

/**
 * BSD loopback encapsulations: a 4-byte address family before the IP packet. LINKTYPE_NULL (0)
 * writes it in the byte order of the capturing host, which the file does not record;
 * LINKTYPE_LOOP (108, OpenBSD) in network order. Stateless; owned by one {@link PacketDecoder};
 * allocates nothing.
 */
final class NullDecoder {
    static final int HEADER_LENGTH = 4;
    /** AF_INET is 2 on every BSD and on Linux. */
    static final int AF_INET = 2;
    /** AF_INET6 differs per system: NetBSD/OpenBSD 24, FreeBSD/DragonFly 28, Darwin 30. */
    static final int AF_INET6_NETBSD = 24;
    static final int AF_INET6_FREEBSD = 28;
    static final int AF_INET6_DARWIN = 30;

    private final AnomalyCounters anomalies;

    NullDecoder(AnomalyCounters anomalies) {
        this.anomalies = anomalies;
    }

    /** LINKTYPE_NULL: host byte order, guessed as libpcap and Wireshark do. */
    NextLayer decodeNull(LayerCursor c) {
        if (c.remaining() < HEADER_LENGTH) {
            anomalies.count(Anomaly.NULL_TRUNCATED);
            return NextLayer.MALFORMED;
        }
        long family = Bytes.u32(c.buf, c.off);
        if ((family & 0xffff0000L) != 0) {
            // Families are small numbers: high bytes set means a little-endian host wrote it.
            family = Bytes.u32le(c.buf, c.off);
        }
        c.off += HEADER_LENGTH;
        return byFamily(family);
    }

    /** LINKTYPE_LOOP: network byte order. */
    NextLayer decodeLoop(LayerCursor c) {
        if (c.remaining() < HEADER_LENGTH) {
            anomalies.count(Anomaly.NULL_TRUNCATED);
            return NextLayer.MALFORMED;
        }
        long family = Bytes.u32(c.buf, c.off);
        c.off += HEADER_LENGTH;
        return byFamily(family);
    }

    private NextLayer byFamily(long family) {
        if (family == AF_INET) {
            return NextLayer.IPV4;
        }
        if (family == AF_INET6_NETBSD || family == AF_INET6_FREEBSD || family == AF_INET6_DARWIN) {
            return NextLayer.IPV6;
        }
        anomalies.count(Anomaly.NULL_UNKNOWN_FAMILY);
        return NextLayer.OTHER;
    }
}
