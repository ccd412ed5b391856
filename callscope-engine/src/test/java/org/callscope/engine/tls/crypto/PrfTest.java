package org.callscope.engine.tls.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.callscope.engine.tls.TlsVersion;
import org.junit.jupiter.api.Test;

class PrfTest {
    private static final HexFormat HEX = HexFormat.of();
    static final byte[] CLIENT_RANDOM = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    static final byte[] SERVER_RANDOM = HEX.parseHex("707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f");
    static final CipherSuite ECDHE_RSA_AES128_SHA = CipherSuites.byId(0xc013);

    /** TLS 1.2 P_SHA256 vector from the IETF TLS WG list (msg03416), as BearSSL's test_crypto.c carries it. */
    @Test
    void tls12Sha256Vector() {
        byte[] out = Prf.compute(TlsVersion.TLS_1_2, CipherSuites.byId(0x003c), HEX.parseHex("9bbe436ba940f017b17652849a71db35"),
                "test label", HEX.parseHex("a0ba9f936cda311827a6f796ffd5198c"), 100);
        assertThat(HEX.formatHex(out)).isEqualTo("e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a"
                + "6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab"
                + "4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701" + "87347b66");
    }

    /** TLS 1.2 P_SHA384 vector from the same source: a _SHA384 suite switches the PRF hash. */
    @Test
    void tls12Sha384VectorForSha384Suites() {
        CipherSuite suite = CipherSuites.byId(0x009d);
        assertThat(suite.prfHash()).isEqualTo("SHA-384");
        byte[] out = Prf.compute(TlsVersion.TLS_1_2, suite, HEX.parseHex("b80b733d6ceefcdc71566ea48e5567df"), "test label",
                HEX.parseHex("cd665cf6a8447dd6ff8b27555edb7465"), 148);
        assertThat(HEX.formatHex(out)).isEqualTo("7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cd"
                + "e9ca0faa60be9fe34f82b1233c9146a0e534cb400fed2700884f9dc236f80edd"
                + "8bfa961144c9e8d792eca722a7b32fc3d416d473ebc2c5fd4abfdad05d918425"
                + "9b5bf8cd4d90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9aee6"
                + "91c8f3a26854308d5eaa3be85e0990703d73e56f");
    }

    /** TLS 1.0/1.1 MD5 ⊕ SHA-1 vector (BearSSL test_crypto.c: secret 48×0xab, seed 64×0xcd), also DTLS 1.0's PRF. */
    @Test
    void tls10Md5Sha1Vector() {
        byte[] secret = new byte[48];
        Arrays.fill(secret, (byte) 0xab);
        byte[] seed = new byte[64];
        Arrays.fill(seed, (byte) 0xcd);
        String expected = "d3d4d1e349b5d515044666d51de32bab258cb521b6b053463e354832fd976754443bcf9a296519bc289abcbc1187e4eb"
                + "d31e602353776c408aafb74cbc85eff69255f9788faa184cbb957a9819d84a5d7eb006eb459d3ae8de9810454b8b2d8f"
                + "1afbc655a8c9a013";
        for (TlsVersion v : new TlsVersion[] {TlsVersion.TLS_1_0, TlsVersion.TLS_1_1, TlsVersion.DTLS_1_0}) {
            assertThat(HEX.formatHex(Prf.compute(v, null, secret, "PRF Testvector", seed, expected.length() / 2))).as(v.name())
                    .isEqualTo(expected);
        }
    }

    /** tls12.xargs.org "Client Encryption Keys Calculation": PreMasterSecret → MasterSecret (= the keylog line). */
    @Test
    void illustratedTls12MasterSecret() {
        byte[] preMaster = HEX.parseHex("df4a291baa1eb7cfa6934b29b474baad2697e29f1f920dcc77c8a0a088447624");
        byte[] master = Prf.masterSecret(TlsVersion.TLS_1_2, ECDHE_RSA_AES128_SHA, preMaster, CLIENT_RANDOM, SERVER_RANDOM);
        assertThat(HEX.formatHex(master)).isEqualTo(
                "916abf9da55973e13614ae0a3f5d3f37b023ba129aee02cc9134338127cd7049781c8e19fc1eb2a7387ac06ae237344c");
    }

    /** tls12.xargs.org: the key block split into MAC keys, write keys and IVs. */
    @Test
    void illustratedTls12KeyBlock() {
        byte[] master = HEX.parseHex("916abf9da55973e13614ae0a3f5d3f37b023ba129aee02cc9134338127cd7049781c8e19fc1eb2a7387ac06ae237344c");
        DirectionKeys[] keys = KeyBlock.derive(TlsVersion.TLS_1_2, ECDHE_RSA_AES128_SHA, master, CLIENT_RANDOM, SERVER_RANDOM);
        assertThat(HEX.formatHex(keys[0].macKey())).isEqualTo("1b7d117c7d5f690bc263cae8ef60af0f1878acc2");
        assertThat(HEX.formatHex(keys[1].macKey())).isEqualTo("2ad8bdd8c601a617126f63540eb20906f781fad2");
        assertThat(HEX.formatHex(keys[0].key())).isEqualTo("f656d037b173ef3e11169f27231a84b6");
        assertThat(HEX.formatHex(keys[1].key())).isEqualTo("752a18e7a9fcb7cbcdd8f98dd8f769eb");
        assertThat(HEX.formatHex(keys[0].iv())).isEqualTo("a0d2550c9238eebfef5c32251abb67d6");
        assertThat(HEX.formatHex(keys[1].iv())).isEqualTo("434528db4937d540d393135e06a11bb8");
    }

