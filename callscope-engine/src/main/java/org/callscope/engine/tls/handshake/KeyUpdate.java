package org.callscope.engine.tls.handshake;

/** A TLS 1.3 KeyUpdate (RFC 8446 §4.6.3): the sender's next record uses its next traffic secret. */
public record KeyUpdate(boolean updateRequested) {
    private static final int UPDATE_NOT_REQUESTED = 0;
    private static final int UPDATE_REQUESTED = 1;

    /** @throws TlsParseException unless the body is one byte of 0 or 1 */
    public static KeyUpdate parse(byte[] body) throws TlsParseException {
        WireReader r = new WireReader("KeyUpdate", body, 0, body.length);
        int request = r.u8("request_update");
        r.expectEnd("request_update");
        if (request != UPDATE_NOT_REQUESTED && request != UPDATE_REQUESTED) {
            throw r.errorAt(0, "request_update " + request + " is neither 0 nor 1");
        }
        return new KeyUpdate(request == UPDATE_REQUESTED);
    }
}
