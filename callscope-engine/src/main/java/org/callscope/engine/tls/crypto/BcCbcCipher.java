package org.callscope.engine.tls.crypto;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.RC2Engine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.modes.CBCModeCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.crypto.params.RC2Parameters;

/** CBC decryption by a BouncyCastle lightweight engine, for the ciphers the JDK lacks (Camellia, SEED, IDEA, RC2). */
final class BcCbcCipher implements CbcCipher {
    private final CBCModeCipher cbc;
    private final int blockSize;

    BcCbcCipher(BlockCipher engine, byte[] key, byte[] iv) {
        this.cbc = CBCBlockCipher.newInstance(engine);
        KeyParameter keyParameter = engine instanceof RC2Engine ? new RC2Parameters(key) : new KeyParameter(key);
        cbc.init(false, new ParametersWithIV(keyParameter, iv));
        this.blockSize = cbc.getBlockSize();
    }

    @Override
    public int blockSize() {
        return blockSize;
    }

    @Override
    public void decrypt(byte[] in, int off, int len, byte[] out, int outOff) {
        for (int i = 0; i < len; i += blockSize) {
            cbc.processBlock(in, off + i, out, outOff + i);
        }
    }
}
