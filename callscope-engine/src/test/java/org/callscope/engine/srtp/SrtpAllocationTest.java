package org.callscope.engine.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Once an SSRC is known, decrypting allocates nothing: measured with the JVM's per-thread allocation counter. */
class SrtpAllocationTest {
    private static final int PACKETS = 256;

    @Test
    void steadyStateDecryptionAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (SrtpSuite suite : new SrtpSuite[] {SrtpSuite.AES_CM_128_HMAC_SHA1_80, SrtpSuite.AEAD_AES_128_GCM, SrtpSuite.NULL_HMAC_SHA1_32}) {
            SrtpPolicy policy = SrtpPolicy.of(SrtpContextTest.key(suite));
            SrtpProtector sender = new SrtpProtector(policy);
            byte[][] rtp = new byte[PACKETS][];
            byte[][] rtcp = new byte[PACKETS / 16][];
            for (int i = 0; i < PACKETS; i++) {
                rtp[i] = sender.protectRtp(RtpPackets.rtp(65400 + i & 0xffff, 7, 160), 65400 + i >>> 16);
            }
            for (int i = 0; i < rtcp.length; i++) {
                rtcp[i] = sender.protectRtcp(RtpPackets.rtcp(7, i), i);
            }
            SrtpContext context = new SrtpContext(policy);
            byte[] out = new byte[2048];
            long checksum = run(context, rtp, rtcp, out, 200);
            long before = threads.getCurrentThreadAllocatedBytes();
            checksum += run(context, rtp, rtcp, out, 40);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertThat(checksum).as("every packet decrypted").isEqualTo(240L * (PACKETS * 172L + rtcp.length * 48L));
            // The counter itself and JIT transitions may cost a few hundred bytes, never some per packet.
            assertThat(allocated).as("%s: bytes allocated for %d packets", suite, 40 * (PACKETS + rtcp.length)).isLessThan(1024);
        }
    }

    private static long run(SrtpContext context, byte[][] rtp, byte[][] rtcp, byte[] out, int rounds) {
        long sum = 0;
        for (int round = 0; round < rounds; round++) {
            for (byte[] p : rtp) {
                sum += context.unprotectRtp(p, 0, p.length, out, 0);
            }
            for (byte[] p : rtcp) {
                sum += context.unprotectRtcp(p, 0, p.length, out, 0);
            }
        }
        return sum;
    }
}
