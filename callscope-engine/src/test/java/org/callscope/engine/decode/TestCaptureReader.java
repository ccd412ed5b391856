package org.callscope.engine.decode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.callscope.engine.capture.CapturedPacket;

/**
 * Just enough of classic pcap and pcapng (SHB, IDB, EPB, SPB) to feed captures to the decoder in
 * tests, independent of the production capture readers. Timestamps are approximate (pcapng is read
 * as microseconds whatever {@code if_tsresol} says): the decoder tests do not depend on them.
 */
final class TestCaptureReader {
    private static final int PCAP_MICROS = 0xa1b2c3d4;
    private static final int PCAP_NANOS = 0xa1b23c4d;
    private static final int PCAPNG_SHB = 0x0a0d0d0a;
    private static final int PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;
    private static final int PCAPNG_IDB = 1;
    private static final int PCAPNG_SPB = 3;
    private static final int PCAPNG_EPB = 6;

    private TestCaptureReader() {
    }

    static List<CapturedPacket> read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.BIG_ENDIAN);
        int magic = b.getInt(0);
        if (magic == PCAPNG_SHB) {
            return readPcapng(b);
        }
        if (magic != PCAP_MICROS && magic != PCAP_NANOS) {
            b.order(ByteOrder.LITTLE_ENDIAN);
            magic = b.getInt(0);
        }
        if (magic != PCAP_MICROS && magic != PCAP_NANOS) {
            throw new IOException(file + ": not a pcap or pcapng file");
        }
        return readPcap(b, magic == PCAP_NANOS ? 1 : 1000);
    }

    private static List<CapturedPacket> readPcap(ByteBuffer b, long nanosPerUnit) {
        int linkType = b.getInt(20) & 0xffff;
        List<CapturedPacket> packets = new ArrayList<>();
        int pos = 24;
        while (pos + 16 <= b.limit()) {
            long seconds = b.getInt(pos) & 0xffffffffL;
            long fraction = b.getInt(pos + 4) & 0xffffffffL;
            int captured = b.getInt(pos + 8);
            int original = b.getInt(pos + 12);
            pos += 16;
            if (captured < 0 || pos + captured > b.limit()) {
                break;
            }
            packets.add(packet(b, pos, captured, original, linkType, seconds * 1_000_000_000L + fraction * nanosPerUnit,
                    packets.size() + 1));
            pos += captured;
        }
        return packets;
    }

    private static List<CapturedPacket> readPcapng(ByteBuffer b) {
        List<CapturedPacket> packets = new ArrayList<>();
        List<Integer> linkTypes = new ArrayList<>();
        int pos = 0;
        while (pos + 12 <= b.limit()) {
            if (b.getInt(pos) == PCAPNG_SHB) { // a palindrome: readable in either byte order
                b.order(ByteOrder.BIG_ENDIAN);
                b.order(b.getInt(pos + 8) == PCAPNG_BYTE_ORDER_MAGIC ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                linkTypes.clear();
            }
            int type = b.getInt(pos);
            int length = b.getInt(pos + 4);
            if (length < 12 || pos + length > b.limit()) {
                break;
            }
            int body = pos + 8;
            if (type == PCAPNG_IDB) {
                linkTypes.add(b.getShort(body) & 0xffff);
            } else if (type == PCAPNG_EPB) {
                int iface = b.getInt(body);
                long ts = ((b.getInt(body + 4) & 0xffffffffL) << 32) | (b.getInt(body + 8) & 0xffffffffL);
                int captured = b.getInt(body + 12);
                int original = b.getInt(body + 16);
                CapturedPacket p = packet(b, body + 20, captured, original, linkTypes.get(iface), ts * 1000,
                        packets.size() + 1);
                p.interfaceId = iface;
                packets.add(p);
            } else if (type == PCAPNG_SPB) {
                int original = b.getInt(body);
                int captured = Math.min(original, length - 16);
                packets.add(packet(b, body + 4, captured, original, linkTypes.get(0), 0, packets.size() + 1));
            }
            pos += length;
        }
        return packets;
    }

    private static CapturedPacket packet(ByteBuffer b, int pos, int captured, int original, int linkType,
                                         long tsNanos, long number) {
        CapturedPacket p = new CapturedPacket();
        p.ensureCapacity(captured);
        b.get(pos, p.data, 0, captured);
        p.capturedLength = captured;
        p.originalLength = original;
        p.linkType = linkType;
        p.tsNanos = tsNanos;
        p.frameNumber = number;
        return p;
    }
}
