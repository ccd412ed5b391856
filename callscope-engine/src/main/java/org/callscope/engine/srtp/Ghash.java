package org.callscope.engine.srtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * GHASH of AES-GCM (NIST SP 800-38D §6.4): multiplication by the hash subkey H in GF(2^128) with
 * Shoup's 4-bit tables (16 multiples of H and a 16-entry reduction table). Written here rather than
 * taken from the JDK's "AES/GCM/NoPadding" because that cipher allocates about a kilobyte per
 * initialisation and throws on a bad tag, and SRTP initialises it for every packet; with GHASH
 * separate, a packet's hash is computed once and checked against several candidate rollover
 * counters for one AES block each. Table lookups depend on ciphertext, which a passive monitor
 * only reads, so cache timing is not a concern here.
 *
 * <p>Blocks are absorbed as they come; {@link #padBlock()} ends a section (AAD, then ciphertext)
 * with zeros, {@link #finish} adds the lengths block.
 */
final class Ghash {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** The reduction of the four bits shifted out by one 4-bit step (R = 0xE1 || 0^120, bit-reflected). */
    private static final long[] REDUCE_4BIT = {
        0x0000L << 48, 0x1C20L << 48, 0x3840L << 48, 0x2460L << 48, 0x7080L << 48, 0x6CA0L << 48, 0x48C0L << 48, 0x54E0L << 48,
        0xE100L << 48, 0xFD20L << 48, 0xD940L << 48, 0xC560L << 48, 0x9180L << 48, 0x8DA0L << 48, 0xA9C0L << 48, 0xB5E0L << 48,
    };
    private static final long R = 0xE100000000000000L;

    private final long[] tableHi = new long[16];
    private final long[] tableLo = new long[16];
    private final byte[] partial = new byte[16];
    private int partialLength;
    private long zHi;
    private long zLo;

    /** Sets H (16 bytes at {@code h[off]}) and resets. */
    void init(byte[] h, int off) {
        long vHi = (long) LONG.get(h, off);
        long vLo = (long) LONG.get(h, off + 8);
        tableHi[0] = 0;
        tableLo[0] = 0;
        tableHi[8] = vHi;
        tableLo[8] = vLo;
        for (int i = 4; i > 0; i >>= 1) {
            long carry = R & -(vLo & 1);
            vLo = (vHi << 63) | (vLo >>> 1);
            vHi = (vHi >>> 1) ^ carry;
            tableHi[i] = vHi;
            tableLo[i] = vLo;
        }
        for (int i = 2; i < 16; i <<= 1) {
            for (int j = 1; j < i; j++) {
                tableHi[i + j] = tableHi[i] ^ tableHi[j];
                tableLo[i + j] = tableLo[i] ^ tableLo[j];
            }
        }
        reset();
    }

    void reset() {
        zHi = 0;
        zLo = 0;
        partialLength = 0;
    }

    void update(byte[] b, int off, int len) {
        if (partialLength > 0) {
            int n = Math.min(16 - partialLength, len);
            System.arraycopy(b, off, partial, partialLength, n);
            partialLength += n;
            off += n;
            len -= n;
            if (partialLength < 16) {
                return;
            }
            absorb((long) LONG.get(partial, 0), (long) LONG.get(partial, 8));
            partialLength = 0;
        }
        for (; len >= 16; off += 16, len -= 16) {
            absorb((long) LONG.get(b, off), (long) LONG.get(b, off + 8));
        }
        if (len > 0) {
            System.arraycopy(b, off, partial, 0, len);
            partialLength = len;
        }
    }

    /** Four bytes, big-endian. */
    void updateInt(long value) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            partial[partialLength++] = (byte) (value >>> shift);
            if (partialLength == 16) {
                absorb((long) LONG.get(partial, 0), (long) LONG.get(partial, 8));
                partialLength = 0;
            }
        }
    }

    /** Pads the section absorbed so far with zeros to a whole block. */
    void padBlock() {
        if (partialLength > 0) {
            Arrays.fill(partial, partialLength, 16, (byte) 0);
            absorb((long) LONG.get(partial, 0), (long) LONG.get(partial, 8));
            partialLength = 0;
        }
    }

    /** Pads, absorbs the lengths block (bit lengths of AAD and ciphertext) and writes the 16-byte hash. */
    void finish(long aadBytes, long ciphertextBytes, byte[] out, int outOff) {
        padBlock();
        absorb(aadBytes << 3, ciphertextBytes << 3);
        LONG.set(out, outOff, zHi);
        LONG.set(out, outOff + 8, zLo);
    }

    private void absorb(long hi, long lo) {
        long xHi = zHi ^ hi;
        long xLo = zLo ^ lo;
        int b = (int) xLo & 0xff;
        int high = b >>> 4;
        long rHi = tableHi[b & 0xf];
        long rLo = tableLo[b & 0xf];
        for (int k = 15; ; ) {
            int rem = (int) rLo & 0xf;
            rLo = (rHi << 60) | (rLo >>> 4);
            rHi = (rHi >>> 4) ^ REDUCE_4BIT[rem] ^ tableHi[high];
            rLo ^= tableLo[high];
            if (--k < 0) {
                break;
            }
            b = (int) (k >= 8 ? xLo >>> (8 * (15 - k)) : xHi >>> (8 * (7 - k))) & 0xff;
            high = b >>> 4;
            rem = (int) rLo & 0xf;
            rLo = (rHi << 60) | (rLo >>> 4);
            rHi = (rHi >>> 4) ^ REDUCE_4BIT[rem] ^ tableHi[b & 0xf];
            rLo ^= tableLo[b & 0xf];
        }
        zHi = rHi;
        zLo = rLo;
    }
}
