package org.callscope.engine.capture;

import java.io.IOException;
import java.io.InputStream;
import org.callscope.engine.bytes.Bytes;

/**
 * Reads a pcapng file (draft-ietf-opsawg-pcapng): any number of sections in either byte order,
 * interfaces with their own link type, snaplen, if_tsresol (decimal or power-of-two) and
 * if_tsoffset; Enhanced, Simple and obsolete Packet Blocks. Every other block (name resolution,
 * interface statistics, decryption secrets, custom) is skipped by its length.
 *
 * <p>Owned by one reader thread. Per frame it allocates nothing: blocks are parsed in place in a
 * 1 MiB window and the frame bytes are copied once into the caller's packet.
 *
 * <p>Damage ends reading with a {@link CaptureDamage} at the offset of the bad block: a block cut
 * short, a block length that is not a multiple of 4 or disagrees with its trailing copy, a packet
 * on an undeclared interface, a captured length over {@link PcapFileSource#MAX_CAPTURED_LENGTH}.
 */
public final class PcapngFileSource implements PacketSource {
    /** Block types, draft-ietf-opsawg-pcapng §10.1. */
    static final int SECTION_HEADER = 0x0a0d0d0a;
    private static final int INTERFACE_DESCRIPTION = 0x00000001;
    private static final int OBSOLETE_PACKET = 0x00000002;
    private static final int SIMPLE_PACKET = 0x00000003;
    private static final int ENHANCED_PACKET = 0x00000006;
    /** Byte-order magic of the Section Header Block (§4.1). */
    private static final int BYTE_ORDER_MAGIC = 0x1a2b3c4d;
    private static final int BYTE_ORDER_MAGIC_SWAPPED = 0x4d3c2b1a;

    /** Type, length and trailing length: the frame around every block body (§3.1). */
    private static final int BLOCK_FRAME_BYTES = 12;
    private static final int SECTION_HEADER_MIN_BYTES = 28;
    private static final int INTERFACE_MIN_BYTES = 20;
    private static final int ENHANCED_PACKET_MIN_BYTES = 32;
    private static final int OBSOLETE_PACKET_MIN_BYTES = 32;
    private static final int SIMPLE_PACKET_MIN_BYTES = 16;
    /**
     * Largest block we walk over: Wireshark's MAX_BLOCK_SIZE (wiretap/pcapng.c, 16 MiB); a
     * longer length is taken as corruption rather than skipped.
     */
    static final long MAX_BLOCK_BYTES = 16L * 1024 * 1024;
    /** Interface option codes (§4.2). */
    private static final int OPT_END = 0;
    private static final int OPT_IF_TSRESOL = 9;
    private static final int OPT_IF_TSOFFSET = 14;

    private final String name;
    private final CaptureInput in;
    private final PcapngInterfaces interfaces = new PcapngInterfaces();
    private boolean inSection;
    private boolean bigEndian;
    private long lastTsNanos;
    private long frameNumber;
    private boolean finished;
    private CaptureDamage damage;

    /** Reads a pcapng stream (already decompressed); takes ownership of {@code in}. */
    public PcapngFileSource(String name, InputStream in) {
        this(name, new CaptureInput(in, false));
    }

    PcapngFileSource(String name, CaptureInput in) {
        this.name = name;
        this.in = in;
    }

    @Override
    public boolean next(CapturedPacket into) throws IOException {
        while (!finished) {
            long start = in.offset();
            int available = in.request(8);
            if (available == 0 && in.fault() == null && inSection) {
                finished = true;
                return false;
            }
            if (available < 8) {
                return fail(start, "block header cut short: " + available + " of 8 bytes");
            }
            byte[] b = in.buffer();
            int p = in.position();
            int type = (int) Bytes.u32(b, p);
            if (type == SECTION_HEADER) {
                if (!readByteOrder(start)) {
                    return false;
                }
            } else if (!inSection) {
                return fail(start, String.format("not a pcapng file: first block type %08x", type));
            } else {
                type = (int) u32(b, p);
            }
            b = in.buffer();
            p = in.position();
            long length = u32(b, p + 4);
            if (length < BLOCK_FRAME_BYTES || length % 4 != 0) {
                return fail(start, "block length " + length + " is not a multiple of 4 of at least 12");
            }
            if (length > MAX_BLOCK_BYTES) {
                return fail(start, "block length " + length + " exceeds the limit of " + MAX_BLOCK_BYTES);
            }
            boolean parsed = type == SECTION_HEADER || type == INTERFACE_DESCRIPTION
                    || type == ENHANCED_PACKET || type == SIMPLE_PACKET || type == OBSOLETE_PACKET;
            if (!parsed) {
                if (!skipBlock(start, length)) {
                    return false;
                }
                continue;
            }
            if (length > CaptureInput.WINDOW_BYTES) {
                return fail(start, "block length " + length + " exceeds the limit of "
                        + CaptureInput.WINDOW_BYTES + " for a parsed block");
            }
            int blockBytes = (int) length;
            available = in.request(blockBytes);
            if (available < blockBytes) {
                return fail(start, "block cut short: " + available + " of " + blockBytes + " bytes");
            }
            b = in.buffer();
            p = in.position();
            long trailing = u32(b, p + blockBytes - 4);
            if (trailing != length) {
                return fail(start, "trailing block length " + trailing + " differs from leading length " + length);
            }
            boolean delivered = switch (type) {
                case SECTION_HEADER -> startSection(start, blockBytes);
                case INTERFACE_DESCRIPTION -> addInterface(start, b, p, blockBytes);
                case ENHANCED_PACKET -> readEnhancedPacket(start, b, p, blockBytes, into);
                case OBSOLETE_PACKET -> readObsoletePacket(start, b, p, blockBytes, into);
                default -> readSimplePacket(start, b, p, blockBytes, into);
            };
            if (finished) {
                return false;
            }
            in.consume(blockBytes);
            if (delivered) {
                into.frameNumber = ++frameNumber;
                return true;
            }
        }
        return false;
    }