    /** tls12.xargs.org: verify_data = PRF(master, "client finished", SHA-256(handshake))[12], and the server's. */
    @Test
    void illustratedTls12FinishedVerifyData() {
        byte[] master = HEX.parseHex("916abf9da55973e13614ae0a3f5d3f37b023ba129aee02cc9134338127cd7049781c8e19fc1eb2a7387ac06ae237344c");
        byte[] client = Prf.compute(TlsVersion.TLS_1_2, ECDHE_RSA_AES128_SHA, master, "client finished",
                HEX.parseHex("061dda04b3c2217ff73bd79b9cf88a2bb6ec505404aac8722db03ef417b54cb4"), 12);
        byte[] server = Prf.compute(TlsVersion.TLS_1_2, ECDHE_RSA_AES128_SHA, master, "server finished",
                HEX.parseHex("b2017ba28d0e27f03ae327456b6ff00b4d5bbf0ef7cda83ce1029b521c3e7c35"), 12);
        assertThat(HEX.formatHex(client)).isEqualTo("cf919626f1360c536aaad73a");
        assertThat(HEX.formatHex(server)).isEqualTo("844d3c10746dd722f92f0c7e");
    }

    @Test
    void sessionHashIsMd5Sha1BeforeTls12AndThePrfHashIn12() throws Exception {
        byte[] messages = "ClientHello..ClientKeyExchange".getBytes();
        byte[] md5 = MessageDigest.getInstance("MD5").digest(messages);
        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(messages);
        byte[] tls10 = Prf.sessionHash(TlsVersion.TLS_1_0, ECDHE_RSA_AES128_SHA, messages);
        assertThat(Arrays.copyOfRange(tls10, 0, 16)).isEqualTo(md5);
        assertThat(Arrays.copyOfRange(tls10, 16, 36)).isEqualTo(sha1);
        assertThat(Prf.sessionHash(TlsVersion.DTLS_1_2, CipherSuites.byId(0xc030), messages))
                .isEqualTo(MessageDigest.getInstance("SHA-384").digest(messages));
        assertThat(Prf.sessionHash(TlsVersion.TLS_1_2, ECDHE_RSA_AES128_SHA, messages))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(messages));
    }

    @Test
    void extendedMasterSecretUsesItsLabelAndTheSessionHashAsSeed() {
        byte[] preMaster = new byte[48];
        byte[] hash = new byte[32];
        byte[] ems = Prf.extendedMasterSecret(TlsVersion.TLS_1_2, ECDHE_RSA_AES128_SHA, preMaster, hash);
        assertThat(ems).hasSize(48).isEqualTo(
                Prf.compute(TlsVersion.TLS_1_2, ECDHE_RSA_AES128_SHA, preMaster, "extended master secret", hash, 48));
        assertThat(ems).isNotEqualTo(Prf.compute(TlsVersion.TLS_1_2, ECDHE_RSA_AES128_SHA, preMaster, "master secret", hash, 48));
        assertThatThrownBy(() -> Prf.extendedMasterSecret(TlsVersion.SSL_3_0, ECDHE_RSA_AES128_SHA, preMaster, hash))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SSL 3.0");
    }

    /**
     * SSL 3.0's key derivation is MD5(secret + SHA-1("A" + secret + seed)) + MD5(secret +
     * SHA-1("BB" + ...)) ...; its label is ignored. Checked here against that formula written out.
     */
    @Test
    void ssl3KeyDerivationFollowsRfc6101() throws Exception {
        byte[] secret = HEX.parseHex("0102030405");
        byte[] seed = HEX.parseHex("aabbcc");
        byte[] out = Prf.compute(TlsVersion.SSL_3_0, null, secret, "ignored", seed, 20);
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        MessageDigest sha = MessageDigest.getInstance("SHA-1");
        sha.update("BB".getBytes());
        sha.update(secret);
        sha.update(seed);
        md5.update(secret);
        md5.update(sha.digest());
        byte[] second = md5.digest();
        assertThat(Arrays.copyOfRange(out, 16, 20)).isEqualTo(Arrays.copyOfRange(second, 0, 4));
        assertThat(out).isEqualTo(Prf.compute(TlsVersion.SSL_3_0, null, secret, "other label", seed, 20));
        assertThatThrownBy(() -> Prf.compute(TlsVersion.SSL_3_0, null, secret, "", seed, 417))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Prf.compute(TlsVersion.TLS_1_3, null, secret, "x", seed, 16))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HKDF");
    }
}
