package org.callscope.engine.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.srtp.PublishedVectors.hex;
import static org.callscope.engine.srtp.PublishedVectors.hexAfter;
import static org.callscope.engine.srtp.PublishedVectors.section;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * AES counter mode, GHASH/GCM and HMAC-SHA1 as the engine builds them, against RFC 3711 B.2,
 * RFC 7714 §16's intermediate values, libsrtp's cipher and auth known answers, and the JDK's own
 * AES-GCM and HmacSHA1 on random input.
 */
class CipherPrimitivesTest {
    private static final String RFC3711 = "rfc-test-vectors/rfc3711-appendix-A-B.txt";
    private static final String RFC7714_RTP = "rfc-test-vectors/rfc7714-section16-rtp-vectors.txt";
    private static final String CIPHER_AUTH = "libsrtp-test-vectors/cipher_auth_vectors.json";

    @Test
    void aesCounterModeKeystreamOfRfc3711B2OverAllItsBlocks() {
        String text = PublishedVectors.text(RFC3711);
        int b2 = section(text, "B.2.  AES-CM Test Vectors");
        byte[] key = hexAfter(text, b2, "Session Key:");
        byte[] offset = hexAfter(text, b2, "Offset:");
        int blocks = 65282;
        byte[] keystream = new byte[blocks * 16];
        new AesCounterMode(key, key.length).xor(offset, keystream, 0, keystream, 0, keystream.length);
        String table = text.substring(text.indexOf("Counter                            Keystream", b2), text.indexOf("Nota Bene", b2));
        int rows = 0;
        for (String line : table.split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length == 2 && cols[0].length() == 32 && !cols[0].equals("Counter")) {
                int block = Integer.parseInt(cols[0].substring(28), 16);
                assertThat(PublishedVectors.hex(keystream, block * 16, 16)).as("block %04x", block).isEqualToIgnoringCase(cols[1]);
                rows++;
            }
        }
        assertThat(rows).isEqualTo(6);
    }

    @Test
    void aesIcmKnownAnswersOfLibsrtpFor128192And256BitKeys() {
        Map<String, String> v = PublishedVectors.jsonObjects(CIPHER_AUTH).get(0);
        for (int bits : new int[] {128, 192, 256}) {
            String name = "srtp_aes_icm_" + bits + "_test_case_0_";
            byte[] keyAndSalt = hex(v.get(name + "key"));
            byte[] nonce = hex(v.get(name + "nonce"));
            byte[] iv = new byte[16];
            System.arraycopy(keyAndSalt, bits / 8, iv, 0, 14);
            for (int i = 0; i < 16; i++) {
                iv[i] ^= nonce[i];
            }
            byte[] data = hex(v.get(name + "plaintext"));
            new AesCounterMode(keyAndSalt, bits / 8).xor(iv, data, 0, data, 0, data.length);
            assertThat(data).as(name).isEqualTo(hex(v.get(name + "ciphertext")));
        }
    }

    @Test
    void ghashReproducesRfc7714HashSubkeyAndGhashOfCipherAndOfTagOnly() {
        String text = PublishedVectors.text(RFC7714_RTP);
        int s = section(text, "16.1.1.  SRTP AEAD_AES_128_GCM Encryption");
        byte[] key = hexAfter(text, s, "Key:");
        byte[] h = new byte[16];
        new AesCounterMode(key, 16).encryptBlock(h, 0, h, 0);
        assertThat(h).isEqualTo(hexAfter(text, s, "H:"));
        byte[] aad = hexAfter(text, s, "AAD:");
        byte[] cipher = hexAfter(text, s, "Cipher before tag appended");
        Ghash g = new Ghash();
        g.init(h, 0);
        g.update(aad, 0, aad.length);
        g.padBlock();
        g.update(cipher, 0, cipher.length);
        byte[] ghash = new byte[16];
        g.finish(aad.length, cipher.length, ghash, 0);
        assertThat(ghash).isEqualTo(hexAfter(text, s, "GHASH:"));

        // 16.1.3: the whole packet is AAD, in pieces that cross block boundaries.
        int t = section(text, "16.1.3.  SRTP AEAD_AES_128_GCM Authentication Tagging");
        byte[] packet = hexAfter(text, t, "AAD:");
        g.reset();
        g.update(packet, 0, 5);
        g.update(packet, 5, 20);
        g.updateInt(((packet[25] & 0xffL) << 24) | (packet[26] & 0xff) << 16 | (packet[27] & 0xff) << 8 | (packet[28] & 0xff));
        g.update(packet, 29, packet.length - 29);
        g.finish(packet.length, 0, ghash, 0);
        assertThat(ghash).isEqualTo(hexAfter(text, t, "GHASH:"));
    }

    @Test
    void gcmCompositionMatchesLibsrtpKnownAnswers() throws Exception {
        Map<String, String> v = PublishedVectors.jsonObjects(CIPHER_AUTH).get(0);
        for (int bits : new int[] {128, 256}) {
            String name = "srtp_aes_gcm_" + bits + "_test_case_0_";
            byte[] key = Arrays.copyOf(hex(v.get(name + "key")), bits / 8);
            byte[] sealed = gcmSeal(key, hex(v.get(name + "iv")), hex(v.get(name + "aad")), hex(v.get(name + "plaintext")));
            assertThat(sealed).as(name).isEqualTo(hex(v.get(name + "ciphertext")));
        }
    }

    @Test
    void gcmCompositionMatchesTheJdkOnRandomInput() throws Exception {
        Random random = new Random(7714);
        for (int round = 0; round < 400; round++) {
            byte[] key = new byte[random.nextBoolean() ? 16 : 32];
            byte[] nonce = new byte[12];
            byte[] aad = new byte[random.nextInt(70)];
            byte[] plain = new byte[random.nextInt(1500)];
            random.nextBytes(key);
            random.nextBytes(nonce);
            random.nextBytes(aad);
            random.nextBytes(plain);
            Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
            jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            jdk.updateAAD(aad);
            assertThat(gcmSeal(key, nonce, aad, plain)).as("round %d", round).isEqualTo(jdk.doFinal(plain));
        }
    }

    @Test
    void hmacSha1MatchesRfc2202AndTheJdk() throws Exception {
        Map<String, String> v = PublishedVectors.jsonObjects(CIPHER_AUTH).get(0);
        byte[] key = hex(v.get("srtp_hmac_test_case_0_key"));
        byte[] data = hex(v.get("srtp_hmac_test_case_0_data"));
        HmacSha1 hmac = new HmacSha1(key, key.length);
        byte[] out = new byte[20];
        hmac.begin();
        hmac.update(data, 0, data.length);
        hmac.finish(out);
        assertThat(out).isEqualTo(hex(v.get("srtp_hmac_test_case_0_tag")));

        Random random = new Random(2202);
        for (int round = 0; round < 200; round++) {
            byte[] k = new byte[1 + random.nextInt(64)];
            byte[] m = new byte[random.nextInt(300)];
            random.nextBytes(k);
            random.nextBytes(m);
            int split = random.nextInt(m.length + 1);
            hmac.rekey(k, k.length);
            hmac.begin();
            hmac.update(m, 0, split);
            hmac.update(m, split, m.length - split);
            hmac.updateInt(round * 0x01020304L);
            hmac.finish(out);
            Mac jdk = Mac.getInstance("HmacSHA1");
            jdk.init(new SecretKeySpec(k, "HmacSHA1"));
            jdk.update(m);
            byte[] expected = jdk.doFinal(new byte[] {(byte) (round * 0x01020304L >>> 24), (byte) (round * 0x01020304L >>> 16),
                (byte) (round * 0x01020304L >>> 8), (byte) (round * 0x01020304L)});
            assertThat(out).as("round %d", round).isEqualTo(expected);
        }
    }

    /** GCM built as SrtpContext builds it: H = E(K, 0), tag = E(K, J0) XOR GHASH, counter blocks from J0 + 1. */
    private static byte[] gcmSeal(byte[] key, byte[] nonce, byte[] aad, byte[] plain) {
        AesCounterMode aes = new AesCounterMode(key, key.length);
        byte[] h = new byte[16];
        aes.encryptBlock(h, 0, h, 0);
        Ghash g = new Ghash();
        g.init(h, 0);
        byte[] counter = Arrays.copyOf(nonce, 16);
        counter[15] = 2;
        byte[] out = new byte[plain.length + 16];
        aes.xor(counter, plain, 0, out, 0, plain.length);
        g.update(aad, 0, aad.length);
        g.padBlock();
        g.update(out, 0, plain.length);
        byte[] s = new byte[16];
        g.finish(aad.length, plain.length, s, 0);
        counter[15] = 1;
        byte[] tag = new byte[16];
        aes.encryptBlock(counter, 0, tag, 0);
        for (int i = 0; i < 16; i++) {
            out[plain.length + i] = (byte) (tag[i] ^ s[i]);
        }
        return out;
    }
}
