package org.callscope.engine.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.srtp.PublishedVectors.hex;
import static org.callscope.engine.srtp.RtpPackets.rtcp;
import static org.callscope.engine.srtp.RtpPackets.rtp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * SrtpContext on streams protected by the test sender: rollover across sequence wraps with
 * reordering, SSRCs first seen mid-stream, MKIs, lifetimes, key derivation rates, header
 * extensions, unencrypted and unauthenticated modes, tampering, and the SSRC bound.
 */
class SrtpContextTest {
    private static final long SSRC = 0x1234abcdL;
    private static final SrtpSuite[] SUITES = {SrtpSuite.AES_CM_128_HMAC_SHA1_80, SrtpSuite.AES_CM_128_HMAC_SHA1_32,
        SrtpSuite.AES_192_CM_HMAC_SHA1_32, SrtpSuite.AES_256_CM_HMAC_SHA1_80, SrtpSuite.NULL_HMAC_SHA1_32,
        SrtpSuite.AEAD_AES_128_GCM, SrtpSuite.AEAD_AES_256_GCM};

    static SrtpMasterKey key(SrtpSuite suite, int seed, byte[] mki, long lifetime) {
        byte[] k = new byte[suite.masterKeyLength()];
        byte[] s = new byte[suite.masterSaltLength()];
        Random r = new Random(seed);
        r.nextBytes(k);
        r.nextBytes(s);
        return new SrtpMasterKey(suite, k, s, mki, lifetime);
    }

    static SrtpMasterKey key(SrtpSuite suite) {
        return key(suite, 1, new byte[0], 0);
    }

    /** Decrypts and checks one packet; returns the context's ROC for the SSRC afterwards. */
    private static long decrypts(SrtpContext c, byte[] srtp, byte[] plain) {
        byte[] out = new byte[srtp.length + 7];
        int n = c.unprotectRtp(srtp, 0, srtp.length, out, 7);
        assertThat(n).isEqualTo(plain.length);
        assertThat(Arrays.copyOfRange(out, 7, 7 + n)).isEqualTo(plain);
        return c.rolloverCounter(RtpPackets.ssrc(plain));
    }

    @Test
    void rolloverCounterFollowsWrapsWithReorderingAndLatePackets() {
        for (SrtpSuite suite : SUITES) {
            SrtpPolicy policy = SrtpPolicy.of(key(suite));
            SrtpProtector sender = new SrtpProtector(policy);
            SrtpContext receiver = new SrtpContext(policy);
            Random random = new Random(suite.ordinal());
            List<Long> indexes = new ArrayList<>();
            for (long i = 65536 - 3000; i < 3 * 65536 + 3000; i += 1 + random.nextInt(250)) {
                indexes.add(i);
            }
            // Neighbours swapped, and now and then a packet delivered 20 places late, also across wraps.
            for (int i = 1; i < indexes.size(); i += 2 + random.nextInt(3)) {
                Collections.swap(indexes, i, i - 1);
            }
            for (int i = 30; i < indexes.size(); i += 40) {
                indexes.add(i, indexes.remove(i - 20));
            }
            indexes.addAll(List.of(4 * 65536L - 1, 4 * 65536L, 4 * 65536L - 2, 4 * 65536L + 1, 4 * 65536L - 3));
            long highest = -1;
            for (long index : indexes) {
                byte[] plain = rtp((int) (index & 0xffff), SSRC, 160);
                long roc = decrypts(receiver, sender.protectRtp(plain, index >>> 16), plain);
                highest = Math.max(highest, index);
                assertThat(roc).as("%s after index %d", suite, index).isEqualTo(highest >>> 16);
            }
            assertThat(receiver.rolloverCounter(SSRC)).isEqualTo(4);
        }
    }

