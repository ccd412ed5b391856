package org.callscope.engine.tls.session;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import javax.crypto.Cipher;

/** The RSA key exchange's pre-master secret (RFC 5246 §7.4.7.1), recovered with the server's private key. */
final class RsaPreMaster {
    private static final int PRE_MASTER_LENGTH = 48;

    private RsaPreMaster() {
    }

    /** Null when the key does not decrypt it to a 48-byte secret (wrong key, or damaged message). */
    static byte[] decrypt(PrivateKey key, byte[] encrypted) {
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            rsa.init(Cipher.DECRYPT_MODE, key);
            byte[] preMaster = rsa.doFinal(encrypted);
            return preMaster.length == PRE_MASTER_LENGTH ? preMaster : null;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}
