package org.callscope.engine.tls.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.HexFormat;
import java.util.function.Supplier;
import org.callscope.engine.tls.TlsVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Any single flipped bit of a protected record is refused, for every kind of record protection. */
class RecordTamperTest {
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest(name = "{0} 0x{1} etm={2}")
    @CsvSource({
        "TLS_1_2, 0005, false",   // stream: RC4 + HMAC-SHA1
        "TLS_1_0, 002f, false",   // CBC, chained IV, MAC-then-encrypt
        "TLS_1_2, 003c, false",   // CBC, explicit IV, HMAC-SHA256
        "TLS_1_2, c014, true",    // CBC encrypt-then-MAC
        "TLS_1_2, 009c, false",   // AES-GCM
        "TLS_1_2, c09c, false",   // AES-CCM
        "TLS_1_2, c0a0, false",   // AES-CCM-8
        "TLS_1_2, cca8, false",   // ChaCha20-Poly1305
    })
    void everyFlippedBitIsRefused(TlsVersion v, String id, boolean etm) throws Exception {
        CipherSuite s = CipherSuites.byId(Integer.parseInt(id, 16));
        TestSender sender = new TestSender(v, s, etm);
        byte[] record = sender.seal(0, 23, "attack at dawn, bring snacks".getBytes());
        assertEveryFlipRefused(sender::receiver, record, v.code());
    }

    /** RFC 8448's client Finished (TLS 1.3, AES-128-GCM). */
    @Test
    void tls13RecordWithAFlippedBitIsRefused() throws Exception {
        byte[] secret = HEX.parseHex("b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21");
        byte[] record = HEX.parseHex("75ec4dc238cce60b298044a71e219c56cc77b0517fe9b93c7a4bfc44d87f38f80338ac98fc46deb384bd1caeacab6867d726c40546");
        assertEveryFlipRefused(() -> RecordDecryptors.tls13(CipherSuites.byId(0x1301), secret), record, 0x0303);
    }

    /** tls12.xargs.org's "ping" (capture frame 13), AES-128-CBC-SHA with explicit IV. */
    @Test
    void capturedCbcRecordWithAFlippedBitIsRefused() throws Exception {
        byte[] master = HEX.parseHex("916abf9da55973e13614ae0a3f5d3f37b023ba129aee02cc9134338127cd7049781c8e19fc1eb2a7387ac06ae237344c");
        byte[] ping = HEX.parseHex("000102030405060708090a0b0c0d0e0f6c421c71c42b183bfa06195d133d0a09d00fc7cb4e0f5d1cda59d147ec790c99");
        Supplier<RecordDecryptor> atSequenceOne = () -> {
            RecordDecryptor d = RecordDecryptors.tls12(TlsVersion.TLS_1_2, CipherSuites.byId(0xc013), master,
                    PrfTest.CLIENT_RANDOM, PrfTest.SERVER_RANDOM, false).client();
            return new RecordDecryptor() {
                @Override
                public TlsPlaintext open(int type, int version, byte[] f, int off, int len) throws RecordDecryptException {
                    return d.open(1, type, version, f, off, len);
                }

                @Override
                public TlsPlaintext open(long seq, int type, int version, byte[] f, int off, int len) throws RecordDecryptException {
                    return d.open(seq, type, version, f, off, len);
                }
            };
        };
        assertEveryFlipRefused(atSequenceOne, ping, 0x0303);
    }

    @ParameterizedTest(name = "{0} 0x{1}")
    @CsvSource({"TLS_1_2, 0005", "TLS_1_0, 002f", "TLS_1_2, 002f", "TLS_1_2, 009c", "TLS_1_2, c09c", "TLS_1_2, cca8"})
    void aFailedRecordStillConsumesItsSequenceNumber(TlsVersion v, String id) throws Exception {
        CipherSuite s = CipherSuites.byId(Integer.parseInt(id, 16));
        TestSender sender = new TestSender(v, s, false);
        RecordDecryptor receiver = sender.receiver();
        byte[] first = sender.seal(0, 23, "first".getBytes());
        byte[] second = sender.seal(1, 23, "second".getBytes());
        first[0] ^= 1;
        assertThatThrownBy(() -> receiver.open(23, v.code(), first, 0, first.length)).isInstanceOf(RecordDecryptException.class);
        assertThat(receiver.open(23, v.code(), second, 0, second.length).data()).isEqualTo("second".getBytes());
    }

