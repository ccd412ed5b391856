package org.callscope.engine.srtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in counter mode on an ECB cipher: counter blocks are written into a scratch buffer,
 * encrypted in one call and XORed in, so nothing is allocated per packet (re-initialising an
 * "AES/CTR" cipher for every packet's IV allocates its parameters; measured, ECB on counter
 * blocks is as fast for voice-sized payloads). Block j of the keystream is the AES encryption of
 * the IV whose last 32 bits are increased by j, modulo 2^32: RFC 3711 §4.1.1 counters (the IV's
 * low 16 bits are zero there, so no carry ever leaves them) and GCM's inc32 (NIST SP 800-38D).
 */
final class AesCounterMode {
    static final int BLOCK = 16;
    private static final int CHUNK_BLOCKS = 64;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final Cipher ecb = Primitives.cipher("AES/ECB/NoPadding");
    private final byte[] counters = new byte[CHUNK_BLOCKS * BLOCK];
    private final byte[] keystream = new byte[CHUNK_BLOCKS * BLOCK];

    AesCounterMode(byte[] key, int keyLength) {
        rekey(key, keyLength);
    }

    /** Sets the AES key: the first {@code keyLength} bytes of {@code key} (16, 24 or 32). */
    void rekey(byte[] key, int keyLength) {
        try {
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, 0, keyLength, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES refused a " + keyLength + "-byte key", e);
        }
    }

    /** One AES block: {@code out[outOff..+16) = AES(in[inOff..+16))}. */
    void encryptBlock(byte[] in, int inOff, byte[] out, int outOff) {
        try {
            ecb.update(in, inOff, BLOCK, out, outOff);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code out[outOff..+len) = in[inOff..+len) XOR keystream(iv)}; in and out may be the same region. */
    void xor(byte[] iv, byte[] in, int inOff, byte[] out, int outOff, int len) {
        long hi = (long) LONG.get(iv, 0);
        long lo = (long) LONG.get(iv, 8);
        long fixed = lo & 0xffffffff00000000L;
        int counter = (int) lo;
        int done = 0;
        while (done < len) {
            int n = Math.min(len - done, counters.length);
            int blocks = (n + BLOCK - 1) / BLOCK;
            for (int b = 0; b < blocks; b++) {
                LONG.set(counters, b * BLOCK, hi);
                LONG.set(counters, b * BLOCK + 8, fixed | (counter++ & 0xffffffffL));
            }
            try {
                ecb.update(counters, 0, blocks * BLOCK, keystream, 0);
            } catch (ShortBufferException e) {
                throw new IllegalStateException(e);
            }
            int i = 0;
            for (; i + 8 <= n; i += 8) {
                LONG.set(out, outOff + done + i, (long) LONG.get(in, inOff + done + i) ^ (long) LONG.get(keystream, i));
            }
            for (; i < n; i++) {
                out[outOff + done + i] = (byte) (in[inOff + done + i] ^ keystream[i]);
            }
            done += n;
        }
    }
}
