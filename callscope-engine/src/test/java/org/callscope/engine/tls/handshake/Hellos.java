package org.callscope.engine.tls.handshake;

/**
 * Hello bodies for tests. The first two are from "The Illustrated TLS 1.3 Connection"
 * (tls13.xargs.org, MIT licence), where every byte is explained: client random 00..1f, server
 * random 70..8f, session id e0..ff, SNI example.ulfheim.net, x25519 key shares.
 */
final class Hellos {
    static final byte[] ILLUSTRATED_TLS13_CLIENT_HELLO = Wire.hex(
            "0303000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20e0e1e2e3e4e5e6e7e8e9eaebec"
            + "edeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff0006130113021303010000770000001800160000136578616d706c652e"
            + "756c666865696d2e6e6574000a00080006001d00170018000d0014001204030804040105030805050108060601020100"
            + "3300260024001d0020358072d6365880d1aeea329adf9121383851ed21a28e3b75e965d0d2cd166254002d0002010100"
            + "2b0003020304");
    static final byte[] ILLUSTRATED_TLS13_SERVER_HELLO = Wire.hex(
            "0303707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f20e0e1e2e3e4e5e6e7e8e9eaebec"
            + "edeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff130100002e00330024001d00209fd7ad6dcff4298dd3f96d5b1b2af910"
            + "a0535b1488d7f8fabb349a982880b615002b00020304");
    /** RFC 8446 §4.1.3: the random of a HelloRetryRequest. */
    static final String HRR_RANDOM = "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c";

    private Hellos() {
    }

    static byte[] random(int first) {
        byte[] r = new byte[32];
        for (int i = 0; i < 32; i++) {
            r[i] = (byte) (first + i);
        }
        return r;
    }

    /** A ClientHello up to and including its compression methods; extensions are appended by the caller. */
    static Wire clientHelloHead(int version, byte[] sessionId, byte[] cookie, int... suites) {
        Wire w = new Wire().u16(version).bytes(random(0)).vec8(sessionId);
        if (cookie != null) {
            w.vec8(cookie);
        }
        w.u16(suites.length * 2);
        for (int s : suites) {
            w.u16(s);
        }
        return w.u8(1).u8(0);
    }

    static Wire serverHelloHead(int version, byte[] random, int suite) {
        return new Wire().u16(version).bytes(random).vec8(new byte[0]).u16(suite).u8(0);
    }
}