    @Test
    void midStreamStartEstimatesTheRolloverCounter() {
        for (SrtpSuite suite : SUITES) {
            SrtpPolicy policy = SrtpPolicy.of(key(suite));
            SrtpProtector sender = new SrtpProtector(policy);
            SrtpContext receiver = new SrtpContext(policy);
            assertThat(receiver.rolloverCounter(SSRC)).isEqualTo(-1);
            for (int seq = 40000; seq < 40010; seq++) {
                byte[] plain = rtp(seq, SSRC, 160);
                assertThat(decrypts(receiver, sender.protectRtp(plain, 3), plain)).as("%s", suite).isEqualTo(3);
            }
            // The last ROC of the window is found, the one after it is not.
            byte[] atLimit = rtp(7, SSRC + 1, 160);
            assertThat(decrypts(receiver, sender.protectRtp(atLimit, SrtpContext.ROC_SEARCH_LIMIT), atLimit))
                    .isEqualTo(SrtpContext.ROC_SEARCH_LIMIT);
            byte[] beyond = sender.protectRtp(rtp(7, SSRC + 2, 160), SrtpContext.ROC_SEARCH_LIMIT + 1);
            assertThat(receiver.unprotectRtp(beyond, 0, beyond.length, new byte[beyond.length], 0)).isEqualTo(SrtpContext.AUTH_FAILED);
            assertThat(receiver.rolloverCounter(SSRC + 2)).isEqualTo(-1);
        }
    }

    @Test
    void estimatedIndexThatFailsIsRetriedOneRolloverAboveAndBelow() {
        SrtpPolicy policy = SrtpPolicy.of(key(SrtpSuite.AES_CM_128_HMAC_SHA1_80));
        SrtpProtector sender = new SrtpProtector(policy);
        SrtpContext receiver = new SrtpContext(policy);
        byte[] p = rtp(30000, SSRC, 20);
        assertThat(decrypts(receiver, sender.protectRtp(p, 0), p)).isZero();
        // 35000 ahead in the same rollover: Appendix A takes it for the previous rollover (-1 here).
        p = rtp(65000, SSRC, 20);
        assertThat(decrypts(receiver, sender.protectRtp(p, 0), p)).isZero();
        byte[] q = rtp(40000, SSRC + 1, 20);
        assertThat(decrypts(receiver, sender.protectRtp(q, 2), q)).isEqualTo(2);
        // 35000 behind in the same rollover: Appendix A takes it for the next one.
        q = rtp(5000, SSRC + 1, 20);
        assertThat(decrypts(receiver, sender.protectRtp(q, 2), q)).isEqualTo(2);
    }

    @Test
    void appendixAEstimate() {
        assertThat(SrtpContext.estimateRoc(5, 100, 200)).isEqualTo(5);
        assertThat(SrtpContext.estimateRoc(5, 100, 65500)).isEqualTo(4);
        assertThat(SrtpContext.estimateRoc(5, 65500, 100)).isEqualTo(6);
        assertThat(SrtpContext.estimateRoc(5, 65500, 40000)).isEqualTo(5);
        assertThat(SrtpContext.estimateRoc(0, 10, 60000)).isEqualTo(-1);
    }

    @Test
    void aStreamThatLosesTrackSearchesAgainFromItsLastRollover() {
        SrtpPolicy policy = SrtpPolicy.of(key(SrtpSuite.AES_CM_128_HMAC_SHA1_32));
        SrtpProtector sender = new SrtpProtector(policy);
        SrtpContext receiver = new SrtpContext(policy);
        // Found at ROC 60, then followed to 70: beyond the search window, so only the last ROC can guide a new search.
        List<Long> indexes = new ArrayList<>();
        for (long index = 60 * 65536L; index < 70 * 65536L; index += 20000) {
            indexes.add(index);
        }
        indexes.add(70 * 65536L + 100);
        for (long index : indexes) {
            byte[] p = rtp((int) (index & 0xffff), SSRC, 20);
            decrypts(receiver, sender.protectRtp(p, index >>> 16), p);
        }
        assertThat(receiver.rolloverCounter(SSRC)).isEqualTo(70);
        // Seq 40000 just after 100 is estimated to be ROC 69, and 68..70 fail: the sender jumped to 72.
        byte[] far = sender.protectRtp(rtp(40000, SSRC, 20), 72);
        for (int i = 0; i < SrtpContext.RESEARCH_AFTER_FAILURES; i++) {
            assertThat(receiver.unprotectRtp(far, 0, far.length, new byte[far.length], 0)).isEqualTo(SrtpContext.AUTH_FAILED);
        }
        byte[] p = rtp(40001, SSRC, 20);
        assertThat(decrypts(receiver, sender.protectRtp(p, 71), p)).isEqualTo(71);
    }

