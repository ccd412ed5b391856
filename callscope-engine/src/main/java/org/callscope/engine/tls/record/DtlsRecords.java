package org.callscope.engine.tls.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.callscope.engine.tls.TlsVersion;
import org.callscope.engine.tls.handshake.TlsParseException;

/**
 * The records of one DTLS datagram (RFC 6347 §4.1): each has a 13-byte header (type, version,
 * epoch, 48-bit sequence number, length), and a datagram may carry several (§4.1.1).
 */
public final class DtlsRecords {
    /** type 1 + version 2 + epoch 2 + sequence_number 6 + length 2. */
    public static final int HEADER_LENGTH = 13;
    /** RFC 7983 §7: a first byte of 20..63 means DTLS when demultiplexing STUN, ZRTP, DTLS, TURN and RTP. */
    private static final int DEMUX_DTLS_FIRST = 20;
    private static final int DEMUX_DTLS_LAST = 63;

    private DtlsRecords() {
    }

    /**
     * Parses the records of {@code buf[off, off + len)}, copying each fragment.
     *
     * <p>A record is malformed when its header is cut short, its content type is not 20..24 (the
     * RFC 9146 connection-ID type 25 has a header of negotiated length and is not read), its version
     * is not DTLS 1.0 or 1.2, or its length exceeds 2^14 + 2048 or the bytes left. Parsing stops at
     * the first malformed record: when it is the first of the datagram this throws, otherwise the
     * records before it are returned and the rest of the datagram is dropped. Records are
     * processed independently (RFC 6347 §4.1.2.7 has invalid records silently discarded), and a
     * datagram cut by the capture's snaplen loses only its last record this way. A caller that
     * needs to know compares the sum of {@link DtlsRecord#wireLength()} with {@code len}.
     *
     * @throws TlsParseException when the datagram is empty or its first record is malformed
     */
    public static List<DtlsRecord> parse(byte[] buf, int off, int len) throws TlsParseException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len == 0) {
            throw new TlsParseException("DTLS datagram is empty");
        }
        List<DtlsRecord> records = new ArrayList<>(2);
        int end = off + len;
        int p = off;
        while (p < end) {
            String problem = problem(buf, p, end, p - off);
            if (problem != null) {
                if (records.isEmpty()) {
                    throw new TlsParseException(problem);
                }
                break;
            }
            int length = ((buf[p + 11] & 0xff) << 8) | (buf[p + 12] & 0xff);
            long sequence = 0;
            for (int i = 5; i < 11; i++) {
                sequence = (sequence << 8) | (buf[p + i] & 0xff);
            }
            byte[] fragment = new byte[length];
            System.arraycopy(buf, p + HEADER_LENGTH, fragment, 0, length);
            records.add(new DtlsRecord(buf[p] & 0xff, ((buf[p + 1] & 0xff) << 8) | (buf[p + 2] & 0xff),
                    ((buf[p + 3] & 0xff) << 8) | (buf[p + 4] & 0xff), sequence, fragment));
            p += HEADER_LENGTH + length;
        }
        return records;
    }

    /**
     * True when a UDP payload looks like DTLS: first byte 20..63 as RFC 7983 §7 demultiplexes it,
     * a whole record header, and a DTLS 1.0 or 1.2 version in it. DTLS 1.3 ciphertext records
     * (unified header, RFC 9147 §4) carry no version and are not recognised.
     */
    public static boolean looksLikeDtls(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len < HEADER_LENGTH) {
            return false;
        }
        int first = buf[off] & 0xff;
        return first >= DEMUX_DTLS_FIRST && first <= DEMUX_DTLS_LAST && isDtlsVersion(buf, off + 1);
    }

    private static String problem(byte[] buf, int p, int end, int offset) {
        if (end - p < HEADER_LENGTH) {
            return "DTLS record header cut short: " + (end - p) + " of " + HEADER_LENGTH + " bytes at datagram offset " + offset;
        }
        int type = buf[p] & 0xff;
        if (!ContentType.isKnown(type)) {
            return "bad DTLS record content type " + type + " at datagram offset " + offset;
        }
        if (!isDtlsVersion(buf, p + 1)) {
            return String.format("bad DTLS record version 0x%02x%02x at datagram offset %d", buf[p + 1] & 0xff, buf[p + 2] & 0xff, offset);
        }
        int length = ((buf[p + 11] & 0xff) << 8) | (buf[p + 12] & 0xff);
        if (length > RecordHeader.MAX_FRAGMENT_LENGTH) {
            return "DTLS record length " + length + " exceeds " + RecordHeader.MAX_FRAGMENT_LENGTH + " at datagram offset " + offset;
        }
        if (length > end - p - HEADER_LENGTH) {
            return "DTLS record length " + length + " exceeds the " + (end - p - HEADER_LENGTH)
                    + " bytes left at datagram offset " + offset;
        }
        return null;
    }

    private static boolean isDtlsVersion(byte[] buf, int p) {
        int version = ((buf[p] & 0xff) << 8) | (buf[p + 1] & 0xff);
        return version == TlsVersion.DTLS_1_0.code() || version == TlsVersion.DTLS_1_2.code();
    }
}
