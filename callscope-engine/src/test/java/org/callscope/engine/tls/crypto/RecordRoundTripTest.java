package org.callscope.engine.tls.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.callscope.engine.tls.TlsVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Records sealed by {@link RecordSealer} per the RFCs and opened by the decryptors, several in a row. */
class RecordRoundTripTest {

    @ParameterizedTest(name = "{0} 0x{1} etm={2}")
    @CsvSource({
        "TLS_1_0, 0005, false", "TLS_1_2, 0005, false",
        "TLS_1_0, 002f, false", "TLS_1_1, 002f, false", "TLS_1_2, 002f, false", "TLS_1_2, 003d, false",
        "TLS_1_0, 002f, true", "TLS_1_2, c013, true", "TLS_1_2, c028, true",
        "TLS_1_2, 009c, false", "TLS_1_2, c030, false",
        "TLS_1_2, c09c, false", "TLS_1_2, c09d, false", "TLS_1_2, c0a0, false", "TLS_1_2, c0af, false",
        "TLS_1_2, cca8, false", "TLS_1_2, ccaa, false",
        "DTLS_1_0, 002f, false", "DTLS_1_2, c02b, false",
    })
    void recordsOpenInOrder(TlsVersion v, String id, boolean etm) throws Exception {
        CipherSuite s = CipherSuites.byId(Integer.parseInt(id, 16));
        TestSender sender = new TestSender(v, s, etm);
        RecordDecryptor receiver = sender.receiver();
        for (int seq = 0; seq < 5; seq++) {
            byte[] content = ("record " + seq + " " + "x".repeat(seq * 7)).getBytes(StandardCharsets.US_ASCII);
            byte[] record = sender.seal(seq, 23, content);
            TlsPlaintext p = receiver.open(23, v.code(), record, 0, record.length);
            assertThat(p.contentType()).isEqualTo(23);
            assertThat(p.data()).as("record %d of %s", seq, s).isEqualTo(content);
        }
    }

    @Test
    void emptyContentOpens() throws Exception {
        TestSender sender = new TestSender(TlsVersion.TLS_1_2, CipherSuites.byId(0x002f), false);
        RecordDecryptor receiver = sender.receiver();
        byte[] record = sender.seal(0, 23, new byte[0]);
        assertThat(receiver.open(23, 0x0303, record, 0, record.length).data()).isEmpty();
    }

    @Test
    void dtlsExplicitSequenceNumbersIncludeTheEpochAndLeaveTheImplicitCounterAlone() throws Exception {
        CipherSuite s = CipherSuites.byId(0xc02b);
        TestSender sender = new TestSender(TlsVersion.DTLS_1_2, s, false);
        RecordDecryptor receiver = sender.receiver();
        long epoch1seq7 = 1L << 48 | 7;
        byte[] record = sender.seal(epoch1seq7, 23, "dtls".getBytes());
        assertThat(receiver.open(epoch1seq7, 23, 0xfefd, record, 0, record.length).data()).isEqualTo("dtls".getBytes());
        assertThatThrownBy(() -> receiver.open(7, 23, 0xfefd, record, 0, record.length))
                .isInstanceOf(RecordDecryptException.class).hasMessageContaining("authentication tag mismatch");
        byte[] first = sender.seal(0, 22, "implicit zero".getBytes());
        assertThat(receiver.open(22, 0xfefd, first, 0, first.length).data()).isEqualTo("implicit zero".getBytes());
    }

    @Test
    void fragmentMayStartInsideALargerArray() throws Exception {
        TestSender sender = new TestSender(TlsVersion.TLS_1_2, CipherSuites.byId(0xcca8), false);
        byte[] record = sender.seal(0, 23, "offset".getBytes());
        byte[] framed = new byte[record.length + 9];
        System.arraycopy(record, 0, framed, 5, record.length);
        assertThat(sender.receiver().open(23, 0x0303, framed, 5, record.length).data()).isEqualTo("offset".getBytes());
    }

    @ParameterizedTest(name = "0x{0}")
    @CsvSource({"1301", "1302", "1303", "1304", "1305"})
    void tls13StripsPaddingAndReturnsTheInnerType(String id) throws Exception {
        CipherSuite s = CipherSuites.byId(Integer.parseInt(id, 16));
        byte[] secret = new byte[Hkdf.hashLength(s.prfHash())];
        secret[0] = 7;
        byte[] key = Hkdf.expandLabel(s.prfHash(), secret, "key", new byte[0], s.cipher().keyLength());
        byte[] iv = Hkdf.expandLabel(s.prfHash(), secret, "iv", new byte[0], 12);
        RecordDecryptor d = RecordDecryptors.tls13(s, secret);
        for (int seq = 0; seq < 3; seq++) {
            byte[] body = RecordSealer.tls13(s.cipher(), key, iv, seq, 22, ("hs" + seq).getBytes(), seq * 5);
            TlsPlaintext p = d.open(23, 0x0303, body, 0, body.length);
            assertThat(p.contentType()).isEqualTo(22);
            assertThat(new String(p.data())).isEqualTo("hs" + seq);
        }
        byte[] zeros = RecordSealer.tls13(s.cipher(), key, iv, 3, 0, new byte[0], 4);
        assertThatThrownBy(() -> d.open(23, 0x0303, zeros, 0, zeros.length)).isInstanceOf(RecordDecryptException.class)
                .extracting(e -> ((RecordDecryptException) e).reason()).isEqualTo("no content type in TLS 1.3 inner plaintext");
    }

    /** RFC 8446 §7.2: the next application traffic secret is HKDF-Expand-Label(secret, "traffic upd", "", Hash.length). */
    @Test
    void keyUpdateDerivesTheNextSecretWithTheSuiteHash() {
        byte[] secret = HexFormat.of().parseHex("9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5");
        byte[] next = RecordDecryptors.tls13NextTrafficSecret(CipherSuites.byId(0x1301), secret);
        assertThat(next).hasSize(32).isEqualTo(Hkdf.expandLabel("SHA-256", secret, "traffic upd", new byte[0], 32));
        assertThat(RecordDecryptors.tls13NextTrafficSecret(CipherSuites.byId(0x1302), new byte[48])).hasSize(48);
    }

    @Test
    void suitesThatCannotRunUnderTheVersionAreRefused() {
        byte[] m = new byte[48];
        byte[] r = new byte[32];
        assertThatThrownBy(() -> RecordDecryptors.tls12(TlsVersion.TLS_1_2, CipherSuites.byId(0x1301), m, r, r, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordDecryptors.tls12(TlsVersion.TLS_1_0, CipherSuites.byId(0x009c), m, r, r, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requires TLS 1.2");
        assertThatThrownBy(() -> RecordDecryptors.tls12(TlsVersion.DTLS_1_2, CipherSuites.byId(0x0005), m, r, r, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stream");
        assertThatThrownBy(() -> RecordDecryptors.tls12(TlsVersion.TLS_1_3, CipherSuites.byId(0x002f), m, r, r, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
