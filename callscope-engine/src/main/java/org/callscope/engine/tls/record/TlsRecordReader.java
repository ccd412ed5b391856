package org.callscope.engine.tls.record;

import java.util.Objects;

/**
 * Frames one direction of a TLS byte stream into records (RFC 5246 §6.2, RFC 8446 §5.1): a record
 * may be split over any number of {@link #feed} calls and one call may hold many records.
 *
 * <p>Every header is checked: content type 20..24, major version 3 with minor 0..4 (SSL 3.0 to
 * TLS 1.3), length at most {@link RecordHeader#MAX_FRAGMENT_LENGTH}. The first header that fails,
 * a gap in the TCP stream (records cannot be found again after lost bytes) or an SSLv2-compatible
 * ClientHello at the start of the stream (SSL 2.0 framing, not read) makes the stream
 * unframeable: {@link TlsRecordListener#onUnframeable} is called once with the reason and the
 * stream offset, and nothing more is delivered.
 *
 * <p>Owned by one thread. A record wholly inside the fed buffer is delivered in place; only a
 * record split across calls is copied, into one buffer grown on demand up to the largest record
 * (2^14 + 2048 bytes) and reused. Never throws on input.
 */
public final class TlsRecordReader {
    private static final int INITIAL_CAPACITY = 4096;
    private static final byte[] EMPTY = new byte[0];

    private final TlsRecordListener listener;
    private final byte[] header = new byte[RecordHeader.LENGTH];
    private int headerBytes;
    /** Buffer of a record split across calls; {@code fragmentLength} is -1 while reading a header. */
    private byte[] fragment = EMPTY;
    private int fragmentLength = -1;
    private int fragmentBytes;
    private int recordType;
    private int recordVersion;
    private long streamOffset;
    private long recordStart;
    private long lastDeliveredStart = -1;
    private boolean failed;

    public TlsRecordReader(TlsRecordListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The next bytes of the stream, {@code buf[off, off + len)}; only read during the call. */
    public void feed(byte[] buf, int off, int len, long tsNanos) {
        Objects.checkFromIndexSize(off, len, buf.length);
        int end = off + len;
        while (off < end && !failed) {
            if (fragmentLength >= 0) {
                off = continueFragment(buf, off, end, tsNanos);
            } else if (headerBytes == 0 && end - off >= RecordHeader.LENGTH) {
                off = recordInPlace(buf, off, end, tsNanos);
            } else {
                off = continueHeader(buf, off, end, tsNanos);
            }
        }
        streamOffset += end - off; // bytes after a failure are counted, not read
    }

    /** {@code missingBytes} of the stream were lost here: records cannot be found again after them. */
    public void onGap(long missingBytes, long tsNanos) {
        if (!failed) {
            fail("gap of " + missingBytes + " bytes at stream offset " + streamOffset, tsNanos);
        }
        streamOffset += Math.max(0, missingBytes);
    }

    /** Stream position of the next byte: bytes fed plus bytes lost in gaps. */
    public long streamOffset() {
        return streamOffset;
    }

    /** True once the stream was found unframeable. */
    public boolean failed() {
        return failed;
    }

    /** True when the bytes fed so far end inside a record (for a stream that closes mid-record). */
    public boolean hasPartialRecord() {
        return !failed && (headerBytes > 0 || fragmentLength >= 0);
    }

    /**
     * Stream offset of the header of the record delivered last (or being delivered, during
     * {@link TlsRecordListener#onRecord}); -1 before the first. Maps records back to frames.
     */
    public long recordStreamOffset() {
        return lastDeliveredStart;
    }

    private int recordInPlace(byte[] buf, int off, int end, long tsNanos) {
        recordStart = streamOffset;
        if (!acceptHeader(buf, off, tsNanos)) {
            return off;
        }
        int length = RecordHeader.length(buf, off);
        int type = RecordHeader.type(buf, off);
        int version = RecordHeader.version(buf, off);
        int fragmentStart = off + RecordHeader.LENGTH;
        if (end - fragmentStart >= length) {
            streamOffset += RecordHeader.LENGTH + length;
            deliver(type, version, buf, fragmentStart, length, tsNanos);
            return fragmentStart + length;
        }
        streamOffset += RecordHeader.LENGTH;
        beginFragment(type, version, length);
        return continueFragment(buf, fragmentStart, end, tsNanos);
    }

    private int continueHeader(byte[] buf, int off, int end, long tsNanos) {
        if (headerBytes == 0) {
            recordStart = streamOffset;
        }
        int n = Math.min(RecordHeader.LENGTH - headerBytes, end - off);
        System.arraycopy(buf, off, header, headerBytes, n);
        headerBytes += n;
        streamOffset += n;
        if (headerBytes == RecordHeader.LENGTH) {
            headerBytes = 0;
            if (acceptHeader(header, 0, tsNanos)) {
                beginFragment(RecordHeader.type(header, 0), RecordHeader.version(header, 0), RecordHeader.length(header, 0));
                if (fragmentLength == 0) {
                    fragmentLength = -1;
                    deliver(recordType, recordVersion, fragment, 0, 0, tsNanos);
                }
            }
        }
        return off + n;
    }

    private int continueFragment(byte[] buf, int off, int end, long tsNanos) {
        int n = Math.min(fragmentLength - fragmentBytes, end - off);
        System.arraycopy(buf, off, fragment, fragmentBytes, n);
        fragmentBytes += n;
        streamOffset += n;
        if (fragmentBytes == fragmentLength) {
            int length = fragmentLength;
            fragmentLength = -1;
            deliver(recordType, recordVersion, fragment, 0, length, tsNanos);
        }
        return off + n;
    }

    private boolean acceptHeader(byte[] buf, int off, long tsNanos) {
        String problem = RecordHeader.problem(buf, off, recordStart);
        if (problem == null) {
            return true;
        }
        if (recordStart == 0 && TlsDetector.looksLikeSslv2ClientHello(buf, off, RecordHeader.LENGTH)) {
            problem = "SSLv2-compatible ClientHello at stream offset 0: SSL 2.0 record framing is not read";
        }
        fail(problem, tsNanos);
        return false;
    }

    private void beginFragment(int type, int version, int length) {
        recordType = type;
        recordVersion = version;
        fragmentLength = length;
        fragmentBytes = 0;
        if (fragment.length < length) {
            fragment = new byte[Math.max(length, Math.min(RecordHeader.MAX_FRAGMENT_LENGTH, Math.max(INITIAL_CAPACITY, 2 * fragment.length)))];
        }
    }

    private void deliver(int type, int version, byte[] buf, int off, int len, long tsNanos) {
        lastDeliveredStart = recordStart;
        listener.onRecord(type, version, buf, off, len, tsNanos);
    }

    private void fail(String reason, long tsNanos) {
        failed = true;
        fragment = EMPTY;
        fragmentLength = -1;
        headerBytes = 0;
        listener.onUnframeable(reason, tsNanos);
    }
}
