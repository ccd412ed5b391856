package org.callscope.engine.tls.crypto;

import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-GCM and ChaCha20-Poly1305 by the JDK provider; re-initialised with each record's nonce. */
final class JceAeadCipher implements AeadCipher {
    enum Mode { GCM, CHACHA20_POLY1305 }

    private static final int TAG_LENGTH = 16;

    private final Mode mode;
    private final Cipher cipher;
    private final SecretKeySpec key;

    JceAeadCipher(Mode mode, byte[] key) {
        this.mode = mode;
        this.cipher = Crypto.cipher(mode == Mode.GCM ? "AES/GCM/NoPadding" : "ChaCha20-Poly1305");
        this.key = new SecretKeySpec(key, mode == Mode.GCM ? "AES" : "ChaCha20");
    }

    @Override
    public int tagLength() {
        return TAG_LENGTH;
    }

    @Override
    public int open(byte[] nonce, byte[] aad, int aadLen, byte[] in, int off, int len, byte[] out, int outOff)
            throws RecordDecryptException {
        AlgorithmParameterSpec spec = mode == Mode.GCM ? new GCMParameterSpec(TAG_LENGTH * 8, nonce) : new IvParameterSpec(nonce);
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, spec);
            cipher.updateAAD(aad, 0, aadLen);
            return cipher.doFinal(in, off, len, out, outOff);
        } catch (AEADBadTagException e) {
            throw new RecordDecryptException(RecordDecryptException.BAD_TAG);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(mode + " decryption failed outside the tag check", e);
        }
    }
}