    @Test
    void searchesForAnUnknownRolloverAreBounded() {
        SrtpPolicy policy = SrtpPolicy.of(key(SrtpSuite.AES_CM_128_HMAC_SHA1_80));
        SrtpProtector stranger = new SrtpProtector(SrtpPolicy.of(key(SrtpSuite.AES_CM_128_HMAC_SHA1_80, 99, new byte[0], 0)));
        SrtpContext receiver = new SrtpContext(policy);
        int perSearch = SrtpContext.ROC_SEARCH_LIMIT + 1;
        for (int seq = 0; seq < SrtpContext.FULL_SEARCHES; seq++) {
            byte[] p = stranger.protectRtp(rtp(seq, SSRC, 20), 0);
            assertThat(receiver.unprotectRtp(p, 0, p.length, new byte[p.length], 0)).isEqualTo(SrtpContext.AUTH_FAILED);
        }
        assertThat(receiver.rtpTagChecks).isEqualTo((long) SrtpContext.FULL_SEARCHES * perSearch);
        for (int seq = 0; seq < 4 * SrtpContext.THROTTLED_SEARCH_INTERVAL; seq++) {
            byte[] p = stranger.protectRtp(rtp(1000 + seq, SSRC, 20), 0);
            assertThat(receiver.unprotectRtp(p, 0, p.length, new byte[p.length], 0)).isEqualTo(SrtpContext.AUTH_FAILED);
        }
        assertThat(receiver.rtpTagChecks).isEqualTo((long) (SrtpContext.FULL_SEARCHES + 4) * perSearch);
        // The right key still gets through on the next searching packet.
        SrtpProtector sender = new SrtpProtector(policy);
        int found = -1;
        for (int seq = 0; seq < SrtpContext.THROTTLED_SEARCH_INTERVAL && found < 0; seq++) {
            byte[] plain = rtp(2000 + seq, SSRC, 20);
            byte[] p = sender.protectRtp(plain, 9);
            if (receiver.unprotectRtp(p, 0, p.length, new byte[p.length], 0) == plain.length) {
                found = seq;
            }
        }
        assertThat(found).isNotNegative();
        assertThat(receiver.rolloverCounter(SSRC)).isEqualTo(9);
    }

    @Test
    void damagedPacketFailsAndTheStreamGoesOn() {
        for (SrtpSuite suite : SUITES) {
            SrtpPolicy policy = SrtpPolicy.of(key(suite));
            SrtpProtector sender = new SrtpProtector(policy);
            SrtpContext receiver = new SrtpContext(policy);
            byte[] p = rtp(1, SSRC, 160);
            decrypts(receiver, sender.protectRtp(p, 0), p);
            byte[] damaged = sender.protectRtp(rtp(2, SSRC, 160), 0);
            damaged[40] ^= 0x10;
            byte[] out = new byte[damaged.length];
            assertThat(receiver.unprotectRtp(damaged, 0, damaged.length, out, 0)).isEqualTo(SrtpContext.AUTH_FAILED);
            assertThat(out).containsOnly(0);
            byte[] wrongKey = new SrtpProtector(SrtpPolicy.of(key(suite, 2, new byte[0], 0))).protectRtp(rtp(3, SSRC, 160), 0);
            assertThat(receiver.unprotectRtp(wrongKey, 0, wrongKey.length, out, 0)).isEqualTo(SrtpContext.AUTH_FAILED);
            assertThat(out).containsOnly(0);
            p = rtp(4, SSRC, 160);
            assertThat(decrypts(receiver, sender.protectRtp(p, 0), p)).isZero();
        }
    }

