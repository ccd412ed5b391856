package org.callscope.engine.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Builds small pcap and pcapng files byte by byte for tests, in either byte order. */
final class CaptureBytes {
    private CaptureBytes() {
    }

    /** Appends integers in a chosen byte order. */
    static class Writer {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final boolean bigEndian;

        Writer(boolean bigEndian) {
            this.bigEndian = bigEndian;
        }

        Writer u8(int v) {
            out.write(v);
            return this;
        }

        Writer u16(int v) {
            if (bigEndian) {
                out.write(v >>> 8);
                out.write(v);
            } else {
                out.write(v);
                out.write(v >>> 8);
            }
            return this;
        }

        Writer u32(long v) {
            if (bigEndian) {
                u16((int) (v >>> 16));
                u16((int) v);
            } else {
                u16((int) v);
                u16((int) (v >>> 16));
            }
            return this;
        }

        Writer u64(long v) {
            if (bigEndian) {
                u32(v >>> 32);
                u32(v);
            } else {
                u32(v);
                u32(v >>> 32);
            }
            return this;
        }

        Writer bytes(byte[] b) {
            out.write(b, 0, b.length);
            return this;
        }

        Writer pad4() {
            while (out.size() % 4 != 0) {
                out.write(0);
            }
            return this;
        }

        int size() {
            return out.size();
        }

        byte[] toBytes() {
            return out.toByteArray();
        }
    }

    /** A classic pcap file. */
    static Writer pcap(boolean bigEndian, boolean nanos, int linkType, int snaplen) {
        Writer w = new Writer(bigEndian);
        w.u32(nanos ? 0xa1b23c4dL : 0xa1b2c3d4L).u16(2).u16(4).u32(0).u32(0).u32(snaplen).u32(linkType);
        return w;
    }

    static void record(Writer w, long seconds, long fraction, byte[] data, int originalLength) {
        w.u32(seconds).u32(fraction).u32(data.length).u32(originalLength).bytes(data);
    }

    /** A pcapng file, one block at a time; section byte order fixed at construction. */
    static final class Pcapng {
        final Writer w;
        final List<Integer> blockStarts = new ArrayList<>();

        Pcapng(boolean bigEndian) {
            w = new Writer(bigEndian);
        }

        Pcapng block(int type, byte[] body) {
            blockStarts.add(w.size());
            int length = 12 + ((body.length + 3) & ~3);
            w.u32(type).u32(length).bytes(body).pad4().u32(length);
            return this;
        }

        Writer body() {
            return new Writer(w.bigEndian);
        }

        Pcapng shb() {
            return block(0x0a0d0d0a, body().u32(0x1a2b3c4d).u16(1).u16(0).u64(-1).toBytes());
        }

        /** An IDB; tsresol or tsoffset {@code null} leaves the option out. */
        Pcapng idb(int linkType, int snaplen, Integer tsresol, Long tsoffset) {
            Writer b = body().u16(linkType).u16(0).u32(snaplen);
            if (tsresol != null) {
                b.u16(9).u16(1).u8(tsresol).pad4();
            }
            if (tsoffset != null) {
                b.u16(14).u16(8).u64(tsoffset);
            }
            if (tsresol != null || tsoffset != null) {
                b.u16(0).u16(0);
            }
            return block(1, b.toBytes());
        }

        Pcapng epb(int interfaceId, long units, byte[] data, int originalLength) {
            Writer b = body().u32(interfaceId).u32(units >>> 32).u32(units & 0xffffffffL)
                    .u32(data.length).u32(originalLength).bytes(data).pad4();
            return block(6, b.toBytes());
        }

        Pcapng opb(int interfaceId, long units, byte[] data, int originalLength) {
            Writer b = body().u16(interfaceId).u16(0).u32(units >>> 32).u32(units & 0xffffffffL)
                    .u32(data.length).u32(originalLength).bytes(data).pad4();
            return block(2, b.toBytes());
        }

        Pcapng spb(byte[] data, int originalLength) {
            return block(3, body().u32(originalLength).bytes(data).pad4().toBytes());
        }

        int size() {
            return w.size();
        }

        byte[] toBytes() {
            return w.toBytes();
        }
    }

    /** A frame as read, copied out of the reused packet. */
    record Frame(long tsNanos, int linkType, int interfaceId, int capturedLength, int originalLength,
            long frameNumber, byte[] data) {
        static Frame of(CapturedPacket p) {
            return new Frame(p.tsNanos, p.linkType, p.interfaceId, p.capturedLength, p.originalLength,
                    p.frameNumber, java.util.Arrays.copyOf(p.data, p.capturedLength));
        }
    }

    /** Reads a source to its end, copying each frame. */
    static List<Frame> readAll(PacketSource source) throws IOException {
        List<Frame> frames = new ArrayList<>();
        CapturedPacket p = new CapturedPacket();
        while (source.next(p)) {
            frames.add(Frame.of(p));
        }
        return frames;
    }
}
