package org.callscope.engine.tls.keys;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Reads a server's RSA private key from a PEM file, the form VoIPmonitor's {@code ssl_ipport}
 * names: PKCS#1 ({@code BEGIN RSA PRIVATE KEY}), also with OpenSSL's legacy encryption
 * ({@code Proc-Type: 4,ENCRYPTED}), PKCS#8 ({@code BEGIN PRIVATE KEY}) and encrypted PKCS#8
 * ({@code BEGIN ENCRYPTED PRIVATE KEY}). Other blocks (certificates, parameters) are skipped and
 * the first private key is taken. BouncyCastle parses and decrypts; the key itself is built by the
 * JDK's RSA key factory, so the JDK's ciphers can use it.
 */
public final class PemPrivateKeys {
    /** Far larger than a key with its certificate chain; bigger files are not key files. */
    static final long MAX_FILE_BYTES = 1 << 20;

    private static final Map<ASN1ObjectIdentifier, String> KEY_ALGORITHMS = Map.of(
            new ASN1ObjectIdentifier("1.2.840.10045.2.1"), "EC",
            new ASN1ObjectIdentifier("1.2.840.10040.4.1"), "DSA",
            new ASN1ObjectIdentifier("1.2.840.113549.1.3.1"), "DH",
            new ASN1ObjectIdentifier("1.2.840.113549.1.1.10"), "RSASSA-PSS",
            new ASN1ObjectIdentifier("1.3.101.110"), "X25519",
            new ASN1ObjectIdentifier("1.3.101.111"), "X448",
            new ASN1ObjectIdentifier("1.3.101.112"), "Ed25519",
            new ASN1ObjectIdentifier("1.3.101.113"), "Ed448");

    private PemPrivateKeys() {
    }

    /**
     * The first private key in {@code file}, which must be RSA.
     *
     * @param passwordOrNull the password of an encrypted key; ignored for a plain one
     * @throws KeyFileException when the file holds no usable RSA key: not PEM, no private key, not
     *                          RSA, encrypted without a password, wrong password
     * @throws IOException      when the file cannot be read (no such file, permission denied)
     */
    public static PrivateKey readRsa(Path file, char[] passwordOrNull) throws KeyFileException, IOException {
        String text = readText(file);
        PemObject block;
        try {
            block = firstPrivateKey(text);
        } catch (IOException | RuntimeException e) {
            throw new KeyFileException(file + ": malformed PEM data: " + describe(e), e);
        }
        if (block == null) {
            throw new KeyFileException(file + ": no PEM private key found" + (looksLikeDer(text)
                    ? " (the file looks binary: convert DER with 'openssl pkey -inform DER -outform PEM')" : ""));
        }
        PrivateKeyInfo info = switch (block.getType()) {
            case "PRIVATE KEY" -> plainPkcs8(file, block);
            case "ENCRYPTED PRIVATE KEY" -> encryptedPkcs8(file, block, passwordOrNull);
            case "RSA PRIVATE KEY" -> pkcs1(file, block, passwordOrNull);
            case "EC PRIVATE KEY" -> throw notRsa(file, "EC");
            case "DSA PRIVATE KEY" -> throw notRsa(file, "DSA");
            default -> throw new KeyFileException(file + ": unsupported key format \"" + block.getType()
                    + "\": expected RSA PRIVATE KEY, PRIVATE KEY or ENCRYPTED PRIVATE KEY");
        };
        return rsaKey(file, info);
    }

    private static String readText(Path file) throws IOException, KeyFileException {
        try {
            UnreadableFile.requireRegularFile(file);
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new KeyFileException(file + ": too large for a key file (" + Files.size(file) + " bytes)");
            }
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw UnreadableFile.describe(file, e);
        }
    }

    private static PemObject firstPrivateKey(String text) throws IOException {
        try (PemReader reader = new PemReader(new StringReader(text))) {
            PemObject block;
            while ((block = reader.readPemObject()) != null) {
                if (block.getType().endsWith("PRIVATE KEY")) {
                    return block;
                }
            }
            return null;
        }
    }

    private static PrivateKeyInfo plainPkcs8(Path file, PemObject block) throws KeyFileException {
        try {
            return PrivateKeyInfo.getInstance(block.getContent());
        } catch (RuntimeException e) {
            throw new KeyFileException(file + ": malformed PKCS#8 private key: " + describe(e), e);
        }
    }

    private static PrivateKeyInfo encryptedPkcs8(Path file, PemObject block, char[] password) throws KeyFileException {
        requirePassword(file, password);
        PKCS8EncryptedPrivateKeyInfo encrypted;
        try {
            encrypted = new PKCS8EncryptedPrivateKeyInfo(block.getContent());
        } catch (IOException | RuntimeException e) {
            throw new KeyFileException(file + ": malformed encrypted PKCS#8 private key: " + describe(e), e);
        }
        try {
            return encrypted.decryptPrivateKeyInfo(
                    new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build(password));
        } catch (OperatorCreationException e) {
            throw new KeyFileException(file + ": cannot decrypt the key: unsupported encryption: " + describe(e), e);
        } catch (PKCSException | RuntimeException e) {
            throw wrongPassword(file, e);
        }
    }

    private static PrivateKeyInfo pkcs1(Path file, PemObject block, char[] password) throws KeyFileException {
        Object parsed;
        try (PEMParser parser = new PEMParser(new StringReader(pemText(block)))) {
            parsed = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new KeyFileException(file + ": malformed RSA private key: " + describe(e), e);
        }
        if (parsed instanceof PEMEncryptedKeyPair encrypted) {
            requirePassword(file, password);
            try {
                parsed = encrypted.decryptKeyPair(
                        new JcePEMDecryptorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build(password));
            } catch (IOException | RuntimeException e) {
                throw wrongPassword(file, e);
            }
        }
        if (!(parsed instanceof PEMKeyPair pair)) {
            throw new KeyFileException(file + ": malformed RSA private key");
        }
        try {
            return pair.getPrivateKeyInfo();
        } catch (RuntimeException e) {
            throw new KeyFileException(file + ": malformed RSA private key: " + describe(e), e);
        }
    }

    private static PrivateKey rsaKey(Path file, PrivateKeyInfo info) throws KeyFileException {
        ASN1ObjectIdentifier algorithm;
        byte[] encoded;
        try {
            algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
            encoded = info.getEncoded();
        } catch (IOException | RuntimeException e) {
            throw new KeyFileException(file + ": malformed private key: " + describe(e), e);
        }
        if (!PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
            throw notRsa(file, KEY_ALGORITHMS.getOrDefault(algorithm, "algorithm " + algorithm.getId()));
        }
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(encoded));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyFileException(file + ": malformed RSA private key: " + describe(e), e);
        }
    }

    private static String pemText(PemObject block) throws IOException {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(block);
        }
        return out.toString();
    }

    private static void requirePassword(Path file, char[] password) throws KeyFileException {
        if (password == null) {
            throw new KeyFileException(file + ": the private key is encrypted: a password is required");
        }
    }

    private static KeyFileException wrongPassword(Path file, Exception e) {
        return new KeyFileException(file + ": cannot decrypt the private key: wrong password (or a damaged file)", e);
    }

    private static KeyFileException notRsa(Path file, String algorithm) {
        return new KeyFileException(file + ": not an RSA key (" + algorithm + ")");
    }

    private static boolean looksLikeDer(String text) {
        return !text.isEmpty() && text.charAt(0) == 0x30;
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** One unregistered BouncyCastle provider, made on first use, for the decryption BC knows best. */
    private static final class BouncyCastle {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }
}
