package org.callscope.engine.tls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CipherSuitesTest {
    /** Every suite of the shared captures and the common modern ones. */
    private static final int[] REQUIRED = {0x0001, 0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x0007, 0x0008, 0x0009, 0x000a, 0x0012,
        0x0013, 0x0015, 0x0016, 0x002f, 0x0032, 0x0033, 0x0035, 0x0038, 0x0039, 0x003b, 0x003c, 0x003d, 0x0041, 0x0044, 0x0045,
        0x0084, 0x0087, 0x0088, 0x0096, 0x0099, 0x009a, 0x009c, 0x009d, 0x009e, 0x009f, 0x0067, 0x006b, 0x00ba, 0x00c0,
        0xc002, 0xc003, 0xc004, 0xc005, 0xc007, 0xc008, 0xc009, 0xc00a, 0xc011, 0xc012, 0xc013, 0xc014, 0xc023, 0xc024, 0xc027,
        0xc028, 0xc02b, 0xc02c, 0xc02f, 0xc030, 0xc076, 0xc077, 0xcca8, 0xcca9, 0xccaa, 0x1301, 0x1302, 0x1303, 0x1304, 0x1305};

    @Test
    void requiredSuitesAreRegistered() {
        for (int id : REQUIRED) {
            assertThat(CipherSuites.byId(id)).as("0x%04x", id).isNotNull();
        }
        for (int id = 0xc09c; id <= 0xc0af; id++) {
            assertThat(CipherSuites.byId(id)).as("CCM suite 0x%04x", id).isNotNull();
            assertThat(CipherSuites.byId(id).cipher().aead()).isTrue();
        }
    }

    @Test
    void namesAreIanaAndUnknownCodesPrintAsHex() {
        assertThat(CipherSuites.nameOf(0x000a)).isEqualTo("TLS_RSA_WITH_3DES_EDE_CBC_SHA");
        assertThat(CipherSuites.nameOf(0x0017)).isEqualTo("TLS_DH_anon_EXPORT_WITH_RC4_40_MD5");
        assertThat(CipherSuites.nameOf(0xc0aa)).isEqualTo("TLS_PSK_DHE_WITH_AES_128_CCM_8");
        assertThat(CipherSuites.nameOf(0x1305)).isEqualTo("TLS_AES_128_CCM_8_SHA256");
        assertThat(CipherSuites.nameOf(0xabcd)).isEqualTo("0xabcd");
        assertThat(CipherSuites.byId(0xabcd)).isNull();
    }

    @Test
    void algorithmsFollowTheName() {
        assertThat(CipherSuites.byId(0x0003)).isEqualTo(new CipherSuite(0x0003, "TLS_RSA_EXPORT_WITH_RC4_40_MD5",
                KeyExchange.RSA_EXPORT, BulkCipher.RC4_40, MacAlgorithm.MD5, "SHA-256"));
        assertThat(CipherSuites.byId(0xc028)).isEqualTo(new CipherSuite(0xc028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
                KeyExchange.ECDHE, BulkCipher.AES_256_CBC, MacAlgorithm.SHA384, "SHA-384"));
        assertThat(CipherSuites.byId(0xc0a3)).isEqualTo(new CipherSuite(0xc0a3, "TLS_DHE_RSA_WITH_AES_256_CCM_8",
                KeyExchange.DHE, BulkCipher.AES_256_CCM_8, MacAlgorithm.AEAD, "SHA-256"));
        assertThat(CipherSuites.byId(0x1302)).isEqualTo(new CipherSuite(0x1302, "TLS_AES_256_GCM_SHA384",
                KeyExchange.TLS13, BulkCipher.AES_256_GCM, MacAlgorithm.AEAD, "SHA-384"));
        assertThat(CipherSuites.byId(0x0000).cipher()).isEqualTo(BulkCipher.NULL);
        assertThat(CipherSuites.byId(0x0000).mac()).isEqualTo(MacAlgorithm.NULL);
        assertThat(CipherSuites.byId(0xc00f).keyExchange()).isEqualTo(KeyExchange.ECDH);
        assertThat(CipherSuites.byId(0x0034).keyExchange()).as("DH_anon is ephemeral").isEqualTo(KeyExchange.DHE);
        assertThat(CipherSuites.byId(0x1303).tls13()).isTrue();
        assertThat(CipherSuites.byId(0xcca8).tls13()).isFalse();
    }

    @Test
    void keyExchangeProperties() {
        assertThat(KeyExchange.RSA.rsaPremaster()).isTrue();
        assertThat(KeyExchange.RSA.forwardSecret()).isFalse();
        assertThat(KeyExchange.ECDHE.forwardSecret()).isTrue();
        assertThat(KeyExchange.ECDHE.rsaPremaster()).isFalse();
        assertThat(KeyExchange.RSA_PSK.rsaPremaster()).isTrue();
    }

    @Test
    void cipherSizes() {
        assertThat(BulkCipher.AES_128_GCM.fixedIvLength()).isEqualTo(4);
        assertThat(BulkCipher.CHACHA20_POLY1305.fixedIvLength()).isEqualTo(12);
        assertThat(BulkCipher.AES_128_CCM_8.tagLength()).isEqualTo(8);
        assertThat(BulkCipher.TRIPLE_DES_EDE_CBC.blockSize()).isEqualTo(8);
        assertThat(BulkCipher.DES40_CBC.export()).isTrue();
        assertThat(BulkCipher.DES40_CBC.keyLength()).isEqualTo(5);
        assertThat(BulkCipher.DES40_CBC.finalKeyLength()).isEqualTo(8);
        assertThat(MacAlgorithm.SHA384.length()).isEqualTo(48);
    }
}
