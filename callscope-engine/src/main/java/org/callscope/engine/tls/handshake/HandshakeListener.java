package org.callscope.engine.tls.handshake;

/** Receives whole handshake messages from {@link HandshakeReassembler} or {@link DtlsHandshakeReassembler}. */
public interface HandshakeListener {
    /**
     * One whole handshake message: its type, its body, and the message bytes as they enter the
     * transcript hash. Both arrays are fresh and belong to the listener.
     *
     * <p>For TLS, {@code transcriptBytes} is the 4-byte header (type, 24-bit length) followed by
     * the body (RFC 5246 §7.4.9, RFC 8446 §4.4.1). For DTLS 1.0/1.2 it is the 12-byte DTLS header
     * followed by the body, with {@code fragment_offset} 0 and {@code fragment_length} equal to the
     * message length: RFC 6347 §4.2.6 says hash calculations "include entire handshake messages,
     * including DTLS-specific fields: message_seq, fragment_offset, and fragment_length", computed
     * "as if each handshake message had been sent as a single fragment". Which messages the
     * transcript excludes (a HelloRequest, RFC 5246 §7.4.1.1; the initial ClientHello and the
     * HelloVerifyRequest of a cookie exchange, RFC 6347 §4.2.1) is the caller's decision.
     */
    void onHandshake(int type, byte[] body, byte[] transcriptBytes, long tsNanos);

    /**
     * A message could not be reassembled (too long, inconsistent fragments, cut framing);
     * {@code reason} says what and where. Whether later messages still come depends on the
     * reassembler and is documented there.
     */
    void onHandshakeError(String reason, long tsNanos);
}