    @Test
    void mkiSelectsTheMasterKey() {
        for (SrtpSuite suite : new SrtpSuite[] {SrtpSuite.AES_CM_128_HMAC_SHA1_32, SrtpSuite.AEAD_AES_128_GCM}) {
            SrtpPolicy policy = new SrtpPolicy(suite, List.of(key(suite, 1, hex("00000001"), 0), key(suite, 2, hex("00000002"), 0)),
                    true, true, true, 0);
            SrtpContext receiver = new SrtpContext(policy);
            SrtpProtector first = new SrtpProtector(policy, 0);
            SrtpProtector second = new SrtpProtector(policy, 1);
            for (int seq = 0; seq < 10; seq++) {
                byte[] p = rtp(seq, SSRC, 160);
                byte[] srtp = (seq % 3 == 0 ? second : first).protectRtp(p, 0);
                decrypts(receiver, srtp, p);
                byte[] c = rtcp(SSRC, seq);
                byte[] srtcp = (seq % 2 == 0 ? second : first).protectRtcp(c, seq);
                byte[] out = new byte[srtcp.length];
                assertThat(receiver.unprotectRtcp(srtcp, 0, srtcp.length, out, 0)).isEqualTo(c.length);
                assertThat(Arrays.copyOf(out, c.length)).isEqualTo(c);
            }
            SrtpPolicy third = new SrtpPolicy(suite, List.of(key(suite, 1, hex("00000003"), 0)), true, true, true, 0);
            byte[] unknown = new SrtpProtector(third).protectRtp(rtp(11, SSRC, 160), 0);
            assertThat(receiver.unprotectRtp(unknown, 0, unknown.length, new byte[unknown.length], 0)).isEqualTo(SrtpContext.UNKNOWN_MKI);
            byte[] unknownRtcp = new SrtpProtector(third).protectRtcp(rtcp(SSRC, 1), 11);
            assertThat(receiver.unprotectRtcp(unknownRtcp, 0, unknownRtcp.length, new byte[unknownRtcp.length], 0))
                    .isEqualTo(SrtpContext.UNKNOWN_MKI);
            // The MKI is not a key: one that names key 1 on a packet of key 2 fails authentication.
            byte[] swapped = second.protectRtp(rtp(12, SSRC, 160), 0);
            int mkiAt = suite.cipher() == SrtpSuite.Cipher.AES_GCM ? swapped.length - 1 : swapped.length - suite.rtpTagLength() - 1;
            swapped[mkiAt] = 1;
            assertThat(receiver.unprotectRtp(swapped, 0, swapped.length, new byte[swapped.length], 0)).isEqualTo(SrtpContext.AUTH_FAILED);
        }
    }

    @Test
    void packetsBeyondAKeyLifetimeStillDecryptAndAreCounted() {
        SrtpMasterKey key = key(SrtpSuite.AES_CM_128_HMAC_SHA1_80, 1, new byte[0], 10);
        SrtpPolicy policy = SrtpPolicy.of(key);
        SrtpProtector sender = new SrtpProtector(policy);
        SrtpContext receiver = new SrtpContext(policy);
        for (int seq = 0; seq < 12; seq++) {
            byte[] p = rtp(seq, SSRC, 160);
            decrypts(receiver, sender.protectRtp(p, 0), p);
        }
        byte[] c = rtcp(SSRC, 0);
        byte[] srtcp = sender.protectRtcp(c, 0);
        assertThat(receiver.unprotectRtcp(srtcp, 0, srtcp.length, new byte[srtcp.length], 0)).isEqualTo(c.length);
        assertThat(receiver.keyLifetimeExceeded()).isEqualTo(3);
    }

    @Test
    void keyDerivationRateRederivesAsTheIndexAdvances() {
        for (SrtpSuite suite : new SrtpSuite[] {SrtpSuite.AES_CM_128_HMAC_SHA1_80, SrtpSuite.AEAD_AES_256_GCM}) {
            SrtpMasterKey key = key(suite);
            SrtpPolicy policy = new SrtpPolicy(suite, List.of(key), true, true, true, 16);
            SrtpProtector sender = new SrtpProtector(policy);
            SrtpContext receiver = new SrtpContext(policy);
            SrtpContext once = new SrtpContext(SrtpPolicy.of(key));
            for (long index = 65536 * 2 - 40; index < 65536 * 2 + 40; index++) {
                byte[] p = rtp((int) (index & 0xffff), SSRC, 100);
                byte[] srtp = sender.protectRtp(p, index >>> 16);
                decrypts(receiver, srtp, p);
                assertThat(once.unprotectRtp(srtp, 0, srtp.length, new byte[srtp.length], 0)).isEqualTo(SrtpContext.AUTH_FAILED);
                byte[] c = rtcp(SSRC, (int) index);
                byte[] srtcp = sender.protectRtcp(c, index);
                byte[] out = new byte[srtcp.length];
                assertThat(receiver.unprotectRtcp(srtcp, 0, srtcp.length, out, 0)).isEqualTo(c.length);
                assertThat(Arrays.copyOf(out, c.length)).isEqualTo(c);
            }
            // A stream first seen mid-stream is searched with the keys of each candidate's r.
            SrtpContext late = new SrtpContext(policy);
            byte[] p = rtp(1234, SSRC, 100);
            assertThat(decrypts(late, sender.protectRtp(p, 5), p)).isEqualTo(5);
        }
    }

