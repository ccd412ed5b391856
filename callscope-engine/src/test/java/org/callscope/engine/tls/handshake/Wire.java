package org.callscope.engine.tls.handshake;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/** Writes TLS presentation-language structures for tests: integers and length-prefixed vectors. */
final class Wire {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    Wire u8(int v) {
        out.write(v);
        return this;
    }

    Wire u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    Wire u24(int v) {
        return u8(v >>> 16).u16(v);
    }

    Wire u32(long v) {
        return u16((int) (v >>> 16)).u16((int) v);
    }

    Wire bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    Wire bytes(String hex) {
        return bytes(hex(hex));
    }

    Wire vec8(byte[] b) {
        return u8(b.length).bytes(b);
    }

    Wire vec16(byte[] b) {
        return u16(b.length).bytes(b);
    }

    Wire vec16(Wire w) {
        return vec16(w.toByteArray());
    }

    /** One extension: type and its data with a 2-byte length. */
    Wire ext(int type, Wire data) {
        return u16(type).vec16(data);
    }

    Wire ext(int type, String hexData) {
        return u16(type).vec16(hex(hexData));
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    /** A handshake message: type, 24-bit length, body (RFC 8446 §4). */
    static byte[] message(int type, byte[] body) {
        return new Wire().u8(type).u24(body.length).bytes(body).toByteArray();
    }
}
