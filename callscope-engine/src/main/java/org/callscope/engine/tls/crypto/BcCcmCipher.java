package org.callscope.engine.tls.crypto;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CCMBlockCipher;
import org.bouncycastle.crypto.modes.CCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/** AES-CCM and AES-CCM-8 (RFC 6655, RFC 8446) by BouncyCastle's lightweight API: the JDK has no CCM. */
final class BcCcmCipher implements AeadCipher {
    private final CCMModeCipher ccm = CCMBlockCipher.newInstance(AESEngine.newInstance());
    private final KeyParameter key;
    private final int tagLength;

    BcCcmCipher(byte[] key, int tagLength) {
        this.key = new KeyParameter(key);
        this.tagLength = tagLength;
    }

    @Override
    public int tagLength() {
        return tagLength;
    }

    @Override
    public int open(byte[] nonce, byte[] aad, int aadLen, byte[] in, int off, int len, byte[] out, int outOff)
            throws RecordDecryptException {
        ccm.init(false, new AEADParameters(key, tagLength * 8, nonce));
        ccm.processAADBytes(aad, 0, aadLen);
        try {
            int n = ccm.processBytes(in, off, len, out, outOff);
            return n + ccm.doFinal(out, outOff + n);
        } catch (InvalidCipherTextException e) {
            throw new RecordDecryptException(RecordDecryptException.BAD_TAG);
        }
    }
}