    @Test
    void headerExtensionsCsrcsAndPaddingAreAuthenticatedAndCopiedInClear() {
        byte[] oneByte = hex("bede0002 10aa 21bbcc 00 3f00112233");
        byte[] twoByte = hex("10000002 0102aabb 0300 0000");
        byte[] otherProfile = hex("abcd0001 01020304");
        for (SrtpSuite suite : SUITES) {
            SrtpPolicy policy = SrtpPolicy.of(key(suite));
            SrtpProtector sender = new SrtpProtector(policy);
            SrtpContext receiver = new SrtpContext(policy);
            int seq = 0;
            for (byte[] extension : new byte[][] {null, oneByte, twoByte, otherProfile}) {
                for (long[] csrcs : new long[][] {{}, {1, 2, 3}, {0xffffffffL}}) {
                    byte[] p = rtp(seq, SSRC, csrcs, extension, RtpPackets.payload(seq, 160), seq % 3 == 0 ? 0 : 4 * (seq % 3));
                    byte[] srtp = sender.protectRtp(p, 0);
                    int header = SrtpContext.rtpHeaderLength(p, 0, p.length);
                    assertThat(Arrays.copyOf(srtp, header)).as("header in clear").isEqualTo(Arrays.copyOf(p, header));
                    decrypts(receiver, srtp, p);
                    if (extension != null) {
                        byte[] damaged = srtp.clone();
                        damaged[header - 1] ^= 1;
                        assertThat(receiver.unprotectRtp(damaged, 0, damaged.length, new byte[damaged.length], 0))
                                .as("%s: extension authenticated", suite).isEqualTo(SrtpContext.AUTH_FAILED);
                    }
                    seq++;
                }
            }
        }
    }

    @Test
    void unencryptedAndUnauthenticatedModesAndTheSrtcpEFlag() {
        SrtpSuite suite = SrtpSuite.AES_CM_128_HMAC_SHA1_80;
        SrtpMasterKey key = key(suite);
        SrtpPolicy clear = new SrtpPolicy(suite, List.of(key), false, false, true, 0);
        SrtpProtector sender = new SrtpProtector(clear);
        SrtpContext receiver = new SrtpContext(clear);
        byte[] p = rtp(5, SSRC, 160);
        byte[] srtp = sender.protectRtp(p, 0);
        assertThat(Arrays.copyOf(srtp, p.length)).as("payload in clear").isEqualTo(p);
        decrypts(receiver, srtp, p);
        byte[] c = rtcp(SSRC, 1);
        byte[] srtcp = sender.protectRtcp(c, 7);
        assertThat(srtcp[c.length] & 0x80).as("E flag clear").isZero();
        byte[] out = new byte[srtcp.length];
        assertThat(receiver.unprotectRtcp(srtcp, 0, srtcp.length, out, 0)).isEqualTo(c.length);
        assertThat(Arrays.copyOf(out, c.length)).isEqualTo(c);
        srtcp[12] ^= 1;
        assertThat(receiver.unprotectRtcp(srtcp, 0, srtcp.length, out, 0)).as("still authenticated").isEqualTo(SrtpContext.AUTH_FAILED);

        // The packet's E flag decides, whatever the policy said.
        SrtpContext encrypting = new SrtpContext(SrtpPolicy.of(key));
        srtcp = new SrtpProtector(SrtpPolicy.of(key)).protectRtcp(c, 8, false);
        assertThat(encrypting.unprotectRtcp(srtcp, 0, srtcp.length, out, 0)).isEqualTo(c.length);
        assertThat(Arrays.copyOf(out, c.length)).isEqualTo(c);

        SrtpPolicy unauthenticated = new SrtpPolicy(suite, List.of(key), true, true, false, 0);
        SrtpProtector plainSender = new SrtpProtector(unauthenticated);
        SrtpContext plainReceiver = new SrtpContext(unauthenticated);
        for (long index = 65530; index < 65540; index++) {
            p = rtp((int) (index & 0xffff), SSRC, 160);
            srtp = plainSender.protectRtp(p, index >>> 16);
            assertThat(srtp).hasSize(p.length);
            assertThat(decrypts(plainReceiver, srtp, p)).isEqualTo(index >>> 16);
        }
    }

