package org.callscope.engine.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.srtp.PublishedVectors.hex;
import static org.callscope.engine.srtp.PublishedVectors.hexAfter;
import static org.callscope.engine.srtp.PublishedVectors.section;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Whole SRTP and SRTCP packets from published sources: libsrtp's srtp_driver.c vectors (AES-CM
 * 128/192/256, NULL, GCM; from master keys) and RFC 7714 §16/§17 (GCM from session keys, encrypted
 * and tag-only). The test sender reproduces libsrtp's packets, which vouches for it elsewhere.
 */
class PublishedPacketsTest {
    private static final String DRIVER = "libsrtp-test-vectors/srtp_driver_vectors.json";
    private static final String RFC7714_RTP = "rfc-test-vectors/rfc7714-section16-rtp-vectors.txt";
    private static final String RFC7714_RTCP = "rfc-test-vectors/rfc7714-section17-rtcp-vectors.txt";

    @Test
    void libsrtpDriverVectorsDecryptAndTheTestSenderReproducesThem() {
        List<Map<String, String>> vectors = PublishedVectors.jsonObjects(DRIVER);
        assertThat(vectors).hasSize(5);
        int rtcp = 0;
        for (Map<String, String> v : vectors) {
            String name = v.get("test");
            SrtpPolicy policy = SrtpPolicy.of(masterKey(v));
            SrtpContext context = new SrtpContext(policy);
            byte[] plain = hex(v.containsKey("srtp_plaintext_ref") ? v.get("srtp_plaintext_ref") : v.get("rtp_plaintext_ref"));
            byte[] srtp = hex(v.get("srtp_ciphertext"));
            byte[] out = new byte[srtp.length];
            int n = context.unprotectRtp(srtp, 0, srtp.length, out, 0);
            assertThat(n).as(name).isEqualTo(plain.length);
            assertThat(Arrays.copyOf(out, n)).as(name).isEqualTo(plain);
            assertThat(context.rolloverCounter(Long.decode(v.get("ssrc")))).as(name).isZero();
            assertThat(new SrtpProtector(policy).protectRtp(plain, 0)).as(name).isEqualTo(srtp);
            if (v.containsKey("srtcp_ciphertext")) {
                byte[] rtcpPlain = hex(v.get("rtcp_plaintext_ref"));
                byte[] srtcp = hex(v.get("srtcp_ciphertext"));
                out = new byte[srtcp.length];
                n = context.unprotectRtcp(srtcp, 0, srtcp.length, out, 0);
                assertThat(n).as(name + " SRTCP").isEqualTo(rtcpPlain.length);
                assertThat(Arrays.copyOf(out, n)).as(name + " SRTCP").isEqualTo(rtcpPlain);
                boolean encrypted = policy.suite().cipher() != SrtpSuite.Cipher.NULL;
                assertThat(new SrtpProtector(policy).protectRtcp(rtcpPlain, 1, encrypted)).as(name + " SRTCP").isEqualTo(srtcp);
                rtcp++;
            }
        }
        assertThat(rtcp).isEqualTo(3);
    }

    @Test
    void everyFlippedBitOfTheLibsrtpPacketsFailsAndLeavesOutputUntouched() {
        for (Map<String, String> v : PublishedVectors.jsonObjects(DRIVER)) {
            SrtpPolicy policy = SrtpPolicy.of(masterKey(v));
            String name = v.get("test");
            byte[] srtp = hex(v.get("srtp_ciphertext"));
            check(name, policy, srtp, false);
            if (v.containsKey("srtcp_ciphertext")) {
                check(name + " SRTCP", policy, hex(v.get("srtcp_ciphertext")), true);
            }
        }
    }

