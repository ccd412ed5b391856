package org.callscope.engine.tls.crypto;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import javax.crypto.Cipher;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Test-side RSA key exchange: the server's PKCS#1 PEM key and the PKCS#1 v1.5 decryption of the pre-master secret. */
final class RsaPreMaster {
    private RsaPreMaster() {
    }

    /** The first RSA private key in a PEM file (other blocks, such as certificates, are skipped). */
    static PrivateKey readKey(Path pem) throws IOException {
        try (Reader in = Files.newBufferedReader(pem); PEMParser parser = new PEMParser(in)) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof PEMKeyPair pair) {
                    return new JcaPEMKeyConverter().getKeyPair(pair).getPrivate();
                }
            }
        }
        throw new IOException("no RSA private key in " + pem);
    }

    static byte[] decrypt(PrivateKey key, byte[] encrypted) throws GeneralSecurityException {
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.DECRYPT_MODE, key);
        return rsa.doFinal(encrypted);
    }
}
