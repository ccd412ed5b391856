package org.callscope.engine.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.srtp.PublishedVectors.hex;
import static org.callscope.engine.srtp.PublishedVectors.hexAfter;
import static org.callscope.engine.srtp.PublishedVectors.section;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The key derivation of RFC 3711 §4.3 against RFC 3711 B.3 and RFC 6188 §7.2/§7.4, for r = 0 and beyond. */
class SrtpKdfTest {

    @Test
    void rfc3711AppendixB3() {
        String text = PublishedVectors.text("rfc-test-vectors/rfc3711-appendix-A-B.txt");
        int b3 = section(text, "B.3.  Key Derivation Test Vectors");
        byte[] masterKey = hexAfter(text, b3, "master key:");
        byte[] masterSalt = hexAfter(text, b3, "master salt: ");
        SrtpKdf kdf = new SrtpKdf(new SrtpMasterKey(SrtpSuite.AES_CM_128_HMAC_SHA1_80, masterKey, masterSalt));
        assertThat(derive(kdf, SrtpKdf.RTP_ENCRYPTION, 0, 16)).isEqualTo(hexAfter(text, b3, "cipher key:"));
        assertThat(derive(kdf, SrtpKdf.RTP_SALT, 0, 14)).isEqualTo(hexAfter(text, b3, "cipher salt:"));
        StringBuilder authKey = new StringBuilder();
        String table = text.substring(text.indexOf("auth key                           AES input blocks", b3));
        for (String line : table.split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length == 2 && cols[1].length() == 32 && cols[1].startsWith("0EC675AD")) {
                authKey.append(cols[0]);
            }
        }
        assertThat(authKey.length()).isEqualTo(2 * 94);
        assertThat(derive(kdf, SrtpKdf.RTP_AUTHENTICATION, 0, 20)).isEqualTo(Arrays.copyOf(hex(authKey.toString()), 20));
    }

    /** RFC 6188 §7.4 (AES-192) and §7.2 (AES-256), quoted in the vectors' README: the KDF runs AES of the key's size. */
    @Test
    void rfc6188AesCm192And256() {
        SrtpKdf k192 = new SrtpKdf(new SrtpMasterKey(SrtpSuite.AES_192_CM_HMAC_SHA1_80,
                hex("73edc66c4fa15776fb57f9505c17136550ffda71f3e8e5f1"), hex("c8522f3acd4ce86d5add78edbb11")));
        assertThat(derive(k192, SrtpKdf.RTP_ENCRYPTION, 0, 24)).isEqualTo(hex("31874736a8f1143870c26e4857d8a5b2c4a354407faadabb"));
        assertThat(derive(k192, SrtpKdf.RTP_SALT, 0, 14)).isEqualTo(hex("2372b82d639b6d8503a47adc0a6c"));
        assertThat(derive(k192, SrtpKdf.RTP_AUTHENTICATION, 0, 20)).isEqualTo(hex("355b10973cd95b9eacf4061c7e1a7151e7cfbfcb"));

        SrtpKdf k256 = new SrtpKdf(new SrtpMasterKey(SrtpSuite.AES_256_CM_HMAC_SHA1_80,
                hex("f0f04914b513f2763a1b1fa130f10e2998f6f6e43e4309d1e622a0e332b9f1b6"), hex("3b04803de51ee7c96423ab5b78d2")));
        assertThat(derive(k256, SrtpKdf.RTP_ENCRYPTION, 0, 32))
                .isEqualTo(hex("5ba1064e30ec51613cad926c5a28ef731ec7fb397f70a960653caf06554cd8c4"));
        assertThat(derive(k256, SrtpKdf.RTP_SALT, 0, 14)).isEqualTo(hex("fa31791685ca444a9e07c6c64e93"));
        assertThat(derive(k256, SrtpKdf.RTP_AUTHENTICATION, 0, 20)).isEqualTo(hex("fd9c32d39ed5fbb5a9dc96b30818454d1313dc05"));
    }

    /** The session keys the capture READMEs list for their master keys (an independent implementation derived them). */
    @Test
    void sessionKeysOfTheSharedCaptures() {
        SrtpKdf marseillaise = new SrtpKdf(new SrtpMasterKey(SrtpSuite.AES_CM_128_HMAC_SHA1_80,
                hex("69206b6e6f7720616c6c20796f757220"), hex("6c6974746c652073656372657473")));
        assertThat(derive(marseillaise, SrtpKdf.RTP_ENCRYPTION, 0, 16)).isEqualTo(hex("a5d13317c37dc167167509b5e60f29ed"));
        assertThat(derive(marseillaise, SrtpKdf.RTP_AUTHENTICATION, 0, 20)).isEqualTo(hex("9b2afa150d7f09393762cf01f7d974f668e3acff"));
        assertThat(derive(marseillaise, SrtpKdf.RTP_SALT, 0, 14)).isEqualTo(hex("92ab0d358d90f90c1d8fd1edbf74"));
    }

    /** For r other than 0 the engine's KDF agrees with the test sender's, written on the JDK's AES-CTR. */
    @Test
    void labelsAndRAgreeWithAnIndependentDerivation() {
        for (SrtpSuite suite : SrtpSuite.values()) {
            byte[] key = new byte[suite.masterKeyLength()];
            byte[] salt = new byte[suite.masterSaltLength()];
            Arrays.fill(key, (byte) 0x5a);
            Arrays.fill(salt, (byte) 0xa5);
            SrtpMasterKey master = new SrtpMasterKey(suite, key, salt);
            SrtpKdf kdf = new SrtpKdf(master);
            for (long r : new long[] {0, 1, 0xabcdef, 0xffffffffffffL}) {
                for (int label = 0; label <= 5; label++) {
                    assertThat(derive(kdf, label, r, 32)).as("%s label %d r %x", suite, label, r)
                            .isEqualTo(SrtpProtector.kdf(master, label, r, 32));
                }
            }
        }
    }

    private static byte[] derive(SrtpKdf kdf, int label, long r, int length) {
        byte[] out = new byte[length];
        kdf.derive(label, r, out, length);
        return out;
    }
}
