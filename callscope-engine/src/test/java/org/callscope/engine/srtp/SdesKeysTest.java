package org.callscope.engine.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.callscope.engine.srtp.PublishedVectors.hex;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.callscope.engine.sdp.MediaDescription;
import org.callscope.engine.sdp.SdpCrypto;
import org.callscope.engine.sdp.SdpParser;
import org.junit.jupiter.api.Test;

/** a=crypto to SrtpPolicy (RFC 4568 §6, §9): inline keys, lifetimes, MKIs, session parameters, and what is refused. */
class SdesKeysTest {
    /** RFC 4568 §9.1's key: base64 of the 30 ASCII bytes "YS___semctl () {\t220;}\n}\nunles". */
    private static final String RFC4568_KEY = "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";
    private static final String MARSEILLAISE_KEY = "aSBrbm93IGFsbCB5b3VyIGxpdHRsZSBzZWNyZXRz";

    @Test
    void rfc4568ExampleOfferThroughTheSdpParser() throws Exception {
        String sdp = """
                v=0\r
                o=sam 2890844526 2890842807 IN IP4 10.47.16.5\r
                s=SRTP Discussion\r
                c=IN IP4 168.2.17.12\r
                t=2873397496 2873404696\r
                m=audio 49170 RTP/SAVP 0\r
                a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4 FEC_ORDER=FEC_SRTP\r
                a=crypto:2 F8_128_HMAC_SHA1_80 inline:MTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5QUJjZGVm|2^20|1:4 FEC_ORDER=FEC_SRTP\r
                """;
        MediaDescription audio = SdpParser.parse(sdp).media().get(0);
        SrtpPolicy policy = SdesKeys.parse(audio.cryptos().get(0));
        assertThat(policy.suite()).isEqualTo(SrtpSuite.AES_CM_128_HMAC_SHA1_80);
        assertThat(policy.keys()).hasSize(1);
        SrtpMasterKey key = policy.keys().get(0);
        byte[] ascii = "YS___semctl () {\t220;}\n}\nunles".getBytes(StandardCharsets.US_ASCII);
        assertThat(key.key()).isEqualTo(java.util.Arrays.copyOf(ascii, 16));
        assertThat(key.salt()).isEqualTo(java.util.Arrays.copyOfRange(ascii, 16, 30));
        assertThat(key.lifetime()).isEqualTo(1L << 20);
        assertThat(key.mki()).isEqualTo(hex("00000001"));
        assertThat(policy.rtpEncrypted()).isTrue();
        assertThat(policy.rtcpEncrypted()).isTrue();
        assertThat(policy.rtpAuthenticated()).isTrue();
        assertThat(policy.keyDerivationRate()).isZero();

        SdpCrypto f8 = audio.cryptos().get(1);
        assertThatThrownBy(() -> SdesKeys.parse(f8)).isInstanceOf(SrtpKeyException.class)
                .hasMessage("unknown or unsupported SRTP crypto-suite 'F8_128_HMAC_SHA1_80'");
    }

    @Test
    void everySuiteWithItsKeyLength() throws Exception {
        for (SrtpSuite suite : SrtpSuite.values()) {
            byte[] material = new byte[suite.masterKeyLength() + suite.masterSaltLength()];
            for (int i = 0; i < material.length; i++) {
                material[i] = (byte) i;
            }
            String inline = "inline:" + java.util.Base64.getEncoder().encodeToString(material);
            SrtpPolicy p = SdesKeys.parse(suite.name().toLowerCase(), List.of(inline), List.of());
            assertThat(p.suite()).isEqualTo(suite);
            assertThat(p.keys().get(0).key()).isEqualTo(java.util.Arrays.copyOf(material, suite.masterKeyLength()));
            // Without base64 padding too ('=' is optional for the JDK decoder and some senders omit it).
            String unpadded = inline.replace("=", "");
            assertThat(SdesKeys.parse(suite.name(), List.of(unpadded), List.of()).keys().get(0)).isEqualTo(p.keys().get(0));
        }
    }

