package org.callscope.engine.rtp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only reader of classic pcap files carrying Ethernet/IPv4/UDP, just enough to replay the
 * third-party captures into the RTP classes without depending on the capture and decode packages.
 * Skips anything else (non-IPv4, fragments, TCP).
 */
final class PcapUdpReader {
    record Datagram(int frame, long tsNanos, String src, int srcPort, String dst, int dstPort, byte[] payload) {
        boolean is(String source, int sourcePort, String destination, int destinationPort) {
            return src.equals(source) && srcPort == sourcePort && dst.equals(destination) && dstPort == destinationPort;
        }
    }

    private PcapUdpReader() {
    }

    static List<Datagram> read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        int magic = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        boolean nanos;
        switch (magic) {
            case 0xa1b2c3d4 -> nanos = false;
            case 0xa1b23c4d -> nanos = true;
            default -> {
                b.order(ByteOrder.BIG_ENDIAN);
                magic = b.getInt(0);
                nanos = magic == 0xa1b23c4d;
                if (!nanos && magic != 0xa1b2c3d4) {
                    throw new IOException("not a classic pcap: " + file);
                }
            }
        }
        int linkType = b.getInt(20);
        if (linkType != 1) {
            throw new IOException("only Ethernet captures are supported here, got link type " + linkType);
        }
        List<Datagram> out = new ArrayList<>();
        int pos = 24;
        int frame = 0;
        while (pos + 16 <= b.limit()) {
            long sec = b.getInt(pos) & 0xffffffffL;
            long sub = b.getInt(pos + 4) & 0xffffffffL;
            int captured = b.getInt(pos + 8);
            int data = pos + 16;
            pos = data + captured;
            frame++;
            if (pos > b.limit()) {
                break;
            }
            long ts = sec * 1_000_000_000L + (nanos ? sub : sub * 1000);
            Datagram d = udp(b.array(), data, captured, frame, ts);
            if (d != null) {
                out.add(d);
            }
        }
        return out;
    }

    private static Datagram udp(byte[] p, int off, int len, int frame, long ts) {
        int end = off + len;
        int at = off + 12;
        if (at + 2 > end) {
            return null;
        }
        int etherType = u16(p, at);
        at += 2;
        while (etherType == 0x8100 && at + 4 <= end) {
            etherType = u16(p, at + 2);
            at += 4;
        }
        if (etherType != 0x0800 || at + 20 > end || (p[at] & 0xf0) != 0x40) {
            return null;
        }
        int ihl = (p[at] & 0x0f) * 4;
        int total = u16(p, at + 2);
        int fragment = u16(p, at + 6) & 0x3fff;
        if (p[at + 9] != 17 || fragment != 0) {
            return null;
        }
        String src = (p[at + 12] & 0xff) + "." + (p[at + 13] & 0xff) + "." + (p[at + 14] & 0xff) + "." + (p[at + 15] & 0xff);
        String dst = (p[at + 16] & 0xff) + "." + (p[at + 17] & 0xff) + "." + (p[at + 18] & 0xff) + "." + (p[at + 19] & 0xff);
        int ipEnd = Math.min(end, at + total);
        int u = at + ihl;
        if (u + 8 > ipEnd) {
            return null;
        }
        int udpLength = u16(p, u + 4);
        int payloadEnd = Math.min(ipEnd, u + udpLength);
        if (payloadEnd < u + 8) {
            return null;
        }
        byte[] payload = java.util.Arrays.copyOfRange(p, u + 8, payloadEnd);
        return new Datagram(frame, ts, src, u16(p, u), dst, u16(p, u + 2), payload);
    }

    private static int u16(byte[] p, int off) {
        return ((p[off] & 0xff) << 8) | (p[off + 1] & 0xff);
    }
}