    /** Sets the section's byte order from the magic after the SHB's type and length (§4.1). */
    private boolean readByteOrder(long start) throws IOException {
        int available = in.request(12);
        if (available < 12) {
            return fail(start, "section header cut short: " + available + " of 12 bytes");
        }
        int magic = (int) Bytes.u32(in.buffer(), in.position() + 8);
        if (magic == BYTE_ORDER_MAGIC) {
            bigEndian = true;
        } else if (magic == BYTE_ORDER_MAGIC_SWAPPED) {
            bigEndian = false;
        } else {
            return fail(start, String.format("section header byte-order magic %08x is neither 1a2b3c4d nor 4d3c2b1a", magic));
        }
        return true;
    }

    private boolean startSection(long start, int blockBytes) {
        if (blockBytes < SECTION_HEADER_MIN_BYTES) {
            return fail(start, "section header block of " + blockBytes + " bytes is shorter than " + SECTION_HEADER_MIN_BYTES);
        }
        inSection = true;
        interfaces.clear();
        return false;
    }

    private boolean addInterface(long start, byte[] b, int p, int blockBytes) {
        if (blockBytes < INTERFACE_MIN_BYTES) {
            return fail(start, "interface description block of " + blockBytes + " bytes is shorter than " + INTERFACE_MIN_BYTES);
        }
        int linkType = u16(b, p + 8);
        int snaplen = (int) u32(b, p + 12);
        int tsresol = PcapngInterfaces.DEFAULT_TSRESOL;
        long offsetSeconds = 0;
        int end = p + blockBytes - 4;
        int off = p + 16;
        // Options are code, length, value padded to 4 (§3.5); a malformed tail is ignored.
        while (off + 4 <= end) {
            int code = u16(b, off);
            int length = u16(b, off + 2);
            if (code == OPT_END || off + 4 + length > end) {
                break;
            }
            if (code == OPT_IF_TSRESOL && length >= 1) {
                tsresol = b[off + 4] & 0xff;
            } else if (code == OPT_IF_TSOFFSET && length >= 8) {
                offsetSeconds = u64(b, off + 4);
            }
            off += 4 + ((length + 3) & ~3);
        }
        if (!PcapngInterfaces.isValidTsresol(tsresol)) {
            return fail(start, String.format("if_tsresol %02x is out of range", tsresol));
        }
        if (!interfaces.add(linkType, snaplen, tsresol, offsetSeconds)) {
            return fail(start, "more than " + PcapngInterfaces.MAX_INTERFACES + " interfaces in one section");
        }
        return false;
    }

    /** Enhanced Packet Block (§4.3): interface, 64-bit timestamp, lengths, data. */
    private boolean readEnhancedPacket(long start, byte[] b, int p, int blockBytes, CapturedPacket into) {
        if (blockBytes < ENHANCED_PACKET_MIN_BYTES) {
            return fail(start, "enhanced packet block of " + blockBytes + " bytes is shorter than " + ENHANCED_PACKET_MIN_BYTES);
        }
        long interfaceId = u32(b, p + 8);
        long units = (u32(b, p + 12) << 32) | u32(b, p + 16);
        return deliver(start, b, p, blockBytes, 28, interfaceId, units, u32(b, p + 20), u32(b, p + 24), into);
    }