    @Test
    void lifetimesAndMkis() throws Exception {
        SrtpMasterKey decimal = SdesKeys.parse("AES_CM_128_HMAC_SHA1_32", List.of("inline:" + RFC4568_KEY + "|1048576"), List.of())
                .keys().get(0);
        assertThat(decimal.lifetime()).isEqualTo(1_048_576);
        assertThat(decimal.mki()).isEmpty();
        SrtpMasterKey mkiOnly = SdesKeys.parse("AES_CM_128_HMAC_SHA1_32", List.of("inline:" + RFC4568_KEY + "|258:2"), List.of())
                .keys().get(0);
        assertThat(mkiOnly.lifetime()).isZero();
        assertThat(mkiOnly.mki()).isEqualTo(hex("0102"));

        SrtpPolicy two = SdesKeys.parse("AES_CM_128_HMAC_SHA1_80",
                List.of("inline:" + RFC4568_KEY + "|2^20|1:4", "inline:" + MARSEILLAISE_KEY + "|2^20|2:4"), List.of());
        assertThat(two.keys()).hasSize(2);
        assertThat(two.mkiLength()).isEqualTo(4);
        assertThat(two.keys().get(1).mki()).isEqualTo(hex("00000002"));
        assertThat(two.keys().get(1).key()).isEqualTo(hex("69206b6e6f7720616c6c20796f757220"));
        assertThat(two.keys().get(1).salt()).isEqualTo(hex("6c6974746c652073656372657473"));
    }

    @Test
    void sessionParameters() throws Exception {
        SrtpPolicy p = SdesKeys.parse(new SdpCrypto(1, "AES_CM_128_HMAC_SHA1_80", List.of("inline:" + RFC4568_KEY),
                List.of("UNENCRYPTED_SRTP", "UNENCRYPTED_SRTCP", "UNAUTHENTICATED_SRTP", "KDR=10", "FEC_ORDER=SRTP_FEC",
                        "FEC_KEY=inline:" + MARSEILLAISE_KEY, "WSH=64", "SOMETHING_NEW=1")));
        assertThat(p.rtpEncrypted()).isFalse();
        assertThat(p.rtcpEncrypted()).isFalse();
        assertThat(p.rtpAuthenticated()).isFalse();
        assertThat(p.keyDerivationRate()).isEqualTo(1024);
        assertThat(SdesKeys.parse("AES_CM_128_HMAC_SHA1_80", List.of("inline:" + RFC4568_KEY), List.of("KDR=24")).keyDerivationRate())
                .isEqualTo(1L << 24);
        assertThat(SdesKeys.parse("AES_CM_128_HMAC_SHA1_80", List.of("inline:" + RFC4568_KEY), List.of("KDR=0")).keyDerivationRate())
                .isZero();
    }