    @Test
    void malformedPackets() {
        SrtpContext c = new SrtpContext(SrtpPolicy.of(key(SrtpSuite.AES_CM_128_HMAC_SHA1_80)));
        byte[] out = new byte[100];
        assertThat(c.unprotectRtp(new byte[21], 0, 21, out, 0)).as("version 0").isEqualTo(SrtpContext.MALFORMED);
        assertThat(c.unprotectRtp(hex("80000001 00000000 00000001 0102030405"), 0, 17, out, 0)).as("shorter than header and tag")
                .isEqualTo(SrtpContext.MALFORMED);
        assertThat(c.unprotectRtp(hex("90000001 00000000 00000001 bede0004 00000000000000000000"), 0, 26, out, 0))
                .as("extension longer than the packet").isEqualTo(SrtpContext.MALFORMED);
        assertThat(c.unprotectRtp(hex("8f000001 00000000 00000001 00000000000000000000"), 0, 22, out, 0))
                .as("15 CSRCs announced").isEqualTo(SrtpContext.MALFORMED);
        assertThat(c.unprotectRtcp(hex("81c90001 00000001 80000001 00000000000000000000"), 0, 21, out, 0))
                .as("no room for the SRTCP trailer").isEqualTo(SrtpContext.MALFORMED);
        assertThat(c.unprotectRtcp(hex("01c90001 00000001 80000001 00000000000000000000"), 0, 22, out, 0))
                .as("RTCP version 0").isEqualTo(SrtpContext.MALFORMED);
        assertThat(c.unprotectRtcp(hex("81c90001 00000001 80000001 00000000000000000000"), 0, 22, out, 0))
                .as("right size, wrong tag").isEqualTo(SrtpContext.AUTH_FAILED);
    }

    @Test
    void ssrcStateIsBoundedAndStreamsThatDecryptOutliveStrangers() {
        SrtpPolicy policy = SrtpPolicy.of(key(SrtpSuite.AES_CM_128_HMAC_SHA1_80));
        SrtpProtector sender = new SrtpProtector(policy);
        SrtpContext receiver = new SrtpContext(policy);
        byte[] p = rtp(1, SSRC, 160);
        decrypts(receiver, sender.protectRtp(p, 2), p);
        Random random = new Random(3);
        for (int i = 0; i < 300; i++) {
            byte[] garbage = sender.protectRtp(rtp(i, random.nextInt() & 0xffffffffL, 160), 0);
            garbage[garbage.length - 1] ^= 1;
            receiver.unprotectRtp(garbage, 0, garbage.length, new byte[garbage.length], 0);
        }
        assertThat(receiver.ssrcCount()).isEqualTo(SrtpContext.MAX_SSRCS);
        assertThat(receiver.rolloverCounter(SSRC)).isEqualTo(2);
        for (long ssrc = 1; ssrc <= SrtpContext.MAX_SSRCS + 1; ssrc++) {
            byte[] q = rtp(1, SSRC + ssrc, 160);
            decrypts(receiver, sender.protectRtp(q, 0), q);
        }
        assertThat(receiver.ssrcCount()).isEqualTo(SrtpContext.MAX_SSRCS);
        assertThat(receiver.rolloverCounter(SSRC)).as("least recently used, evicted").isEqualTo(-1);
        assertThat(receiver.rolloverCounter(SSRC + SrtpContext.MAX_SSRCS + 1)).isZero();
    }
}
