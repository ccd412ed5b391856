package org.callscope.engine.tls.record;

import java.util.Objects;

/**
 * Recognises TLS from the first bytes of a TCP direction, without state. Used by the pipeline to
 * decide who reads a new connection, on any port.
 */
public final class TlsDetector {
    private static final int HANDSHAKE_CLIENT_HELLO = 1;
    private static final int HANDSHAKE_SERVER_HELLO = 2;
    /** Handshake header: type and 24-bit length (RFC 8446 §4). */
    private static final int HANDSHAKE_HEADER_LENGTH = 4;
    /**
     * Smallest hello body: ServerHello without session id or extensions is version 2 + random 32 +
     * session id length 1 + cipher suite 2 + compression 1 (RFC 5246 §7.4.1.3); a ClientHello is longer.
     */
    private static final int MIN_HELLO_BODY = 38;
    /** SSL 2.0 CLIENT-HELLO message type (draft-hickman-netscape-ssl-00, RFC 5246 Appendix E.2). */
    private static final int SSL2_CLIENT_HELLO = 1;
    /** SSLv2 CLIENT-HELLO: msg type 1, version 2, three 16-bit lengths; then the challenge of 16..32 bytes. */
    private static final int SSL2_MIN_BODY = 9 + 16;

    private TlsDetector() {
    }

    /**
     * True when these first bytes of a TCP direction start a TLS handshake: a handshake record
     * (type 22) with version 3.0 to 3.4, a length of 1 to 2^14 (a cleartext record), whose first
     * message is a ClientHello or ServerHello of a plausible length (checked when its header is
     * within {@code len}). Needs at least the record header and the handshake type (6 bytes).
     * A ClientHello in SSLv2-compatible framing is not TLS framing: see {@link #looksLikeSslv2ClientHello}.
     */
    public static boolean looksLikeTlsHandshake(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len < RecordHeader.LENGTH + 1 || RecordHeader.problem(buf, off, -1) != null
                || RecordHeader.type(buf, off) != ContentType.HANDSHAKE) {
            return false;
        }
        int recordLength = RecordHeader.length(buf, off);
        int handshakeType = buf[off + RecordHeader.LENGTH] & 0xff;
        if (recordLength == 0 || recordLength > RecordHeader.MAX_PLAINTEXT_LENGTH
                || (handshakeType != HANDSHAKE_CLIENT_HELLO && handshakeType != HANDSHAKE_SERVER_HELLO)) {
            return false;
        }
        if (recordLength >= HANDSHAKE_HEADER_LENGTH && len >= RecordHeader.LENGTH + HANDSHAKE_HEADER_LENGTH) {
            int p = off + RecordHeader.LENGTH + 1;
            int messageLength = ((buf[p] & 0xff) << 16) | ((buf[p + 1] & 0xff) << 8) | (buf[p + 2] & 0xff);
            return messageLength >= MIN_HELLO_BODY;
        }
        return true;
    }

    /**
     * True for any plausible TLS record header at {@code off} (type 20..24, version 0x0300..0x0304,
     * length at most 2^14 + 2048), and for every further whole record header within {@code len}:
     * recognises a capture that starts in the middle of a TLS connection.
     */
    public static boolean looksLikeTlsRecord(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len < RecordHeader.LENGTH) {
            return false;
        }
        int end = off + len;
        for (int p = off; end - p >= RecordHeader.LENGTH; p += RecordHeader.LENGTH + RecordHeader.length(buf, p)) {
            if (RecordHeader.problem(buf, p, -1) != null) {
                return false;
            }
        }
        return true;
    }

    /**
     * True for an SSLv2-compatible ClientHello (RFC 5246 Appendix E.2, RFC 6101 Appendix E): a
     * 2-byte header with the high bit set and a 15-bit length, message type 1, then a version of
     * SSL 2.0 (0x0002) or 3.0 to 3.4. Old clients send it to offer SSL 2.0 and TLS at once. It is
     * recognised so that it can be reported; it is not parsed, and a stream that starts with it
     * is unframeable for {@link TlsRecordReader}. Needs 5 bytes.
     */
    public static boolean looksLikeSslv2ClientHello(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len < 5 || (buf[off] & 0x80) == 0) {
            return false;
        }
        int length = ((buf[off] & 0x7f) << 8) | (buf[off + 1] & 0xff);
        int major = buf[off + 3] & 0xff;
        int minor = buf[off + 4] & 0xff;
        boolean version = major == 0 && minor == 2
                || major == RecordHeader.VERSION_MAJOR && minor <= RecordHeader.MAX_VERSION_MINOR;
        return length >= SSL2_MIN_BODY && (buf[off + 2] & 0xff) == SSL2_CLIENT_HELLO && version;
    }
}