    @Test
    void badInputIsNamedWithoutKeyText() {
        String k = RFC4568_KEY;
        refused("AES_CM_128_HMAC_SHA1_80", List.of(), List.of(), "AES_CM_128_HMAC_SHA1_80: no key params");
        refused("AES_CM_128_HMAC_SHA1_80", List.of("uri:http://example.com/" + k), List.of(),
                "AES_CM_128_HMAC_SHA1_80 key 1 of 1: key method 'uri' is not supported, only inline");
        refused("AES_CM_128_HMAC_SHA1_80", List.of("inline:" + k.substring(0, 20) + "*" + k.substring(21)), List.of(),
                "AES_CM_128_HMAC_SHA1_80 key 1 of 1: key is not valid base64");
        refused("AES_256_CM_HMAC_SHA1_80", List.of("inline:" + k), List.of(),
                "AES_256_CM_HMAC_SHA1_80 key 1 of 1: key decodes to 30 bytes, the suite needs 46 (32-byte key and 14-byte salt)");
        refused("AEAD_AES_128_GCM", List.of("inline:" + k), List.of(),
                "AEAD_AES_128_GCM key 1 of 1: key decodes to 30 bytes, the suite needs 28 (16-byte key and 12-byte salt)");
        refused("AES_CM_128_HMAC_SHA1_80", List.of("inline:" + k + "|2^x"), List.of(),
                "AES_CM_128_HMAC_SHA1_80 key 1 of 1: lifetime must be 2^N (N up to 62) or a positive decimal number");
        refused("AES_CM_128_HMAC_SHA1_80", List.of("inline:" + k + "|0"), List.of(),
                "AES_CM_128_HMAC_SHA1_80 key 1 of 1: lifetime must be 2^N (N up to 62) or a positive decimal number");
        refused("AES_CM_128_HMAC_SHA1_80", List.of("inline:" + k + "|1:0"), List.of(),
                "AES_CM_128_HMAC_SHA1_80 key 1 of 1: MKI length 0 is outside 1..128");
        refused("AES_CM_128_HMAC_SHA1_80", List.of("inline:" + k + "|1:129"), List.of(),
                "AES_CM_128_HMAC_SHA1_80 key 1 of 1: MKI length 129 is outside 1..128");
        refused("AES_CM_128_HMAC_SHA1_80", List.of("inline:" + k + "|256:1"), List.of(),
                "AES_CM_128_HMAC_SHA1_80 key 1 of 1: MKI value does not fit in 1 byte");
        refused("AES_CM_128_HMAC_SHA1_80", List.of("inline:" + k + "|a:1"), List.of(),
                "AES_CM_128_HMAC_SHA1_80 key 1 of 1: MKI must be value:length in decimal");
        refused("AES_CM_128_HMAC_SHA1_80", List.of("inline:" + k + "|1:4|2^20"), List.of(),
                "AES_CM_128_HMAC_SHA1_80 key 1 of 1: the MKI must be the last '|' field");
        refused("AES_CM_128_HMAC_SHA1_80", List.of("inline:" + k + "|2^20|1:4|x"), List.of(),
                "AES_CM_128_HMAC_SHA1_80 key 1 of 1: more than key, lifetime and MKI separated by '|'");
        refused("AES_CM_128_HMAC_SHA1_80", List.of("inline:" + k, "inline:" + MARSEILLAISE_KEY), List.of(),
                "AES_CM_128_HMAC_SHA1_80 key 1 of 2: several keys need an MKI each");
        refused("AES_CM_128_HMAC_SHA1_80", List.of("inline:" + k + "|1:4", "inline:" + MARSEILLAISE_KEY + "|2:2"), List.of(),
                "AES_CM_128_HMAC_SHA1_80 key 2 of 2: MKI length 2 differs from the first key's 4");
        refused("AES_CM_128_HMAC_SHA1_80", List.of("inline:" + k + "|1:4", "inline:" + MARSEILLAISE_KEY + "|1:4"), List.of(),
                "AES_CM_128_HMAC_SHA1_80 keys 1 and 2 have the same MKI");
        refused("AES_CM_128_HMAC_SHA1_80", List.of("inline:" + k), List.of("KDR=25"),
                "AES_CM_128_HMAC_SHA1_80: session parameter KDR=25 is not a number from 1 to 24");
        refused("AES_CM_128_HMAC_SHA1_80", List.of("inline:" + k), List.of("KDR=-1"),
                "AES_CM_128_HMAC_SHA1_80: session parameter KDR=-1 is not a number from 1 to 24");
        refused("AES_CM_128_HMAC_SHA1_80\u0000<script>" + k, List.of("inline:" + k), List.of(),
                "unknown or unsupported SRTP crypto-suite 'AES_CM_128_HMAC_SHA1_80??script?...'");
    }

    private static void refused(String suite, List<String> keys, List<String> session, String message) {
        assertThatThrownBy(() -> SdesKeys.parse(suite, keys, session)).isInstanceOf(SrtpKeyException.class)
                .hasMessage(message)
                .satisfies(e -> {
                    for (String text : new String[] {RFC4568_KEY, MARSEILLAISE_KEY}) {
                        for (int i = 0; i + 8 <= text.length(); i++) {
                            assertThat(e.getMessage()).doesNotContain(text.substring(i, i + 8));
                        }
                    }
                });
    }
}
