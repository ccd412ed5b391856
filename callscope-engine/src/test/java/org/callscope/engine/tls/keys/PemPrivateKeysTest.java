package org.callscope.engine.tls.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import org.callscope.engine.testsupport.SharedTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Key files made by OpenSSL ({@code make-test-keys.sh} next to them): one RSA key in every
 * supported form, and a message OpenSSL encrypted to its public key.
 */
class PemPrivateKeysTest {
    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();

    @TempDir
    Path dir;

    private static Path resource(String name) {
        try {
            return Path.of(PemPrivateKeysTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decrypt(PrivateKey key, byte[] ciphertext) throws GeneralSecurityException {
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.DECRYPT_MODE, key);
        return rsa.doFinal(ciphertext);
    }

    private static byte[] encrypt(PublicKey key, byte[] plaintext) throws GeneralSecurityException {
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.ENCRYPT_MODE, key);
        return rsa.doFinal(plaintext);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rsa-pkcs1.pem", "rsa-pkcs8.pem", "rsa-pkcs8-encrypted.pem", "rsa-pkcs1-legacy-aes128.pem",
        "rsa-pkcs1-legacy-des3.pem", "rsa-cert-then-key.pem"})
    void everyFormDecryptsWhatOpensslEncrypted(String name) throws Exception {
        PrivateKey key = PemPrivateKeys.readRsa(resource(name), PASSWORD);
        assertThat(key.getAlgorithm()).isEqualTo("RSA");
        byte[] ciphertext = Files.readAllBytes(resource("rsa-ciphertext.bin"));
        assertThat(decrypt(key, ciphertext)).isEqualTo(Files.readAllBytes(resource("rsa-plaintext.txt")));
    }

    @Test
    void decryptsWhatItsPublicKeyEncrypts() throws Exception {
        String pem = Files.readString(resource("rsa-public.pem"));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        PublicKey pub = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        byte[] preMaster = new byte[48];
        new Random(48).nextBytes(preMaster);
        PrivateKey key = PemPrivateKeys.readRsa(resource("rsa-pkcs1.pem"), null);
        assertThat(decrypt(key, encrypt(pub, preMaster))).isEqualTo(preMaster);
    }

    @Test
    void passwordIsIgnoredForPlainKeys() throws Exception {
        assertThat(PemPrivateKeys.readRsa(resource("rsa-pkcs8.pem"), "unused".toCharArray()))
                .isEqualTo(PemPrivateKeys.readRsa(resource("rsa-pkcs1.pem"), null));
    }

    @Test
    void pyTestGenServerKey() throws Exception {
        Path file = SharedTestData.file("py-ssl-test-gen/server.key");
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) PemPrivateKeys.readRsa(file, null);
        assertThat(key.getModulus().bitLength()).isEqualTo(1024);
        String opensslModulus = openssl("rsa", "-in", file.toString(), "-noout", "-modulus");
        if (opensslModulus != null) {
            assertThat(opensslModulus.strip()).isEqualToIgnoringCase("Modulus=" + key.getModulus().toString(16));
        }
        // the private key undoes its own public operation: c = m^e mod n, m = c^d mod n
        byte[] preMaster = new byte[48];
        new Random(7).nextBytes(preMaster);
        PublicKey pub = KeyFactory.getInstance("RSA").generatePublic(
                new java.security.spec.RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        assertThat(decrypt(key, encrypt(pub, preMaster))).isEqualTo(preMaster);
    }

    @Test
    void scapySslTlsPemHasTheCertificateFirst() throws Exception {
        Path file = SharedTestData.file("scapy-ssl_tls/openssl_1_0_1_f_server.pem");
        PrivateKey key = PemPrivateKeys.readRsa(file, null);
        // the certificate in the same file, read by the JDK, holds the matching public key
        X509Certificate cert;
        try (var in = Files.newInputStream(file)) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        byte[] preMaster = new byte[48];
        new Random(9).nextBytes(preMaster);
        assertThat(decrypt(key, encrypt(cert.getPublicKey(), preMaster))).isEqualTo(preMaster);
    }

    @Test
    void encryptedKeysNeedTheRightPassword() {
        for (String name : new String[] {"rsa-pkcs8-encrypted.pem", "rsa-pkcs1-legacy-aes128.pem", "rsa-pkcs1-legacy-des3.pem"}) {
            Path file = resource(name);
            assertThatThrownBy(() -> PemPrivateKeys.readRsa(file, null)).isInstanceOf(KeyFileException.class)
                    .hasMessage(file + ": the private key is encrypted: a password is required");
            for (String wrong : new String[] {"wrong", "", "correct horse battery stapl"}) {
                assertThatThrownBy(() -> PemPrivateKeys.readRsa(file, wrong.toCharArray()))
                        .as(name + " with " + wrong).isInstanceOf(KeyFileException.class)
                        .hasMessage(file + ": cannot decrypt the private key: wrong password (or a damaged file)");
            }
        }
    }

