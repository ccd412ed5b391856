package org.callscope.engine.tls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HkdfTest {
    private static final HexFormat HEX = HexFormat.of();

    /** RFC 5869 Appendix A.1 (Test Case 1). */
    @Test
    void rfc5869TestCase1() {
        byte[] ikm = new byte[22];
        Arrays.fill(ikm, (byte) 0x0b);
        byte[] prk = Hkdf.extract("SHA-256", HEX.parseHex("000102030405060708090a0b0c"), ikm);
        assertThat(HEX.formatHex(prk)).isEqualTo("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
        assertThat(HEX.formatHex(Hkdf.expand("SHA-256", prk, HEX.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42)))
                .isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    }

    /** RFC 5869 Appendix A.3 (Test Case 3): empty salt means HashLen zeros. */
    @Test
    void rfc5869TestCase3EmptySalt() {
        byte[] ikm = new byte[22];
        Arrays.fill(ikm, (byte) 0x0b);
        assertThat(HEX.formatHex(Hkdf.extract("SHA-256", new byte[0], ikm)))
                .isEqualTo("19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04");
        assertThat(Hkdf.extract("SHA-256", new byte[32], ikm)).isEqualTo(Hkdf.extract("SHA-256", new byte[0], ikm));
    }

    /** RFC 8448 §3 (simple 1-RTT handshake) key schedule, TLS_AES_128_GCM_SHA256. */
    @Test
    void rfc8448KeySchedule() throws Exception {
        String h = "SHA-256";
        byte[] empty = MessageDigest.getInstance("SHA-256").digest();
        byte[] early = Hkdf.extract(h, new byte[0], new byte[32]);
        assertThat(HEX.formatHex(early)).isEqualTo("33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a");
        byte[] derived = Hkdf.expandLabel(h, early, "derived", empty, 32);
        assertThat(HEX.formatHex(derived)).isEqualTo("6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba");
        byte[] shared = HEX.parseHex("8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d");
        byte[] handshake = Hkdf.extract(h, derived, shared);
        assertThat(HEX.formatHex(handshake)).isEqualTo("1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac");
        byte[] helloHash = HEX.parseHex("860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8");
        assertThat(HEX.formatHex(Hkdf.expandLabel(h, handshake, "c hs traffic", helloHash, 32)))
                .isEqualTo("b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21");
        assertThat(HEX.formatHex(Hkdf.expandLabel(h, handshake, "s hs traffic", helloHash, 32)))
                .isEqualTo("b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38");
        byte[] master = Hkdf.extract(h, Hkdf.expandLabel(h, handshake, "derived", empty, 32), new byte[32]);
        assertThat(HEX.formatHex(master)).isEqualTo("18df06843d13a08bf2a449844c5f8a478001bc4d4c627984d5a41da8d0402919");
        byte[] serverFinishedHash = HEX.parseHex("9608102a0f1ccc6db6250b7b7e417b1a000eaada3daae4777a7686c9ff83df13");
        assertThat(HEX.formatHex(Hkdf.expandLabel(h, master, "c ap traffic", serverFinishedHash, 32)))
                .isEqualTo("9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5");
        assertThat(HEX.formatHex(Hkdf.expandLabel(h, master, "s ap traffic", serverFinishedHash, 32)))
                .isEqualTo("a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643");
    }

    /** RFC 8448 §3: write key and IV of each traffic secret. */
    @Test
    void rfc8448TrafficKeysAndIvs() {
        assertKeyIv("b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38", "3fce516009c21727d0f2e4e86ee403bc",
                "5d313eb2671276ee13000b30");
        assertKeyIv("b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21", "dbfaa693d1762c5b666af5d950258d01",
                "5bd3c71b836e0b76bb73265f");
        assertKeyIv("a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643", "9f02283b6c9c07efc26bb9f2ac92e356",
                "cf782b88dd83549aadf1e984");
        assertKeyIv("9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5", "17422dda596ed5d9acd890e3c63f5051",
                "5b78923dee08579033e523d9");
    }

    private static void assertKeyIv(String secret, String key, String iv) {
        byte[] s = HEX.parseHex(secret);
        assertThat(HEX.formatHex(Hkdf.expandLabel("SHA-256", s, "key", new byte[0], 16))).isEqualTo(key);
        assertThat(HEX.formatHex(Hkdf.expandLabel("SHA-256", s, "iv", new byte[0], 12))).isEqualTo(iv);
    }
}
