package org.callscope.engine.tls.record;

/**
 * The 5-byte TLS record header (RFC 8446 §5.1, RFC 5246 §6.2): content type, protocol version,
 * 16-bit fragment length. Holds the limits every record of this package is checked against.
 */
public final class RecordHeader {
    public static final int LENGTH = 5;
    /**
     * Largest fragment accepted: TLSCiphertext may exceed the 2^14 plaintext limit by 2048 bytes of
     * compression expansion, padding and MAC (RFC 5246 §6.2.3; TLS 1.3 allows only 256, RFC 8446 §5.2).
     */
    public static final int MAX_FRAGMENT_LENGTH = (1 << 14) + 2048;
    /** Largest plaintext fragment (RFC 5246 §6.2.1, RFC 8446 §5.1): the bound for a cleartext handshake record. */
    public static final int MAX_PLAINTEXT_LENGTH = 1 << 14;
    /** Every SSL 3.0 to TLS 1.3 record carries major version 3 (TLS 1.3 freezes it at 0x0303, §5.1). */
    static final int VERSION_MAJOR = 3;
    /** Highest minor version known: TLS 1.3 (0x0304). */
    static final int MAX_VERSION_MINOR = 4;

    private RecordHeader() {
    }

    /**
     * Why the header at {@code buf[off, off + 5)} is no TLS record header, or null when it is one.
     * The reason ends with "at stream offset N" unless {@code streamOffset} is negative.
     */
    static String problem(byte[] buf, int off, long streamOffset) {
        int type = buf[off] & 0xff;
        int major = buf[off + 1] & 0xff;
        int minor = buf[off + 2] & 0xff;
        int length = ((buf[off + 3] & 0xff) << 8) | (buf[off + 4] & 0xff);
        String problem;
        if (!ContentType.isKnown(type)) {
            problem = "bad record content type " + type;
        } else if (major != VERSION_MAJOR || minor > MAX_VERSION_MINOR) {
            problem = String.format("bad record version 0x%02x%02x", major, minor);
        } else if (length > MAX_FRAGMENT_LENGTH) {
            problem = "record length " + length + " exceeds " + MAX_FRAGMENT_LENGTH;
        } else {
            return null;
        }
        return streamOffset < 0 ? problem : problem + " at stream offset " + streamOffset;
    }

    static int type(byte[] buf, int off) {
        return buf[off] & 0xff;
    }

    static int version(byte[] buf, int off) {
        return ((buf[off + 1] & 0xff) << 8) | (buf[off + 2] & 0xff);
    }

    static int length(byte[] buf, int off) {
        return ((buf[off + 3] & 0xff) << 8) | (buf[off + 4] & 0xff);
    }
}
