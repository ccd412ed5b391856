package org.callscope.engine.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random, truncated and mutated packets into every suite, with and without MKIs and kdr: the
 * context answers with a length or a documented code, never an exception, and writes nothing
 * past what it returns.
 */
class SrtpFuzzTest {
    private static final int ROUNDS = 3_000;

    @Test
    void randomAndMutatedPacketsNeverThrow() {
        Random random = new Random(20260320L);
        long decrypted = 0;
        for (SrtpSuite suite : SrtpSuite.values()) {
            for (int variant = 0; variant < 3; variant++) {
                byte[] mki = variant == 1 ? new byte[] {0, 0, 0, 1} : new byte[0];
                SrtpPolicy policy = new SrtpPolicy(suite, List.of(SrtpContextTest.key(suite, variant, mki, variant == 1 ? 50 : 0)),
                        variant != 2, variant != 2, true, variant == 2 ? 4 : 0);
                SrtpProtector sender = new SrtpProtector(policy);
                SrtpContext context = new SrtpContext(policy);
                byte[][] seeds = {
                    sender.protectRtp(RtpPackets.rtp(65535, 9, 160), 0),
                    sender.protectRtp(RtpPackets.rtp(3, 9, new long[] {1, 2}, PublishedVectors.hex("bede0001 10ff0000"), new byte[20], 8), 1),
                    sender.protectRtcp(RtpPackets.rtcp(9, 1), 5),
                };
                for (int round = 0; round < ROUNDS; round++) {
                    byte[] b = input(random, seeds);
                    boolean whole = random.nextInt(3) == 0;
                    int off = whole || b.length == 0 ? 0 : random.nextInt(b.length + 1);
                    int len = whole ? b.length : random.nextInt(b.length - off + 1);
                    int outOff = random.nextInt(8);
                    byte[] out = new byte[outOff + len + random.nextInt(4)];
                    Arrays.fill(out, (byte) 0x5a);
                    byte[] before = b.clone();
                    int n = random.nextBoolean() ? context.unprotectRtp(b, off, len, out, outOff) : context.unprotectRtcp(b, off, len, out, outOff);
                    assertThat(b).as("input untouched").isEqualTo(before);
                    assertThat(n).isBetween(SrtpContext.UNKNOWN_MKI, len);
                    int written = Math.max(n, 0);
                    for (int i = 0; i < out.length; i++) {
                        if (i < outOff || i >= outOff + written) {
                            assertThat(out[i]).as("byte %d outside the result", i).isEqualTo((byte) 0x5a);
                        }
                    }
                    if (n >= 0) {
                        decrypted++;
                    }
                }
            }
        }
        assertThat(decrypted).as("whole unmutated seeds decrypt").isGreaterThan(100);
    }

    private static byte[] input(Random random, byte[][] seeds) {
        int kind = random.nextInt(4);
        if (kind == 0) {
            byte[] b = new byte[random.nextInt(120)];
            random.nextBytes(b);
            if (b.length > 0 && random.nextBoolean()) {
                b[0] = (byte) (0x80 | b[0] & 0x3f);
            }
            return b;
        }
        byte[] b = seeds[random.nextInt(seeds.length)].clone();
        if (kind == 1) {
            return Arrays.copyOf(b, random.nextInt(b.length + 1));
        }
        if (kind == 2) {
            return b;
        }
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips; i++) {
            b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
    }
}
