package org.callscope.engine.tls.handshake;

/**
 * A TLS or DTLS structure does not follow its wire format. The message names the structure, the
 * field and the byte offset, for example
 * {@code "ClientHello: cipher_suites length 7 is odd at offset 35"}.
 */
public final class TlsParseException extends Exception {
    private static final long serialVersionUID = 1L;

    public TlsParseException(String message) {
        super(message);
    }
}
