package org.callscope.engine.rtp;

import org.callscope.engine.bytes.Bytes;

/**
 * Flyweight over one RTP packet (RFC 3550 §5.1). One per worker thread, re-pointed at each
 * packet with {@link #wrap}; every accessor reads the wrapped bytes on demand, so a value is only
 * valid until the next {@code wrap} or until the caller reuses the buffer. Allocates nothing.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * |                           timestamp                           |
 * |           synchronization source (SSRC) identifier            |
 * |            contributing source (CSRC) identifiers  (CC x 32)  |
 * |  defined by profile (16)      |     length in 32-bit words    |  if X (§5.3.1)
 * |                        header extension                       |
 * |                   payload ... | padding ... | padding count   |  if P
 * </pre>
 */
public final class RtpView {
    /** RFC 3550 §5.1: the only version this profile defines. */
    public static final int VERSION = 2;
    /** Fixed header: V/P/X/CC, M/PT, sequence, timestamp, SSRC (RFC 3550 §5.1). */
    public static final int FIXED_HEADER_LENGTH = 12;
    /** RFC 3550 §5.3.1: 16-bit profile field plus 16-bit length, before the extension words. */
    private static final int EXTENSION_HEADER_LENGTH = 4;

    private byte[] buf;
    private int off;
    private int len;
    private int payloadOffset;
    private int payloadLength;

    /**
     * Points the view at {@code len} bytes of {@code buf} from {@code off}.
     *
     * @return false when the bytes are not RTP version 2, shorter than the fixed header, or the
     *     CSRC count, extension length or padding count run past the end; the caller counts
     *     {@code RTP_BAD_VERSION} when {@link #isVersion2} is false, else {@code RTP_TRUNCATED}
     */
    public boolean wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = 0;
        if (buf == null || off < 0 || len < FIXED_HEADER_LENGTH || off > buf.length - len) {
            return false;
        }
        int b0 = buf[off] & 0xff;
        if ((b0 >>> 6) != VERSION) {
            return false;
        }
        int header = FIXED_HEADER_LENGTH + 4 * (b0 & 0x0f);
        if (header > len) {
            return false;
        }
        if ((b0 & 0x10) != 0) {
            if (header + EXTENSION_HEADER_LENGTH > len) {
                return false;
            }
            int words = Bytes.u16(buf, off + header + 2);
            header += EXTENSION_HEADER_LENGTH + 4 * words;
            if (header > len) {
                return false;
            }
        }
        int end = len;
        if ((b0 & 0x20) != 0) {
            // RFC 3550 §5.1: the last octet counts the padding octets, itself included, so it
            // cannot be zero and must fit after the header.
            int padding = buf[off + len - 1] & 0xff;
            if (padding == 0 || padding > len - header) {
                return false;
            }
            end = len - padding;
        }
        this.len = len;
        this.payloadOffset = off + header;
        this.payloadLength = end - header;
        return true;
    }

    /** Whether the first octet carries version 2; the first check {@link #wrap} makes. */
    public static boolean isVersion2(byte[] buf, int off, int len) {
        return buf != null && len > 0 && off >= 0 && off < buf.length && ((buf[off] & 0xff) >>> 6) == VERSION;
    }

    public int version() {
        return (buf[off] & 0xff) >>> 6;
    }

    public boolean padding() {
        return (buf[off] & 0x20) != 0;
    }

    public boolean extension() {
        return (buf[off] & 0x10) != 0;
    }

    public int csrcCount() {
        return buf[off] & 0x0f;
    }

    /** The {@code i}th contributing source, 0-based, below {@link #csrcCount()}. */
    public long csrc(int i) {
        return Bytes.u32(buf, off + FIXED_HEADER_LENGTH + 4 * i);
    }

    public boolean marker() {
        return (buf[off + 1] & 0x80) != 0;
    }

    public int payloadType() {
        return buf[off + 1] & 0x7f;
    }

    public int sequence() {
        return Bytes.u16(buf, off + 2);
    }

    /** The 32-bit RTP timestamp, unsigned. */
    public long timestamp() {
        return Bytes.u32(buf, off + 4);
    }

    /** The synchronization source, unsigned 32-bit. */
    public long ssrc() {
        return Bytes.u32(buf, off + 8);
    }

    /** The profile-defined 16 bits of the header extension (RFC 3550 §5.3.1), or -1 without one. */
    public int extensionProfile() {
        return extension() ? Bytes.u16(buf, off + FIXED_HEADER_LENGTH + 4 * csrcCount()) : -1;
    }

    /** Absolute offset in the wrapped buffer of the first payload byte. */
    public int payloadOffset() {
        return payloadOffset;
    }

    /** Payload bytes after CSRCs and extension, padding excluded. */
    public int payloadLength() {
        return payloadLength;
    }

    /** Padding octets at the end, 0 without the P bit. */
    public int paddingLength() {
        return padding() ? buf[off + len - 1] & 0xff : 0;
    }

    public byte[] buffer() {
        return buf;
    }

    public int offset() {
        return off;
    }

    public int length() {
        return len;
    }
}
