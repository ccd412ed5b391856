package org.callscope.engine.tcp;

import java.nio.charset.StandardCharsets;
import org.callscope.engine.decode.DecodedPacket;

/** Builds {@link DecodedPacket}s for one IPv4 connection 10.0.0.1:40000 (client) to 10.0.0.2:5060. */
final class Segments {
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;
    static final long SECOND = 1_000_000_000L;

    private Segments() {
    }

    static DecodedPacket client(int flags, long seq, long ack, String data, long ts) {
        return segment(new byte[] {10, 0, 0, 1}, 40000, new byte[] {10, 0, 0, 2}, 5060, flags, seq, ack,
                data.getBytes(StandardCharsets.ISO_8859_1), ts);
    }

    static DecodedPacket server(int flags, long seq, long ack, String data, long ts) {
        return segment(new byte[] {10, 0, 0, 2}, 5060, new byte[] {10, 0, 0, 1}, 40000, flags, seq, ack,
                data.getBytes(StandardCharsets.ISO_8859_1), ts);
    }

    static DecodedPacket segment(byte[] src, int srcPort, byte[] dst, int dstPort, int flags, long seq, long ack,
            byte[] data, long ts) {
        DecodedPacket p = new DecodedPacket();
        p.tsNanos = ts;
        p.ipVersion = src.length == 16 ? 6 : 4;
        System.arraycopy(src, 0, p.srcAddr, 0, src.length);
        System.arraycopy(dst, 0, p.dstAddr, 0, dst.length);
        p.protocol = DecodedPacket.PROTO_TCP;
        p.srcPort = srcPort;
        p.dstPort = dstPort;
        p.tcpFlags = flags;
        p.tcpSeq = seq & 0xffffffffL;
        p.tcpAck = ack & 0xffffffffL;
        // Payload in the middle of a larger array, as in a captured frame.
        byte[] frame = new byte[data.length + 60];
        System.arraycopy(data, 0, frame, 54, data.length);
        p.payload = frame;
        p.payloadOffset = 54;
        p.payloadLength = data.length;
        p.ipHeaderOffset = 14;
        return p;
    }
}
