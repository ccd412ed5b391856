package org.callscope.engine.tls.session;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The bytes of synthetic TLS connections for the connection tests, written out from the RFCs and
 * independent of the production code: hellos (RFC 8446 §4.1, RFC 5246 §7.4.1), records, and the
 * sending side of TLS 1.3 records and TLS 1.2 AES-128-GCM records under known secrets.
 */
final class SyntheticTls {
    static final int TLS_AES_128_GCM_SHA256 = 0x1301;
    static final int TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 = 0xc02f;

    static final int CHANGE_CIPHER_SPEC = 20;
    static final int ALERT = 21;
    static final int HANDSHAKE = 22;
    static final int APPLICATION_DATA = 23;

    static final int CLIENT_HELLO = 1;
    static final int SERVER_HELLO = 2;
    static final int NEW_SESSION_TICKET = 4;
    static final int END_OF_EARLY_DATA = 5;
    static final int ENCRYPTED_EXTENSIONS = 8;
    static final int CERTIFICATE = 11;
    static final int SERVER_HELLO_DONE = 14;
    static final int CLIENT_KEY_EXCHANGE = 16;
    static final int FINISHED = 20;
    static final int KEY_UPDATE = 24;

    /** RFC 8446 §4.1.3: the random of every HelloRetryRequest, SHA-256("HelloRetryRequest"). */
    static final byte[] HELLO_RETRY_REQUEST_RANDOM = hex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");

    private SyntheticTls() {
    }

