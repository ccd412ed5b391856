package org.callscope.engine.tls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.callscope.engine.tls.TlsVersion;
import org.junit.jupiter.api.Test;

/** Random, truncated and mutated fragments: decryptors answer with RecordDecryptException and nothing else. */
class RecordDecryptorFuzzTest {
    private static final int[] SUITES = {0x0001, 0x0003, 0x0004, 0x0006, 0x0007, 0x0008, 0x0009, 0x000a, 0x002f, 0x0035,
        0x003b, 0x003d, 0x0041, 0x0096, 0x009c, 0x009d, 0xc030, 0xc09c, 0xc0a3, 0xcca8};

    @Test
    void randomFragmentsNeverEscapeAsAnythingButRecordDecryptException() {
        Random random = new Random(20240917);
        int refused = 0;
        for (TlsVersion v : new TlsVersion[] {TlsVersion.SSL_3_0, TlsVersion.TLS_1_0, TlsVersion.TLS_1_2, TlsVersion.DTLS_1_2}) {
            for (int id : SUITES) {
                CipherSuite s = CipherSuites.byId(id);
                RecordDecryptor d;
                try {
                    d = RecordDecryptors.tls12(v, s, TestSender.MASTER, TestSender.CLIENT_RANDOM, TestSender.SERVER_RANDOM,
                            random.nextBoolean()).client();
                } catch (IllegalArgumentException notUsable) {
                    continue;
                }
                refused += hammer(d, random);
            }
        }
        for (int id : new int[] {0x1301, 0x1302, 0x1303, 0x1304, 0x1305}) {
            CipherSuite s = CipherSuites.byId(id);
            refused += hammer(RecordDecryptors.tls13(s, new byte[Hkdf.hashLength(s.prfHash())]), random);
        }
        assertThat(refused).isGreaterThan(10_000);
    }

    @Test
    void oversizedFragmentIsRefusedWithoutDecrypting() {
        RecordDecryptor d = RecordDecryptors.tls13(CipherSuites.byId(0x1301), new byte[32]);
        byte[] huge = new byte[(1 << 14) + 2049];
        try {
            d.open(23, 0x0303, huge, 0, huge.length);
            throw new AssertionError("opened");
        } catch (RecordDecryptException e) {
            assertThat(e.reason()).isEqualTo("record too long");
        }
    }

    @Test
    void decompressorRefusesGarbageAndBombs() throws Exception {
        try {
            new RecordDecompressor().decompress(new byte[] {1, 2, 3, 4, 5});
            throw new AssertionError("inflated garbage");
        } catch (RecordDecryptException e) {
            assertThat(e.reason()).isEqualTo("decompression failure");
        }
        java.util.zip.Deflater deflater = new java.util.zip.Deflater();
        deflater.setInput(new byte[100_000]);
        byte[] bomb = new byte[2048];
        int n = deflater.deflate(bomb, 0, bomb.length, java.util.zip.Deflater.SYNC_FLUSH);
        try {
            new RecordDecompressor().decompress(java.util.Arrays.copyOf(bomb, n));
            throw new AssertionError("inflated beyond 2^14");
        } catch (RecordDecryptException e) {
            assertThat(e.getMessage()).contains("beyond 16384");
        }
    }

    private static int hammer(RecordDecryptor d, Random random) {
        int refused = 0;
        for (int i = 0; i < 600; i++) {
            int len = random.nextInt(i < 300 ? 80 : 600);
            byte[] f = new byte[len + 3];
            random.nextBytes(f);
            try {
                if (random.nextBoolean()) {
                    d.open(23, 0x0303, f, 3, len);
                } else {
                    d.open(random.nextLong(), 23, 0xfefd, f, 3, len);
                }
            } catch (RecordDecryptException e) {
                refused++;
            }
        }
        return refused;
    }
}