    @Test
    void reasonsNameWhatFailed() throws Exception {
        TestSender gcm = new TestSender(TlsVersion.TLS_1_2, CipherSuites.byId(0x009c), false);
        byte[] r = gcm.seal(0, 23, "x".getBytes());
        r[r.length - 1] ^= 1;
        assertThat(reason(gcm.receiver(), r)).isEqualTo("authentication tag mismatch");
        assertThat(reason(gcm.receiver(), new byte[10])).isEqualTo("record too short");

        TestSender cbc = new TestSender(TlsVersion.TLS_1_2, CipherSuites.byId(0x002f), false);
        byte[] c = cbc.seal(0, 23, "y".getBytes());
        c[20] ^= 1;
        assertThat(reason(cbc.receiver(), c)).isEqualTo("bad record MAC");
        assertThat(reason(cbc.receiver(), new byte[63])).isEqualTo("record not a whole number of cipher blocks");

        TestSender rc4 = new TestSender(TlsVersion.TLS_1_2, CipherSuites.byId(0x0005), false);
        byte[] s = rc4.seal(0, 23, "z".getBytes());
        s[0] ^= 1;
        assertThat(reason(rc4.receiver(), s)).isEqualTo("bad record MAC");
    }

    @Test
    void cbcPaddingThatIsNotUniformIsBadPadding() throws Exception {
        // Encrypt-then-MAC authenticates the ciphertext first, so a record whose padding bytes
        // differ reaches the padding check with a valid MAC.
        CipherSuite s = CipherSuites.byId(0x002f);
        DirectionKeys k = KeyBlock.derive(TlsVersion.TLS_1_2, s, TestSender.MASTER, TestSender.CLIENT_RANDOM,
                TestSender.SERVER_RANDOM)[0];
        byte[] plain = new byte[32];
        plain[31] = 3;
        plain[30] = 3;
        plain[29] = 9;
        plain[28] = 3;
        javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/CBC/NoPadding");
        byte[] iv = new byte[16];
        aes.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(k.key(), "AES"),
                new javax.crypto.spec.IvParameterSpec(iv));
        byte[] sent = concat(iv, aes.doFinal(plain));
        byte[] mac = RecordSealer.hmac("HmacSHA1", k.macKey(), RecordSealer.hmacInput(0, 23, 0x0303, sent, 0, sent.length));
        byte[] record = concat(sent, mac);
        RecordDecryptor d = RecordDecryptors.tls12(TlsVersion.TLS_1_2, s, TestSender.MASTER, TestSender.CLIENT_RANDOM,
                TestSender.SERVER_RANDOM, true).client();
        assertThat(reason(d, record)).isEqualTo("bad padding");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String reason(RecordDecryptor d, byte[] record) {
        try {
            d.open(23, 0x0303, record, 0, record.length);
            return "opened";
        } catch (RecordDecryptException e) {
            return e.reason();
        }
    }

    private static void assertEveryFlipRefused(Supplier<RecordDecryptor> fresh, byte[] record, int version) throws Exception {
        assertThat(fresh.get().open(23, version, record, 0, record.length)).as("the untouched record opens").isNotNull();
        for (int bit = 0; bit < record.length * 8; bit++) {
            byte[] tampered = record.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            try {
                TlsPlaintext p = fresh.get().open(23, version, tampered, 0, tampered.length);
                fail("bit " + bit + " flipped, yet the record opened to " + HEX.formatHex(p.data()));
            } catch (RecordDecryptException expected) {
                assertThat(expected.reason()).isNotBlank();
            }
        }
    }
}