    static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }

    /** {@code n} bytes counting up from {@code first}: recognisable randoms, secrets and IDs. */
    static byte[] counting(int first, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (first + i);
        }
        return b;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A TLSPlaintext/TLSCiphertext record: type, legacy version 3.3, 16-bit length, fragment. */
    static byte[] record(int type, byte[] fragment) {
        return new Out().u8(type).u16(0x0303).vec16(fragment).bytes();
    }

    /** A handshake message: type, 24-bit length, body. */
    static byte[] handshake(int type, byte[] body) {
        return new Out().u8(type).u24(body.length).raw(body).bytes();
    }

    static byte[] changeCipherSpec() {
        return record(CHANGE_CIPHER_SPEC, new byte[] {1});
    }

    // ---- hellos -------------------------------------------------------------------------------

    /**
     * A TLS 1.3 ClientHello offering {@code TLS_AES_128_GCM_SHA256} with an x25519 key share;
     * with {@code psk} a pre_shared_key (last, as §4.2.11 requires) and with {@code earlyData} the
     * early_data extension (§4.2.10).
     */
    static byte[] clientHello13(byte[] random, byte[] sessionId, boolean earlyData, boolean psk) {
        Out ext = new Out()
                .ext(43, new Out().vec8(new Out().u16(0x0304).bytes()))
                .ext(51, new Out().vec16(new Out().u16(0x001d).vec16(counting(0x90, 32)).bytes()));
        if (earlyData) {
            ext.ext(42, new Out());
        }
        if (psk) {
            Out identities = new Out().vec16(ascii("ticket-identity")).u32(12345);
            Out binders = new Out().vec8(counting(0xb0, 32));
            ext.ext(41, new Out().vec16(identities.bytes()).vec16(binders.bytes()));
        }
        return handshake(CLIENT_HELLO, new Out().u16(0x0303).raw(random).vec8(sessionId)
                .vec16(new Out().u16(TLS_AES_128_GCM_SHA256).bytes()).vec8(new byte[] {0})
                .vec16(ext.bytes()).bytes());
    }

    /** A TLS 1.3 ServerHello choosing {@code TLS_AES_128_GCM_SHA256}, x25519; {@code pskIndex} ≥ 0 accepts a PSK. */
    static byte[] serverHello13(byte[] random, byte[] sessionId, int pskIndex) {
        return serverHello13(random, sessionId, pskIndex, TLS_AES_128_GCM_SHA256);
    }

    /** A TLS 1.3 ServerHello choosing {@code suite}. */
    static byte[] serverHello13(byte[] random, byte[] sessionId, int pskIndex, int suite) {
        Out ext = new Out()
                .ext(43, new Out().u16(0x0304))
                .ext(51, new Out().u16(0x001d).vec16(counting(0xa0, 32)));
        if (pskIndex >= 0) {
            ext.ext(41, new Out().u16(pskIndex));
        }
        return handshake(SERVER_HELLO, new Out().u16(0x0303).raw(random).vec8(sessionId).u16(suite)
                .u8(0).vec16(ext.bytes()).bytes());
    }

    /** A HelloRetryRequest (§4.1.4): a ServerHello with the fixed random, asking for a secp256r1 share. */
    static byte[] helloRetryRequest(byte[] sessionId) {
        Out ext = new Out().ext(43, new Out().u16(0x0304)).ext(51, new Out().u16(0x0017));
        return handshake(SERVER_HELLO, new Out().u16(0x0303).raw(HELLO_RETRY_REQUEST_RANDOM).vec8(sessionId)
                .u16(TLS_AES_128_GCM_SHA256).u8(0).vec16(ext.bytes()).bytes());
    }

    /** A TLS 1.2 ClientHello offering one suite, with a session ID to resume (possibly empty). */
    static byte[] clientHello12(byte[] random, byte[] sessionId, int suite) {
        return handshake(CLIENT_HELLO, new Out().u16(0x0303).raw(random).vec8(sessionId)
                .vec16(new Out().u16(suite).bytes()).vec8(new byte[] {0}).vec16(new byte[0]).bytes());
    }

    /** A TLS 1.2 ServerHello; a session ID equal to the client's means an abbreviated handshake. */
    static byte[] serverHello12(byte[] random, byte[] sessionId, int suite) {
        return serverHello(0x0303, random, sessionId, suite);
    }

    /** A ServerHello without extensions: {@code version} is the protocol version (SSL 3.0 to TLS 1.2). */
    static byte[] serverHello(int version, byte[] random, byte[] sessionId, int suite) {
        return handshake(SERVER_HELLO, new Out().u16(version).raw(random).vec8(sessionId).u16(suite).u8(0)
                .vec16(new byte[0]).bytes());
    }

    // ---- record protection --------------------------------------------------------------------

    /** One sending side of TLS 1.3 with TLS_AES_128_GCM_SHA256 (RFC 8446 §5.2, §7.3): its sequence number and KeyUpdate. */
    static final class Tls13Sender {
        private byte[] secret;
        private byte[] key;
        private byte[] iv;
        private long seq;

        Tls13Sender(byte[] trafficSecret) {
            install(trafficSecret);
        }

        private void install(byte[] trafficSecret) {
            secret = trafficSecret.clone();
            key = expandLabel(secret, "key", 16);
            iv = expandLabel(secret, "iv", 12);
            seq = 0;
        }

        /** §7.2: application_traffic_secret_N+1 = HKDF-Expand-Label(secret_N, "traffic upd", "", 32). */
        void update() {
            install(expandLabel(secret, "traffic upd", 32));
        }

        /** TLSCiphertext of {@code content ‖ type ‖ padding zeros}; the sequence number advances. */
        byte[] seal(int innerType, byte[] content) {
            byte[] inner = Arrays.copyOf(content, content.length + 1 + 3);
            inner[content.length] = (byte) innerType;
            byte[] nonce = iv.clone();
            for (int i = 0; i < 8; i++) {
                nonce[11 - i] ^= (byte) (seq >>> (8 * i));
            }
            seq++;
            int length = inner.length + 16;
            byte[] header = {APPLICATION_DATA, 3, 3, (byte) (length >>> 8), (byte) length};
            return concat(header, gcm(key, nonce, header, inner));
        }

        byte[] application(String text) {
            return seal(APPLICATION_DATA, ascii(text));
        }

        byte[] handshakeMessage(int type, byte[] body) {
            return seal(HANDSHAKE, SyntheticTls.handshake(type, body));
        }
    }

    /**
     * One sending side of a TLS 1.2 TLS_*_WITH_AES_128_GCM_SHA256 connection (RFC 5246 §6.3 key
     * block, RFC 5288 nonce): client_write_key, server_write_key, client_write_IV, server_write_IV.
     */
    static final class Tls12GcmSender {
        private final byte[] key;
        private final byte[] salt;
        private long seq;

        Tls12GcmSender(byte[] masterSecret, byte[] clientRandom, byte[] serverRandom, boolean client) {
            byte[] block = prfSha256(masterSecret, "key expansion", concat(serverRandom, clientRandom), 40);
            key = Arrays.copyOfRange(block, client ? 0 : 16, client ? 16 : 32);
            salt = Arrays.copyOfRange(block, client ? 32 : 36, client ? 36 : 40);
        }

        byte[] seal(int type, byte[] content) {
            byte[] explicit = new byte[8];
            for (int i = 0; i < 8; i++) {
                explicit[7 - i] = (byte) ((seq ^ 0x1234) >>> (8 * i));
            }
            byte[] aad = new Out().u32(seq >>> 32).u32(seq).u8(type).u16(0x0303).u16(content.length).bytes();
            seq++;
            return record(type, concat(explicit, gcm(key, concat(salt, explicit), aad, content)));
        }

        byte[] application(String text) {
            return seal(APPLICATION_DATA, ascii(text));
        }
    }

    /** RFC 8446 §7.1 HKDF-Expand-Label with SHA-256 and an empty context. */
    static byte[] expandLabel(byte[] secret, String label, int length) {
        byte[] info = new Out().u16(length).vec8(ascii("tls13 " + label)).vec8(new byte[0]).bytes();
        ByteArrayOutputStream okm = new ByteArrayOutputStream();
        byte[] t = new byte[0];
        for (int i = 1; okm.size() < length; i++) {
            t = hmac(secret, concat(t, info, new byte[] {(byte) i}));
            okm.writeBytes(t);
        }
        return Arrays.copyOf(okm.toByteArray(), length);
    }

    /** RFC 5246 §5: PRF(secret, label, seed) = P_SHA256(secret, label ‖ seed). */
    static byte[] prfSha256(byte[] secret, String label, byte[] seed, int length) {
        byte[] labelSeed = concat(ascii(label), seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] a = labelSeed;
        while (out.size() < length) {
            a = hmac(secret, a);
            out.writeBytes(hmac(secret, concat(a, labelSeed)));
        }
        return Arrays.copyOf(out.toByteArray(), length);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] gcm(byte[] key, byte[] nonce, byte[] aad, byte[] plain) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(aad);
            return c.doFinal(plain);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** Big-endian writer for TLS structures. */
    static final class Out {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Out u8(int v) {
            out.write(v);
            return this;
        }

        Out u16(int v) {
            return u8(v >>> 8).u8(v);
        }

        Out u24(int v) {
            return u8(v >>> 16).u16(v);
        }

        Out u32(long v) {
            return u16((int) (v >>> 16)).u16((int) v);
        }

        Out raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        Out vec8(byte[] b) {
            return u8(b.length).raw(b);
        }

        Out vec16(byte[] b) {
            return u16(b.length).raw(b);
        }

        /** One extension: type and its data with a 16-bit length. */
        Out ext(int type, Out data) {
            return u16(type).vec16(data.bytes());
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
