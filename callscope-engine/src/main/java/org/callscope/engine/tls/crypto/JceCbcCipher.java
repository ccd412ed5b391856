package org.callscope.engine.tls.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** CBC decryption by the JDK provider (AES, DES, DESede), fed with update() so the chain carries over. */
final class JceCbcCipher implements CbcCipher {
    private final Cipher cipher;

    JceCbcCipher(String algorithm, byte[] key, byte[] iv) {
        this.cipher = Crypto.cipher(algorithm + "/CBC/NoPadding");
        try {
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, algorithm), new IvParameterSpec(iv));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(algorithm + " refused a " + key.length + "-byte key", e);
        }
    }

    @Override
    public int blockSize() {
        return cipher.getBlockSize();
    }

    @Override
    public void decrypt(byte[] in, int off, int len, byte[] out, int outOff) {
        try {
            cipher.update(in, off, len, out, outOff);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
