package org.callscope.engine.tls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.callscope.engine.tls.TlsVersion;
import org.junit.jupiter.api.Test;

/** Published records and secrets opened with the public API. */
class KnownRecordsTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] ILLUSTRATED_MASTER = HEX.parseHex(
            "916abf9da55973e13614ae0a3f5d3f37b023ba129aee02cc9134338127cd7049781c8e19fc1eb2a7387ac06ae237344c");

    /**
     * tls12.xargs.org / illustrated-tls12 capture.pcap: client Finished (frame 11), "ping" (frame 13)
     * and close_notify; server Finished (frame 12) and "pong" (frame 15). Fragment = explicit IV ‖ ciphertext.
     */
    @Test
    void illustratedTls12RecordsOpenInSequence() throws Exception {
        ConnectionDecryptors d = RecordDecryptors.tls12(TlsVersion.TLS_1_2, CipherSuites.byId(0xc013), ILLUSTRATED_MASTER,
                PrfTest.CLIENT_RANDOM, PrfTest.SERVER_RANDOM, false);
        TlsPlaintext clientFinished = open(d.client(), 0x16, "404142434445464748494a4b4c4d4e4f"
                + "227bc9ba81ef30f2a8a78ff1df50844d5804b7eeb2e214c32b6892aca3db7b78077fdd90067c516bacb3ba90dedf720f");
        assertThat(HEX.formatHex(clientFinished.data())).isEqualTo("1400000ccf919626f1360c536aaad73a");
        TlsPlaintext ping = open(d.client(), 0x17, "000102030405060708090a0b0c0d0e0f"
                + "6c421c71c42b183bfa06195d133d0a09d00fc7cb4e0f5d1cda59d147ec790c99");
        assertThat(new String(ping.data())).isEqualTo("ping");
        TlsPlaintext alert = open(d.client(), 0x15, "101112131415161718191a1b1c1d1e1f"
                + "0d83f97904750dd8fd8aa1302186326 34fd065e4628379b88bbf9efd1287a62d".replace(" ", ""));
        assertThat(alert.contentType()).isEqualTo(0x15);
        assertThat(alert.data()).containsExactly(1, 0);

        TlsPlaintext serverFinished = open(d.server(), 0x16, "5152535455565758595a5b5c5d5e5f60"
                + "18e075317b100315f6081fcbf313781aac73efe19fe25ba1af59c20be94fc01bda2d6800298b73a7e849d74bd494cf7d");
        assertThat(HEX.formatHex(serverFinished.data())).isEqualTo("1400000c844d3c10746dd722f92f0c7e");
        TlsPlaintext pong = open(d.server(), 0x17, "6162636465666768696a6b6c6d6e6f70"
                + "9783488af5fa20bf7a2ef69debb534db9fb07a8c2721dee5409f77af0c3dde56");
        assertThat(new String(pong.data())).isEqualTo("pong");
    }

    /** RFC 8448 §3: the client's encrypted Finished under client_handshake_traffic_secret, sequence 0. */
    @Test
    void rfc8448ClientFinishedRecord() throws Exception {
        RecordDecryptor d = RecordDecryptors.tls13(CipherSuites.byId(0x1301),
                HEX.parseHex("b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21"));
        TlsPlaintext p = open(d, 0x17, "75ec4dc238cce60b298044a71e219c56cc77b0517fe9b93c7a4bfc44d87f38f80338ac98fc46deb384bd1caeacab6867d726c40546");
        assertThat(p.contentType()).isEqualTo(0x16);
        assertThat(HEX.formatHex(p.data())).isEqualTo("14000020a8ec436d677634ae525ac1fcebe11a039ec17694fac6e98527b642f2edd5ce61");
    }

    /**
     * RFC 5705/5764 exporter over DTLS 1.0 (TLS 1.0 PRF): webrtc-freeswitch's handshake, master
     * secret from its keylog's second line, expected SRTP keys from the folder's README.
     */
    @Test
    void dtlsSrtpKeyingMaterialOfWebrtcFreeswitch() {
        byte[] master = HEX.parseHex("88bcbc669662d47b02e491364bd66a218660b4c587f6680d656003aab08a3cce3061033e1f51bfdd634dc5331d7abcc3");
        byte[] clientRandom = HEX.parseHex("9be49c50e2f95dea155837afc0591886dcc95ec6522f88cd8729468bbfffab95");
        byte[] serverRandom = HEX.parseHex("42640e679f0712796001ef3ac620aaf7b52029484f61e5c803e478b46c51c416");
        byte[] km = RecordDecryptors.exportKeyingMaterial(TlsVersion.DTLS_1_0, CipherSuites.byId(0xc013), master,
                "EXTRACTOR-dtls_srtp", clientRandom, serverRandom, 60);
        String hex = HEX.formatHex(km);
        assertThat(hex.substring(0, 32)).isEqualTo("76f3c0dc707956947e4988a3c6ea5f94");
        assertThat(hex.substring(32, 64)).isEqualTo("dab6010d0787ffa2a1ee2015bf326bd4");
        assertThat(hex.substring(64, 92)).isEqualTo("ec5e6ee59d0ebf1f06646c268d64");
        assertThat(hex.substring(92, 120)).isEqualTo("e04008290c66e7d5d6935a1567f2");
    }

    @Test
    void exporterContextChangesTheOutputAndSsl3HasNoExporter() {
        byte[] master = new byte[48];
        byte[] r = new byte[32];
        CipherSuite s = CipherSuites.byId(0xc02f);
        byte[] none = RecordDecryptors.exportKeyingMaterial(TlsVersion.TLS_1_2, s, master, "EXPERIMENTAL x", r, r, 32);
        byte[] empty = RecordDecryptors.exportKeyingMaterial(TlsVersion.TLS_1_2, s, master, "EXPERIMENTAL x", r, r, new byte[0], 32);
        assertThat(empty).isNotEqualTo(none);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RecordDecryptors.exportKeyingMaterial(TlsVersion.SSL_3_0,
                CipherSuites.byId(0x0005), master, "x", r, r, 16)).isInstanceOf(IllegalArgumentException.class);
    }

    static TlsPlaintext open(RecordDecryptor d, int type, String fragmentHex) throws RecordDecryptException {
        byte[] f = HEX.parseHex(fragmentHex);
        return d.open(type, 0x0303, f, 0, f.length);
    }
}