    /** Obsolete Packet Block (Appendix A): like the EPB with a 16-bit interface and drop count. */
    private boolean readObsoletePacket(long start, byte[] b, int p, int blockBytes, CapturedPacket into) {
        if (blockBytes < OBSOLETE_PACKET_MIN_BYTES) {
            return fail(start, "packet block of " + blockBytes + " bytes is shorter than " + OBSOLETE_PACKET_MIN_BYTES);
        }
        int interfaceId = u16(b, p + 8);
        long units = (u32(b, p + 12) << 32) | u32(b, p + 16);
        return deliver(start, b, p, blockBytes, 28, interfaceId, units, u32(b, p + 20), u32(b, p + 24), into);
    }

    /**
     * Simple Packet Block (§4.4): interface 0, no timestamp; the captured length is what the
     * block holds, at most the original length and the interface snaplen. It gets the time of
     * the packet before it, since packet time is our only clock and must not jump back to 0.
     */
    private boolean readSimplePacket(long start, byte[] b, int p, int blockBytes, CapturedPacket into) {
        if (blockBytes < SIMPLE_PACKET_MIN_BYTES) {
            return fail(start, "simple packet block of " + blockBytes + " bytes is shorter than " + SIMPLE_PACKET_MIN_BYTES);
        }
        if (interfaces.count() == 0) {
            return fail(start, "simple packet block before any interface description");
        }
        long originalLength = u32(b, p + 8);
        long capturedLength = Math.min(originalLength, blockBytes - SIMPLE_PACKET_MIN_BYTES);
        int snaplen = interfaces.snaplen(0);
        if (snaplen > 0) {
            capturedLength = Math.min(capturedLength, Integer.toUnsignedLong(snaplen));
        }
        if (capturedLength > PcapFileSource.MAX_CAPTURED_LENGTH) {
            return fail(start, "captured length " + capturedLength + " exceeds the limit of "
                    + PcapFileSource.MAX_CAPTURED_LENGTH + " bytes");
        }
        copyFrame(b, p + 12, 0, lastTsNanos, (int) capturedLength, originalLength, into);
        return true;
    }

    private boolean deliver(long start, byte[] b, int p, int blockBytes, int dataOffset, long interfaceId,
            long units, long capturedLength, long originalLength, CapturedPacket into) {
        if (interfaceId >= interfaces.count()) {
            return fail(start, "packet on interface " + interfaceId + " but the section declares "
                    + interfaces.count());
        }
        if (capturedLength > PcapFileSource.MAX_CAPTURED_LENGTH) {
            return fail(start, "captured length " + capturedLength + " exceeds the limit of "
                    + PcapFileSource.MAX_CAPTURED_LENGTH + " bytes");
        }
        if (dataOffset + ((capturedLength + 3) & ~3L) + 4 > blockBytes) {
            return fail(start, "captured length " + capturedLength + " overruns the block of " + blockBytes + " bytes");
        }
        int id = (int) interfaceId;
        copyFrame(b, p + dataOffset, id, interfaces.toNanos(id, units), (int) capturedLength, originalLength, into);
        return true;
    }

    private void copyFrame(byte[] b, int from, int interfaceId, long tsNanos, int capturedLength,
            long originalLength, CapturedPacket into) {
        into.ensureCapacity(capturedLength);
        System.arraycopy(b, from, into.data, 0, capturedLength);
        into.capturedLength = capturedLength;
        into.originalLength = (int) Math.min(originalLength, Integer.MAX_VALUE);
        into.interfaceId = interfaceId;
        into.linkType = interfaces.linkType(interfaceId);
        into.tsNanos = tsNanos;
        lastTsNanos = tsNanos;
    }

    /** Walks over a block we do not read, checking its trailing length like any other. */
    private boolean skipBlock(long start, long length) throws IOException {
        long body = length - 4;
        long skipped = in.skip(body);
        if (skipped < body || in.request(4) < 4) {
            return fail(start, "block cut short: " + (skipped + Math.min(in.request(4), 4)) + " of " + length + " bytes");
        }
        long trailing = u32(in.buffer(), in.position());
        if (trailing != length) {
            return fail(start, "trailing block length " + trailing + " differs from leading length " + length);
        }
        in.consume(4);
        return true;
    }

    private int u16(byte[] b, int off) {
        return bigEndian ? Bytes.u16(b, off) : Bytes.u16le(b, off);
    }

    private long u32(byte[] b, int off) {
        return bigEndian ? Bytes.u32(b, off) : Bytes.u32le(b, off);
    }

    private long u64(byte[] b, int off) {
        return bigEndian ? (u32(b, off) << 32) | u32(b, off + 4) : (u32(b, off + 4) << 32) | u32(b, off);
    }

    private boolean fail(long offset, String problem) {
        finished = true;
        damage = new CaptureDamage(name, offset, in.describe(problem));
        return false;
    }

    @Override
    public CaptureDamage damage() {
        return damage;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