    private static void check(String name, SrtpPolicy policy, byte[] packet, boolean rtcp) {
        SrtpContext context = new SrtpContext(policy);
        byte[] out = new byte[packet.length];
        for (int bit = 0; bit < packet.length * 8; bit++) {
            byte[] damaged = packet.clone();
            damaged[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
            Arrays.fill(out, (byte) 0x77);
            int n = rtcp ? context.unprotectRtcp(damaged, 0, damaged.length, out, 0) : context.unprotectRtp(damaged, 0, damaged.length, out, 0);
            assertThat(n).as("%s bit %d", name, bit).isIn(SrtpContext.AUTH_FAILED, SrtpContext.MALFORMED);
            if (bit >= 16) {
                // Past the version bits only the tag check can refuse it.
                assertThat(n).as("%s bit %d", name, bit).isEqualTo(SrtpContext.AUTH_FAILED);
            }
            byte[] untouched = new byte[packet.length];
            Arrays.fill(untouched, (byte) 0x77);
            assertThat(out).as("%s bit %d", name, bit).isEqualTo(untouched);
        }
    }

    @Test
    void rfc7714RtpVectorsFromSessionKeys() {
        String text = PublishedVectors.text(RFC7714_RTP);
        for (String[] s : new String[][] {
            {"16.1.1.  SRTP AEAD_AES_128_GCM Encryption", "Encrypted and tagged packet:", "Encrypting the following packet:"},
            {"16.1.2.  SRTP AEAD_AES_128_GCM Decryption", "Decrypting the following packet:", null},
            {"16.2.1.  SRTP AEAD_AES_256_GCM Encryption", "Encrypted and tagged packet:", "Encrypting the following packet:"},
            {"16.2.2.  SRTP AEAD_AES_256_GCM Decryption", "Decrypting the following packet:", null},
            {"16.1.3.  SRTP AEAD_AES_128_GCM Authentication Tagging", "Tagged packet:", "Tagging the following packet:"},
            {"16.1.4.  SRTP AEAD_AES_128_GCM Tag Verification", "Verifying the following packet:", null},
            {"16.2.3.  SRTP AEAD_AES_256_GCM Authentication Tagging", "Tagged packet:", "Tagging the following packet:"},
            {"16.2.4.  SRTP AEAD_AES_256_GCM Tag Verification", "Verifying the following packet:", null},
        }) {
            int at = section(text, s[0]);
            boolean tagOnly = s[0].contains("Tag");
            byte[] srtp = hexAfter(text, at, s[1]);
            // The plaintext packet is the same in every section: §16's opening example.
            byte[] expected = s[2] != null ? hexAfter(text, at, s[2]) : hexAfter(text, 0, "upon the same RTP packet");
            SrtpContext context = sessionKeyContext(text, at, !tagOnly);
            byte[] out = new byte[srtp.length];
            int n = context.unprotectRtp(srtp, 0, srtp.length, out, 0);
            assertThat(n).as(s[0]).isEqualTo(expected.length);
            assertThat(Arrays.copyOf(out, n)).as(s[0]).isEqualTo(expected);
            srtp[srtp.length - 1] ^= 1;
            assertThat(context.unprotectRtp(srtp, 0, srtp.length, out, 0)).as(s[0]).isEqualTo(SrtpContext.AUTH_FAILED);
        }
    }

    @Test
    void rfc7714RtcpVectorsFromSessionKeys() {
        String text = PublishedVectors.text(RFC7714_RTCP);
        for (String[] s : new String[][] {
            {"17.1.  SRTCP AEAD_AES_128_GCM Encryption and Tagging", "Encrypted and tagged packet:", "Encrypting the following packet:"},
            {"17.2.  SRTCP AEAD_AES_256_GCM Verification and Decryption", "Decrypting the following packet:", "Verified and decrypted packet:"},
            {"17.3.  SRTCP AEAD_AES_128_GCM Tagging Only", "Tagged packet:", "Tagging the following packet:"},
            {"17.4.  SRTCP AEAD_AES_256_GCM Tag Verification", "Verifying the following packet:", "Verified packet:"},
        }) {
            int at = section(text, s[0]);
            byte[] srtcp = hexAfter(text, at, s[1]);
            byte[] expected = hexAfter(text, at, s[2]);
            SrtpContext context = sessionKeyContext(text, at, true);
            byte[] out = new byte[srtcp.length];
            int n = context.unprotectRtcp(srtcp, 0, srtcp.length, out, 0);
            assertThat(n).as(s[0]).isEqualTo(expected.length);
            assertThat(Arrays.copyOf(out, n)).as(s[0]).isEqualTo(expected);
            srtcp[srtcp.length - 1] ^= 1;
            assertThat(context.unprotectRtcp(srtcp, 0, srtcp.length, out, 0)).as(s[0]).isEqualTo(SrtpContext.AUTH_FAILED);
        }
    }

    /** RFC 7714 §16 and §17 publish session keys, not master keys: the context takes them as they are. */
    private static SrtpContext sessionKeyContext(String text, int section, boolean rtpEncrypted) {
        byte[] key = hexAfter(text, section, "Key:");
        byte[] salt = hexAfter(text, section, "salt:");
        SrtpSuite suite = key.length == 16 ? SrtpSuite.AEAD_AES_128_GCM : SrtpSuite.AEAD_AES_256_GCM;
        SrtpMasterKey unused = new SrtpMasterKey(suite, new byte[key.length], new byte[12]);
        SrtpPolicy policy = new SrtpPolicy(suite, List.of(unused), rtpEncrypted, true, true, 0);
        return new SrtpContext(policy, SessionKeys.fixed(suite, false, key, salt, new byte[0]),
                SessionKeys.fixed(suite, true, key, salt, new byte[0]));
    }

    static SrtpMasterKey masterKey(Map<String, String> v) {
        SrtpSuite suite = switch (v.get("rtp_policy")) {
            case "rtp_default" -> SrtpSuite.AES_CM_128_HMAC_SHA1_80;
            case "null_cipher_hmac_sha1_80" -> SrtpSuite.NULL_HMAC_SHA1_80;
            case "aes_gcm_128_16_auth" -> SrtpSuite.AEAD_AES_128_GCM;
            case "aes_cm_192_hmac_sha1_80" -> SrtpSuite.AES_192_CM_HMAC_SHA1_80;
            case "aes_cm_256_hmac_sha1_80" -> SrtpSuite.AES_256_CM_HMAC_SHA1_80;
            default -> throw new AssertionError("unknown policy " + v.get("rtp_policy"));
        };
        byte[] material = hex(v.get("key_material_hex"));
        int k = suite.masterKeyLength();
        return new SrtpMasterKey(suite, Arrays.copyOf(material, k), Arrays.copyOfRange(material, k, k + suite.masterSaltLength()));
    }
}
