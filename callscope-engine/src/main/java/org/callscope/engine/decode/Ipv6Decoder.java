package org.callscope.engine.decode;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.bytes.Bytes;
import org.callscope.engine.defrag.IpDefragmenter;

/**
 * IPv6 header (RFC 8200 §3) and its extension header chain (§4): hop-by-hop options, routing,
 * destination options and AH (RFC 4302 §2.2) are skipped; a Fragment header sends the fragmentable
 * part to the {@link IpDefragmenter} and the chain continues in the reassembled buffer. The payload
 * length cuts link-layer padding. Owned by one {@link PacketDecoder}; allocates nothing except
 * through the defragmenter.
 */
final class Ipv6Decoder {
    static final int HEADER_LENGTH = 40;
    static final int HOP_BY_HOP = 0;
    static final int ROUTING = 43;
    static final int FRAGMENT = 44;
    static final int AUTHENTICATION = 51;
    static final int NO_NEXT_HEADER = 59;
    static final int DESTINATION_OPTIONS = 60;
    static final int FRAGMENT_HEADER_LENGTH = 8;
    /**
     * Extension headers allowed in one chain. RFC 8200 §4.1 recommends each header at most once
     * (destination options twice): six in all; 10 leaves room for AH and a tunnel's own chain.
     */
    static final int MAX_EXTENSION_HEADERS = 10;

    private final AnomalyCounters anomalies;
    private final IpDefragmenter defragmenter;
    /** Next header to continue with after {@link #fragment} returned null (scratch, per frame). */
    private int fragmentNextHeader;

    Ipv6Decoder(AnomalyCounters anomalies, IpDefragmenter defragmenter) {
        this.anomalies = anomalies;
        this.defragmenter = defragmenter;
    }

    NextLayer decode(LayerCursor c, DecodedPacket out) {
        int off = c.off;
        int available = c.remaining();
        if (available >= 1 && (c.buf[off] & 0xff) >>> 4 != 6) {
            anomalies.count(Anomaly.IP_WRONG_VERSION);
            return NextLayer.MALFORMED;
        }
        if (available < HEADER_LENGTH) {
            anomalies.count(Anomaly.IPV6_TRUNCATED);
            return NextLayer.MALFORMED;
        }
        int payloadLength = Bytes.u16(c.buf, off + 4);
        if (payloadLength > available - HEADER_LENGTH) {
            if (!c.snapCut || payloadLength == 0) {
                anomalies.count(Anomaly.IPV6_TRUNCATED);
                return NextLayer.MALFORMED;
            }
            // Cut by the capture's snaplen: read what was captured.
            payloadLength = available - HEADER_LENGTH;
            out.snapTruncated = true;
        }
        out.ipVersion = 6;
        System.arraycopy(c.buf, off + 8, out.srcAddr, 0, 16);
        System.arraycopy(c.buf, off + 24, out.dstAddr, 0, 16);
        out.ipHeaderOffset = out.reassembled ? -1 : off;
        if (payloadLength == 0) {
            return NextLayer.OTHER; // empty, or an RFC 2675 jumbogram, which no link we capture carries
        }
        int next = c.buf[off + 6] & 0xff;
        c.end = off + HEADER_LENGTH + payloadLength;
        c.off = off + HEADER_LENGTH;
        for (int headers = 0; ; headers++) {
            switch (next) {
                case HOP_BY_HOP, ROUTING, DESTINATION_OPTIONS, AUTHENTICATION, FRAGMENT -> {
                    if (headers >= MAX_EXTENSION_HEADERS) {
                        anomalies.count(Anomaly.IPV6_BAD_EXTENSION_HEADER);
                        return NextLayer.MALFORMED;
                    }
                }
                case NO_NEXT_HEADER -> {
                    return NextLayer.OTHER;
                }
                default -> {
                    return IpProtocols.next(next, out, anomalies);
                }
            }
            if (next == FRAGMENT) {
                NextLayer held = fragment(c, out);
                if (held != null) {
                    return held;
                }
                next = fragmentNextHeader;
                continue;
            }
            if (c.remaining() < 2) {
                anomalies.count(Anomaly.IPV6_BAD_EXTENSION_HEADER);
                return NextLayer.MALFORMED;
            }
            int lengthField = c.buf[c.off + 1] & 0xff;
            // RFC 8200 §4.3-4.6: length in 8-octet units not counting the first 8; AH (RFC 4302 §2.2)
            // counts 4-octet units minus 2.
            int length = next == AUTHENTICATION ? (lengthField + 2) * 4 : (lengthField + 1) * 8;
            if (length > c.remaining()) {
                anomalies.count(Anomaly.IPV6_BAD_EXTENSION_HEADER);
                return NextLayer.MALFORMED;
            }
            next = c.buf[c.off] & 0xff;
            c.off += length;
        }
    }

    /** RFC 8200 §4.5. Returns null to continue the chain (atomic or completed), else the outcome. */
    private NextLayer fragment(LayerCursor c, DecodedPacket out) {
        if (c.remaining() < FRAGMENT_HEADER_LENGTH) {
            anomalies.count(Anomaly.IPV6_BAD_EXTENSION_HEADER);
            return NextLayer.MALFORMED;
        }
        byte[] b = c.buf;
        int nextHeader = b[c.off] & 0xff;
        int offsetAndFlags = Bytes.u16(b, c.off + 2);
        int fragmentOffset = offsetAndFlags & 0xfff8;
        boolean more = (offsetAndFlags & 1) != 0;
        long identification = Bytes.u32(b, c.off + 4);
        c.off += FRAGMENT_HEADER_LENGTH;
        if (fragmentOffset == 0 && !more) {
            // RFC 6946 §4: an atomic fragment is processed as a whole datagram.
            fragmentNextHeader = nextHeader;
            return null;
        }
        switch (defragmenter.offerIpv6(out.tsNanos, out.srcAddr, out.dstAddr, identification, nextHeader,
                fragmentOffset, more, b, c.off, c.remaining())) {
            case HELD:
                return NextLayer.FRAGMENT_HELD;
            case DROPPED:
                return NextLayer.MALFORMED;
            default:
                c.buf = defragmenter.buffer();
                c.off = 0;
                c.end = defragmenter.length();
                out.reassembled = true;
                out.ipHeaderOffset = -1;
                fragmentNextHeader = defragmenter.protocol();
                return null;
        }
    }
}
