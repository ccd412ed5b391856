package org.callscope.engine.tls.handshake;

/** The RSA ClientKeyExchange (RFC 5246 §7.4.7.1, RFC 6101 §5.6.7.1): the encrypted pre-master secret. */
public final class ClientKeyExchange {
    private ClientKeyExchange() {
    }

    /**
     * The RSA-encrypted pre-master secret of a ClientKeyExchange body. SSL 3.0 sends it bare, the
     * whole body; TLS 1.0 and later prefix it with a 2-byte length that must cover the rest of the body.
     *
     * @throws TlsParseException when the body is empty or its length prefix disagrees with it
     */
    public static byte[] encryptedPreMaster(byte[] body, boolean ssl3) throws TlsParseException {
        WireReader r = new WireReader("ClientKeyExchange", body, 0, body.length);
        if (ssl3) {
            if (body.length == 0) {
                throw r.error("encrypted pre-master secret is empty");
            }
            return r.bytes("EncryptedPreMasterSecret", body.length);
        }
        byte[] encrypted = r.vector16("EncryptedPreMasterSecret", 1, 0xffff);
        r.expectEnd("EncryptedPreMasterSecret");
        return encrypted;
    }
}