    @Test
    void otherKeyTypesAreNotRsa() {
        assertThatThrownBy(() -> PemPrivateKeys.readRsa(resource("ec-pkcs8.pem"), null))
                .hasMessage(resource("ec-pkcs8.pem") + ": not an RSA key (EC)");
        assertThatThrownBy(() -> PemPrivateKeys.readRsa(resource("ec-sec1.pem"), null))
                .hasMessage(resource("ec-sec1.pem") + ": not an RSA key (EC)");
        assertThatThrownBy(() -> PemPrivateKeys.readRsa(resource("ed25519-pkcs8.pem"), null))
                .hasMessage(resource("ed25519-pkcs8.pem") + ": not an RSA key (Ed25519)");
    }

    @Test
    void filesWithoutAUsableKeySaySo() throws IOException {
        assertThatThrownBy(() -> PemPrivateKeys.readRsa(resource("empty.pem"), null))
                .isInstanceOf(KeyFileException.class).hasMessage(resource("empty.pem") + ": no PEM private key found");
        assertThatThrownBy(() -> PemPrivateKeys.readRsa(resource("not-pem.txt"), null))
                .hasMessage(resource("not-pem.txt") + ": no PEM private key found");
        assertThatThrownBy(() -> PemPrivateKeys.readRsa(resource("rsa-public.pem"), null))
                .hasMessage(resource("rsa-public.pem") + ": no PEM private key found");
        assertThatThrownBy(() -> PemPrivateKeys.readRsa(resource("garbage-in-pem.pem"), null))
                .isInstanceOf(KeyFileException.class).hasMessageStartingWith(resource("garbage-in-pem.pem") + ": malformed");
        Path der = Files.write(dir.resolve("key.der"), new byte[] {0x30, (byte) 0x82, 0x04, (byte) 0xa4, 2, 1, 0});
        assertThatThrownBy(() -> PemPrivateKeys.readRsa(der, null))
                .hasMessage(der + ": no PEM private key found (the file looks binary: convert DER with "
                        + "'openssl pkey -inform DER -outform PEM')");
        Path noEnd = Files.writeString(dir.resolve("cut.pem"),
                Files.readString(resource("rsa-pkcs1.pem")).replace("-----END RSA PRIVATE KEY-----", ""));
        assertThatThrownBy(() -> PemPrivateKeys.readRsa(noEnd, null)).hasMessageStartingWith(noEnd + ": malformed PEM data");
        Path openssh = Files.writeString(dir.resolve("id_rsa"),
                "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEA\n-----END OPENSSH PRIVATE KEY-----\n");
        assertThatThrownBy(() -> PemPrivateKeys.readRsa(openssh, null)).hasMessage(openssh
                + ": unsupported key format \"OPENSSH PRIVATE KEY\": expected RSA PRIVATE KEY, PRIVATE KEY or ENCRYPTED PRIVATE KEY");
    }

    @Test
    void unreadableFilesAreIoExceptionsNamingTheFile() {
        Path missing = dir.resolve("missing.key");
        assertThatThrownBy(() -> PemPrivateKeys.readRsa(missing, null)).isInstanceOf(NoSuchFileException.class)
                .hasMessage(missing + ": no such file");
        assertThatThrownBy(() -> PemPrivateKeys.readRsa(dir, null)).isInstanceOf(FileSystemException.class)
                .hasMessage(dir + ": is a directory, not a file");
    }

    /** Mutated key files: a clear KeyFileException or a key, never anything else. */
    @Test
    void mutatedKeyFilesNeverThrowAnythingElse() throws IOException {
        Random r = new Random(0xBE_2026L);
        String[] seeds = {"rsa-pkcs1.pem", "rsa-pkcs8.pem", "rsa-pkcs8-encrypted.pem", "rsa-pkcs1-legacy-aes128.pem",
            "rsa-cert-then-key.pem", "ec-sec1.pem"};
        String alphabet = "ABCDEFabcdef0123456789+/=-\n: ,PROCTYPEKINFD";
        for (int i = 0; i < 300; i++) {
            byte[] b = Files.readAllBytes(resource(seeds[r.nextInt(seeds.length)]));
            if (i % 3 == 0) {
                b = Arrays.copyOf(b, r.nextInt(b.length));
            } else {
                for (int e = 0; e < 1 + r.nextInt(6); e++) {
                    b[r.nextInt(b.length)] = (byte) alphabet.charAt(r.nextInt(alphabet.length()));
                }
            }
            Path file = Files.write(dir.resolve("m" + i + ".pem"), b);
            try {
                PemPrivateKeys.readRsa(file, PASSWORD);
            } catch (KeyFileException e) {
                assertThat(e.getMessage()).startsWith(file + ": ");
            } catch (RuntimeException e) {
                fail(new String(b, StandardCharsets.US_ASCII) + " threw " + e, e);
            }
        }
    }

    /** {@code openssl args...} stdout, or null when openssl is not installed. */
    private static String openssl(String... args) throws IOException, InterruptedException {
        Path openssl = Path.of("/usr/bin/openssl");
        if (!Files.isExecutable(openssl)) {
            return null;
        }
        String[] cmd = new String[args.length + 1];
        cmd[0] = openssl.toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return new String(out, StandardCharsets.US_ASCII);
    }
}
