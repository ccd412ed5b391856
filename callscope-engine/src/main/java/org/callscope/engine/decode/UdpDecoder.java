package org.callscope.engine.decode;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.bytes.Bytes;

/**
 * UDP header (RFC 768): ports, length (header included), checksum. The length must cover the header
 * and fit in the IP payload; bytes after it are ignored. The checksum is not verified (offload, and a
 * monitor must see what the endpoint saw). Stateless; owned by one {@link PacketDecoder}; allocates nothing.
 */
final class UdpDecoder {
    static final int HEADER_LENGTH = 8;

    private final AnomalyCounters anomalies;

    UdpDecoder(AnomalyCounters anomalies) {
        this.anomalies = anomalies;
    }

    NextLayer decode(LayerCursor c, DecodedPacket out) {
        if (c.remaining() < HEADER_LENGTH) {
            anomalies.count(Anomaly.UDP_TRUNCATED);
            return NextLayer.MALFORMED;
        }
        byte[] b = c.buf;
        int length = Bytes.u16(b, c.off + 4);
        if (length < HEADER_LENGTH || (length > c.remaining() && !c.snapCut)) {
            anomalies.count(Anomaly.UDP_BAD_LENGTH);
            return NextLayer.MALFORMED;
        }
        if (length > c.remaining()) {
            length = c.remaining();
            out.snapTruncated = true;
        }
        out.protocol = DecodedPacket.PROTO_UDP;
        out.srcPort = Bytes.u16(b, c.off);
        out.dstPort = Bytes.u16(b, c.off + 2);
        out.tcpFlags = 0;
        out.tcpSeq = 0;
        out.tcpAck = 0;
        out.payload = b;
        out.payloadOffset = c.off + HEADER_LENGTH;
        out.payloadLength = length - HEADER_LENGTH;
        c.end = c.off + length;
        c.off += HEADER_LENGTH;
        return out.dstPort == VxlanDecoder.PORT ? NextLayer.VXLAN : NextLayer.DONE_UDP;
    }
}
