package org.callscope.engine.decode;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.bytes.Bytes;
import org.callscope.engine.defrag.IpDefragmenter;

/**
 * IPv4 header (RFC 791 §3.1). Checks version, header length and total length; the total length cuts
 * link-layer padding; options are skipped; fragments go to the {@link IpDefragmenter} and decoding
 * continues from its buffer when a datagram completes. The header checksum is not verified: captures
 * taken on the sending host carry unfilled checksums when the NIC offloads them.
 * Owned by one {@link PacketDecoder}; allocates nothing except through the defragmenter.
 */
final class Ipv4Decoder {
    static final int MIN_HEADER_LENGTH = 20;
    private static final int MORE_FRAGMENTS = 0x2000;
    private static final int OFFSET_MASK = 0x1fff;

    private final AnomalyCounters anomalies;
    private final IpDefragmenter defragmenter;

    Ipv4Decoder(AnomalyCounters anomalies, IpDefragmenter defragmenter) {
        this.anomalies = anomalies;
        this.defragmenter = defragmenter;
    }

    NextLayer decode(LayerCursor c, DecodedPacket out) {
        byte[] b = c.buf;
        int off = c.off;
        int available = c.remaining();
        if (available < 1) {
            anomalies.count(Anomaly.IPV4_TRUNCATED);
            return NextLayer.MALFORMED;
        }
        if ((b[off] & 0xff) >>> 4 != 4) {
            anomalies.count(Anomaly.IP_WRONG_VERSION);
            return NextLayer.MALFORMED;
        }
        if (available < MIN_HEADER_LENGTH) {
            anomalies.count(Anomaly.IPV4_TRUNCATED);
            return NextLayer.MALFORMED;
        }
        int headerLength = (b[off] & 0x0f) * 4;
        if (headerLength < MIN_HEADER_LENGTH) {
            anomalies.count(Anomaly.IPV4_BAD_HEADER_LENGTH);
            return NextLayer.MALFORMED;
        }
        if (headerLength > available) {
            anomalies.count(Anomaly.IPV4_TRUNCATED);
            return NextLayer.MALFORMED;
        }
        int totalLength = Bytes.u16(b, off + 2);
        if (totalLength < headerLength) {
            anomalies.count(Anomaly.IPV4_BAD_TOTAL_LENGTH);
            return NextLayer.MALFORMED;
        }
        if (totalLength > available) {
            if (!c.snapCut) {
                anomalies.count(Anomaly.IPV4_TRUNCATED);
                return NextLayer.MALFORMED;
            }
            // Cut by the capture's snaplen: headers are still worth reading (RTP statistics need no payload).
            totalLength = available;
            out.snapTruncated = true;
        }
        out.ipVersion = 4;
        System.arraycopy(b, off + 12, out.srcAddr, 0, 4);
        System.arraycopy(b, off + 16, out.dstAddr, 0, 4);
        out.ipHeaderOffset = out.reassembled ? -1 : off;
        int protocol = b[off + 9] & 0xff;
        int flagsAndOffset = Bytes.u16(b, off + 6);
        c.end = off + totalLength;
        c.off = off + headerLength;
        boolean more = (flagsAndOffset & MORE_FRAGMENTS) != 0;
        int fragmentOffset = (flagsAndOffset & OFFSET_MASK) * 8;
        if ((more || fragmentOffset != 0) && out.snapTruncated) {
            anomalies.count(Anomaly.IPV4_TRUNCATED);
            return NextLayer.MALFORMED;
        }
        if (more || fragmentOffset != 0) {
            int identification = Bytes.u16(b, off + 4);
            switch (defragmenter.offerIpv4(out.tsNanos, out.srcAddr, out.dstAddr, identification, protocol,
                    fragmentOffset, more, b, c.off, c.remaining())) {
                case HELD:
                    return NextLayer.FRAGMENT_HELD;
                case DROPPED:
                    return NextLayer.MALFORMED;
                case COMPLETE:
                    c.buf = defragmenter.buffer();
                    c.off = 0;
                    c.end = defragmenter.length();
                    out.reassembled = true;
                    out.ipHeaderOffset = -1;
                    break;
            }
        }
        return IpProtocols.next(protocol, out, anomalies);
    }
}
