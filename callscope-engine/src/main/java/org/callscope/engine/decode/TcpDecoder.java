package org.callscope.engine.decode;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.bytes.Bytes;

/**
 * TCP header (RFC 9293 §3.1): ports, sequence and acknowledgment numbers, data offset, flags.
 * Options are skipped; the payload is the rest of the IP payload. Stateless; owned by one
 * {@link PacketDecoder}; allocates nothing.
 */
final class TcpDecoder {
    static final int MIN_HEADER_LENGTH = 20;

    private final AnomalyCounters anomalies;

    TcpDecoder(AnomalyCounters anomalies) {
        this.anomalies = anomalies;
    }

    NextLayer decode(LayerCursor c, DecodedPacket out) {
        if (c.remaining() < MIN_HEADER_LENGTH) {
            anomalies.count(Anomaly.TCP_TRUNCATED);
            return NextLayer.MALFORMED;
        }
        byte[] b = c.buf;
        int off = c.off;
        int headerLength = ((b[off + 12] & 0xff) >>> 4) * 4;
        if (headerLength < MIN_HEADER_LENGTH || headerLength > c.remaining()) {
            anomalies.count(Anomaly.TCP_BAD_HEADER_LENGTH);
            return NextLayer.MALFORMED;
        }
        out.protocol = DecodedPacket.PROTO_TCP;
        out.srcPort = Bytes.u16(b, off);
        out.dstPort = Bytes.u16(b, off + 2);
        out.tcpSeq = Bytes.u32(b, off + 4);
        out.tcpAck = Bytes.u32(b, off + 8);
        out.tcpFlags = b[off + 13] & 0xff;
        out.payload = b;
        out.payloadOffset = off + headerLength;
        out.payloadLength = c.remaining() - headerLength;
        c.off += headerLength;
        return NextLayer.DONE_TCP;
    }
}
