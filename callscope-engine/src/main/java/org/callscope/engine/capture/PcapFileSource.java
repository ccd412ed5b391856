package org.callscope.engine.capture;

import java.io.IOException;
import java.io.InputStream;
import org.callscope.engine.bytes.Bytes;

/**
 * Reads a classic libpcap file (draft-ietf-opsawg-pcap): either byte order, microsecond or
 * nanosecond timestamps, the link type from the file header. Frames cut by the snaplen are
 * delivered as they are ({@code capturedLength < originalLength}).
 *
 * <p>Owned by one reader thread. Per frame it allocates nothing: the record header is read in
 * place from a 1 MiB window and the frame bytes are copied once into the caller's packet, whose
 * buffer grows only up to {@link #MAX_CAPTURED_LENGTH}.
 *
 * <p>A cut-short record, an absurd captured length or garbage where a record should start ends
 * reading with a {@link CaptureDamage} at the offset of that record.
 */
public final class PcapFileSource implements PacketSource {
    /**
     * Largest captured length accepted in one record: 262144 is libpcap's MAXIMUM_SNAPLEN and
     * Wireshark's WTAP_MAX_PACKET_SIZE_STANDARD; anything larger means the record is corrupt.
     */
    public static final int MAX_CAPTURED_LENGTH = 262_144;

    /** Magic numbers read as big-endian (draft-ietf-opsawg-pcap §4). */
    static final int MAGIC_MICROS = 0xa1b2c3d4;
    static final int MAGIC_MICROS_SWAPPED = 0xd4c3b2a1;
    static final int MAGIC_NANOS = 0xa1b23c4d;
    static final int MAGIC_NANOS_SWAPPED = 0x4d3cb2a1;

    private static final int FILE_HEADER_BYTES = 24;
    private static final int RECORD_HEADER_BYTES = 16;
    /** LinkType is the low 16 bits of the header's LinkType/FCS field (draft §4, FCS bits above). */
    private static final int LINK_TYPE_MASK = 0xffff;

    private final String name;
    private final CaptureInput in;
    private boolean headerRead;
    private boolean bigEndian;
    private long nanosPerTick;
    private int linkType;
    private int snaplen;
    private long frameNumber;
    private boolean finished;
    private CaptureDamage damage;

    /** Reads a pcap stream (already decompressed); takes ownership of {@code in}. */
    public PcapFileSource(String name, InputStream in) {
        this(name, new CaptureInput(in, false));
    }

    PcapFileSource(String name, CaptureInput in) {
        this.name = name;
        this.in = in;
    }

    /** Whether {@code magic} (first four bytes read big-endian) starts a classic pcap file. */
    static boolean isMagic(int magic) {
        return magic == MAGIC_MICROS || magic == MAGIC_MICROS_SWAPPED
                || magic == MAGIC_NANOS || magic == MAGIC_NANOS_SWAPPED;
    }

    @Override
    public boolean next(CapturedPacket into) throws IOException {
        if (finished || (!headerRead && !readFileHeader())) {
            return false;
        }
        long start = in.offset();
        int available = in.request(RECORD_HEADER_BYTES);
        if (available == 0 && in.fault() == null) {
            finished = true;
            return false;
        }
        if (available < RECORD_HEADER_BYTES) {
            return fail(start, "record header cut short: " + available + " of "
                    + RECORD_HEADER_BYTES + " bytes");
        }
        byte[] b = in.buffer();
        int p = in.position();
        long seconds = u32(b, p);
        long fraction = u32(b, p + 4);
        long capturedLength = u32(b, p + 8);
        long originalLength = u32(b, p + 12);
        if (capturedLength > MAX_CAPTURED_LENGTH) {
            return fail(start, "captured length " + capturedLength + " exceeds the limit of "
                    + MAX_CAPTURED_LENGTH + " bytes");
        }
        int recordBytes = RECORD_HEADER_BYTES + (int) capturedLength;
        available = in.request(recordBytes);
        if (available < recordBytes) {
            return fail(start, "packet data cut short: " + (available - RECORD_HEADER_BYTES)
                    + " of " + capturedLength + " bytes");
        }
        int length = (int) capturedLength;
        into.ensureCapacity(length);
        System.arraycopy(in.buffer(), in.position() + RECORD_HEADER_BYTES, into.data, 0, length);
        in.consume(recordBytes);
        into.tsNanos = seconds * 1_000_000_000L + fraction * nanosPerTick;
        into.linkType = linkType;
        into.capturedLength = length;
        into.originalLength = (int) Math.min(originalLength, Integer.MAX_VALUE);
        into.interfaceId = 0;
        into.frameNumber = ++frameNumber;
        return true;
    }

    private boolean readFileHeader() throws IOException {
        headerRead = true;
        int available = in.request(FILE_HEADER_BYTES);
        if (available < FILE_HEADER_BYTES) {
            return fail(0, "file header cut short: " + available + " of " + FILE_HEADER_BYTES + " bytes");
        }
        byte[] b = in.buffer();
        int p = in.position();
        int magic = (int) Bytes.u32(b, p);
        switch (magic) {
            case MAGIC_MICROS -> { bigEndian = true; nanosPerTick = 1000; }
            case MAGIC_MICROS_SWAPPED -> { bigEndian = false; nanosPerTick = 1000; }
            case MAGIC_NANOS -> { bigEndian = true; nanosPerTick = 1; }
            case MAGIC_NANOS_SWAPPED -> { bigEndian = false; nanosPerTick = 1; }
            default -> {
                return fail(0, String.format("not a pcap file: magic %08x", magic));
            }
        }
        snaplen = (int) u32(b, p + 16);
        linkType = (int) u32(b, p + 20) & LINK_TYPE_MASK;
        in.consume(FILE_HEADER_BYTES);
        return true;
    }

    private long u32(byte[] b, int off) {
        return bigEndian ? Bytes.u32(b, off) : Bytes.u32le(b, off);
    }

    private boolean fail(long offset, String problem) {
        finished = true;
        damage = new CaptureDamage(name, offset, in.describe(problem));
        return false;
    }

    /** Link type from the file header; valid after the first call to {@link #next}. */
    public int linkType() {
        return linkType;
    }

    /** Snapshot length from the file header; valid after the first call to {@link #next}. */
    public int snaplen() {
        return snaplen;
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
