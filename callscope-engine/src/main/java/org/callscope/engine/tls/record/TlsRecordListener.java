package org.callscope.engine.tls.record;

/** Receives the records {@link TlsRecordReader} cuts out of one direction of a TLS byte stream. */
public interface TlsRecordListener {
    /**
     * One whole record: its content type, the 16-bit version of its header and its fragment
     * {@code buf[off, off + len)}. {@code buf} is valid only during the call: copy what must be kept.
     */
    void onRecord(int contentType, int version, byte[] buf, int off, int len, long tsNanos);

    /**
     * The byte stream cannot be read as TLS records from here on; {@code reason} says why and at
     * which stream offset. Called at most once; nothing more is delivered afterwards.
     */
    void onUnframeable(String reason, long tsNanos);
}
