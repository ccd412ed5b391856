package org.callscope.engine.tls.handshake;

import java.util.Arrays;

/**
 * Bounds-checked reads over one region of a byte array in the TLS presentation language
 * (RFC 8446 §3): fixed-size integers and length-prefixed vectors. Every failure is a
 * {@link TlsParseException} naming the structure, the field and its offset from the start of the
 * structure.
 */
final class WireReader {
    private final String structure;
    private final byte[] buf;
    private final int base;
    private final int end;
    private int pos;

    WireReader(String structure, byte[] buf, int off, int len) {
        this(structure, buf, off, off, off + len);
    }

    private WireReader(String structure, byte[] buf, int base, int pos, int end) {
        this.structure = structure;
        this.buf = buf;
        this.base = base;
        this.pos = pos;
        this.end = end;
    }

    /** Offset of the next byte from the start of the structure. */
    int offset() {
        return pos - base;
    }

    int remaining() {
        return end - pos;
    }

    int u8(String field) throws TlsParseException {
        need(field, 1);
        return buf[pos++] & 0xff;
    }

    int u16(String field) throws TlsParseException {
        need(field, 2);
        int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    int u24(String field) throws TlsParseException {
        need(field, 3);
        int v = ((buf[pos] & 0xff) << 16) | ((buf[pos + 1] & 0xff) << 8) | (buf[pos + 2] & 0xff);
        pos += 3;
        return v;
    }

    long u32(String field) throws TlsParseException {
        need(field, 4);
        long v = ((long) (buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8)
                | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    /** A copy of the next {@code n} bytes. */
    byte[] bytes(String field, int n) throws TlsParseException {
        need(field, n);
        byte[] copy = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return copy;
    }

    void skip(String field, int n) throws TlsParseException {
        need(field, n);
        pos += n;
    }

    /**
     * Reads the {@code prefixBytes}-byte length of vector {@code field} and checks it against
     * {@code min..max} (RFC 8446 §3.4) and the bytes left. The position is then at the vector's
     * first byte.
     */
    int vectorLength(String field, int prefixBytes, int min, int max) throws TlsParseException {
        int at = offset();
        int length = switch (prefixBytes) {
            case 1 -> u8(field + " length");
            case 2 -> u16(field + " length");
            case 3 -> u24(field + " length");
            default -> throw new IllegalArgumentException("length prefix of " + prefixBytes + " bytes");
        };
        if (length < min || length > max) {
            throw errorAt(at, field + " length " + length + " outside " + min + ".." + max);
        }
        if (length > remaining()) {
            throw errorAt(at, field + " length " + length + " exceeds the " + remaining() + " bytes left");
        }
        return length;
    }

    /** A copy of the contents of a vector with a 1-byte length. */
    byte[] vector8(String field, int min, int max) throws TlsParseException {
        return bytes(field, vectorLength(field, 1, min, max));
    }

    /** A copy of the contents of a vector with a 2-byte length. */
    byte[] vector16(String field, int min, int max) throws TlsParseException {
        return bytes(field, vectorLength(field, 2, min, max));
    }

    /** A reader over the next {@code n} bytes, with offsets still counted from the structure's start; this one skips them. */
    WireReader sub(String field, int n) throws TlsParseException {
        need(field, n);
        WireReader region = new WireReader(structure, buf, base, pos, pos + n);
        pos += n;
        return region;
    }

    /** Fails unless every byte was read: {@code what} names what should have been the last field. */
    void expectEnd(String what) throws TlsParseException {
        if (pos != end) {
            throw error((end - pos) + " bytes left over after " + what);
        }
    }

    TlsParseException error(String text) {
        return errorAt(offset(), text);
    }

    TlsParseException errorAt(int offset, String text) {
        return new TlsParseException(structure + ": " + text + " at offset " + offset);
    }

    private void need(String field, int n) throws TlsParseException {
        if (n > end - pos) {
            throw error(field + " needs " + n + " bytes, " + (end - pos) + " left");
        }
    }
}
