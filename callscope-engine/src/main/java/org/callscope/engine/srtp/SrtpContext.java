package org.callscope.engine.srtp;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.callscope.engine.bytes.Bytes;

/**
 * One sender's SRTP and SRTCP (RFC 3711, RFC 6188, RFC 7714), decryption side: authenticates and
 * decrypts packets with one {@link SrtpPolicy}, keeping per SSRC the rollover counter and highest
 * sequence number (and the session keys when the key derivation rate re-derives them).
 *
 * <p>Rollover counter: once an SSRC authenticated, each packet's index is estimated as in RFC 3711
 * Appendix A (sequence wrap both ways, reordering); if that index does not authenticate, the ones
 * 2^16 above and below are tried (a wrap seen late or early). An SSRC first seen mid-stream has an
 * unknown ROC: its packets are tried with ROC 0 to {@link #ROC_SEARCH_LIMIT} and the one that
 * authenticates is kept. A search that finds nothing costs {@code ROC_SEARCH_LIMIT + 1} tag checks;
 * after {@value #FULL_SEARCHES} such packets of one SSRC only every
 * {@value #THROTTLED_SEARCH_INTERVAL}th packet searches, the others fail at once. An established
 * SSRC whose packets fail {@value #RESEARCH_AFTER_FAILURES} times in a row searches again, from
 * its last ROC first. Without authentication (UNAUTHENTICATED_SRTP) the estimate is taken as it is,
 * starting from ROC 0.
 *
 * <p>Limits: at most {@link #MAX_SSRCS} SSRCs (see {@link SsrcTable} for who is evicted). A key
 * used for more packets than its lifetime still decrypts; {@link #keyLifetimeExceeded()} counts
 * those packets. No replay check: a monitor wants to see duplicates. Header extensions and CSRCs
 * are authenticated and copied, never encrypted (no RFC 6904 or RFC 9335).
 *
 * <p>One thread at a time. After the first packet of an SSRC nothing is allocated per packet,
 * except when a non-zero key derivation rate re-keys the ciphers.
 */
public final class SrtpContext {
    /** No candidate ROC authenticates (wrong key, damaged packet, or not this sender's). */
    public static final int AUTH_FAILED = -1;
    /** Too short for header and trailer, or not an RTP/RTCP version 2 header. */
    public static final int MALFORMED = -2;
    /** The packet's MKI matches none of the policy's keys. */
    public static final int UNKNOWN_MKI = -3;
    /** Highest ROC tried for an SSRC whose first packet is seen mid-stream: 64 × 65536 packets, about 15 hours at 50 packets/s. */
    public static final int ROC_SEARCH_LIMIT = 64;
    /** SSRCs one context follows at most. */
    public static final int MAX_SSRCS = 64;
    static final int FULL_SEARCHES = 16;
    static final int THROTTLED_SEARCH_INTERVAL = 16;
    static final int RESEARCH_AFTER_FAILURES = 16;

    private static final int RTP_HEADER = 12;
    private static final int RTCP_HEADER = 8;
    private static final int SRTCP_INDEX = 4;
    private static final int GCM_TAG = 16;
    private static final long MAX_ROC = 0xffffffffL;

    private final SrtpPolicy policy;
    private final SrtpSuite suite;
    private final boolean gcm;
    private final boolean aesCm;
    /** HMAC tag bytes on SRTP packets: 0 for GCM (its tag is the cipher's) and for UNAUTHENTICATED_SRTP. */
    private final int rtpHmacTagLength;
    private final int mkiLength;
    private final byte[][] mkis;
    private final long[] lifetimes;
    private final long[] keyPackets;
    private long keyLifetimeExceeded;
    /** log2 of the key derivation rate, or -1 when keys are derived once. */
    private final int kdrShift;
    private final SrtpKdf[] kdfs;
    private final SessionKeys[] sharedRtpKeys;
    private final SessionKeys[] sharedRtcpKeys;
    private final SsrcTable ssrcs = new SsrcTable(MAX_SSRCS);

    private final byte[] iv = new byte[AesCounterMode.BLOCK];
    private final byte[] mac = new byte[HmacSha1.LENGTH];
    private final byte[] hash = new byte[AesCounterMode.BLOCK];
    private final byte[] rtpComputedTag;
    private final byte[] rtpReceivedTag;
    private final byte[] rtcpComputedTag;
    private final byte[] rtcpReceivedTag;
    /** Tag checks of SRTP packets so far, candidates of ROC searches included. */
    long rtpTagChecks;
    /** The keys {@link #hash} was computed with for the packet at hand (GCM), or null. */
    private SessionKeys hashedWith;
    private int hashedGeneration;

    public SrtpContext(SrtpPolicy policy) {
        this(policy, null, null);
    }

    /** With session keys given directly (published vectors that start after the KDF): one key, kdr 0. */
    SrtpContext(SrtpPolicy policy, SessionKeys rtpKeys, SessionKeys rtcpKeys) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.suite = policy.suite();
        this.gcm = suite.cipher() == SrtpSuite.Cipher.AES_GCM;
        this.aesCm = suite.cipher() == SrtpSuite.Cipher.AES_CM;
        this.rtpHmacTagLength = gcm || !policy.rtpAuthenticated() ? 0 : suite.rtpTagLength();
        List<SrtpMasterKey> keys = policy.keys();
        this.mkiLength = policy.mkiLength();
        this.mkis = new byte[keys.size()][];
        this.lifetimes = new long[keys.size()];
        this.keyPackets = new long[keys.size()];
        this.kdfs = new SrtpKdf[keys.size()];
        long kdr = policy.keyDerivationRate();
        this.kdrShift = kdr == 0 ? -1 : Long.numberOfTrailingZeros(kdr);
        this.sharedRtpKeys = new SessionKeys[keys.size()];
        this.sharedRtcpKeys = new SessionKeys[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            mkis[i] = keys.get(i).mki();
            lifetimes[i] = keys.get(i).lifetime();
            if (rtpKeys == null) {
                kdfs[i] = new SrtpKdf(keys.get(i));
                if (kdrShift < 0) {
                    sharedRtpKeys[i] = SessionKeys.derived(suite, kdfs[i], false, 0);
                    sharedRtcpKeys[i] = SessionKeys.derived(suite, kdfs[i], true, 0);
                }
            }
        }
        if (rtpKeys != null) {
            if (keys.size() != 1 || kdrShift >= 0) {
                throw new IllegalArgumentException("fixed session keys need one master key and kdr 0");
            }
            sharedRtpKeys[0] = rtpKeys;
            sharedRtcpKeys[0] = rtcpKeys;
        }
        int rtpTag = gcm ? GCM_TAG : rtpHmacTagLength;
        int rtcpTag = gcm ? GCM_TAG : suite.rtcpTagLength();
        rtpComputedTag = new byte[rtpTag];
        rtpReceivedTag = new byte[rtpTag];
        rtcpComputedTag = new byte[rtcpTag];
        rtcpReceivedTag = new byte[rtcpTag];
    }

    public SrtpSuite suite() {
        return suite;
    }

    public SrtpPolicy policy() {
        return policy;
    }

    /**
     * Authenticates and decrypts one SRTP packet {@code in[off, off+len)} into {@code out} from
     * {@code outOff} ({@code out.length - outOff >= len}; {@code in} is never modified and must not
     * overlap that range of {@code out}).
     *
     * @return the plaintext RTP packet's length (fixed header, CSRCs, header extension, payload,
     *         padding; no MKI, no tag), or {@link #AUTH_FAILED}, {@link #MALFORMED},
     *         {@link #UNKNOWN_MKI}; on failure {@code out} holds no plaintext
     */
    public int unprotectRtp(byte[] in, int off, int len, byte[] out, int outOff) {
        Objects.checkFromIndexSize(off, len, in.length);
        Objects.checkFromIndexSize(outOff, len, out.length);
        int header = rtpHeaderLength(in, off, len);
        if (header < 0) {
            return MALFORMED;
        }
        int end = len - mkiLength - (gcm ? GCM_TAG : rtpHmacTagLength);
        if (end < header) {
            return MALFORMED;
        }
        int key = keyIndex(in, off + (gcm ? len - mkiLength : end));
        if (key < 0) {
            return UNKNOWN_MKI;
        }
        long ssrc = Bytes.u32(in, off + 8);
        int seq = Bytes.u16(in, off + 2);
        SsrcState state = ssrcs.findOrAdd(ssrc);
        hashedWith = null;
        long roc = findRoc(state, key, in, off, len, header, end, seq);
        if (roc < 0) {
            return AUTH_FAILED;
        }
        SessionKeys keys = rtpKeys(state, key, roc << 16 | seq);
        System.arraycopy(in, off, out, outOff, header);
        if (policy.rtpEncrypted() && keys.aes != null) {
            if (gcm) {
                gcmIv(keys.salt, ssrc, roc, seq, 2);
            } else {
                counterModeIv(keys.salt, ssrc, roc << 16 | seq);
            }
            keys.aes.xor(iv, in, off + header, out, outOff + header, end - header);
        } else {
            System.arraycopy(in, off + header, out, outOff + header, end - header);
        }
        state.advanceTo(roc, seq);
        countKeyUse(key);
        return end;
    }

    /**
     * Authenticates and decrypts one SRTCP packet (RTCP compound, E flag and 31-bit index, MKI,
     * tag; for GCM the tag precedes E and index) into {@code out} as {@link #unprotectRtp} does.
     * The E flag of the packet decides whether it is decrypted.
     *
     * @return the plaintext RTCP compound's length, or a negative code as for {@link #unprotectRtp}
     */
    public int unprotectRtcp(byte[] in, int off, int len, byte[] out, int outOff) {
        Objects.checkFromIndexSize(off, len, in.length);
        Objects.checkFromIndexSize(outOff, len, out.length);
        if (len < RTCP_HEADER || (in[off] & 0xc0) != 0x80) {
            return MALFORMED;
        }
        int tagLength = gcm ? GCM_TAG : suite.rtcpTagLength();
        int indexAt = len - mkiLength - SRTCP_INDEX - (gcm ? 0 : tagLength);
        int end = gcm ? indexAt - GCM_TAG : indexAt;
        if (end < RTCP_HEADER) {
            return MALFORMED;
        }
        int key = keyIndex(in, off + indexAt + SRTCP_INDEX);
        if (key < 0) {
            return UNKNOWN_MKI;
        }
        long word = Bytes.u32(in, off + indexAt);
        boolean encrypted = (word >>> 31) != 0;
        long index = word & 0x7fffffffL;
        long ssrc = Bytes.u32(in, off + 4);
        SessionKeys keys = rtcpKeys(ssrc, key, index);
        boolean authentic;
        if (gcm) {
            Ghash g = keys.ghash;
            g.reset();
            g.update(in, off, encrypted ? RTCP_HEADER : end);
            g.updateInt(word);
            g.padBlock();
            g.update(in, off + RTCP_HEADER, encrypted ? end - RTCP_HEADER : 0);
            g.finish(encrypted ? RTCP_HEADER + SRTCP_INDEX : end + SRTCP_INDEX, encrypted ? end - RTCP_HEADER : 0, hash, 0);
            gcmIv(keys.salt, ssrc, 0, index, 1);
            authentic = gcmTagMatches(keys, in, off + end, rtcpComputedTag, rtcpReceivedTag);
        } else {
            keys.hmac.begin();
            keys.hmac.update(in, off, indexAt + SRTCP_INDEX);
            keys.hmac.finish(mac);
            authentic = hmacTagMatches(in, off + len - tagLength, rtcpComputedTag, rtcpReceivedTag);
        }
        if (!authentic) {
            return AUTH_FAILED;
        }
        System.arraycopy(in, off, out, outOff, RTCP_HEADER);
        if (encrypted && keys.aes != null) {
            if (gcm) {
                gcmIv(keys.salt, ssrc, 0, index, 2);
            } else {
                counterModeIv(keys.salt, ssrc, index);
            }
            keys.aes.xor(iv, in, off + RTCP_HEADER, out, outOff + RTCP_HEADER, end - RTCP_HEADER);
        } else {
            System.arraycopy(in, off + RTCP_HEADER, out, outOff + RTCP_HEADER, end - RTCP_HEADER);
        }
        countKeyUse(key);
        return end;
    }

    /** The rollover counter of an SSRC whose packets authenticated, or -1. */
    public long rolloverCounter(long ssrc) {
        SsrcState s = ssrcs.find(ssrc);
        return s != null && s.established ? s.roc : -1;
    }

    /** Packets decrypted with a master key after it had protected as many packets as its lifetime allows. */
    public long keyLifetimeExceeded() {
        return keyLifetimeExceeded;
    }

    /** SSRCs currently followed (at most {@link #MAX_SSRCS}). */
    public int ssrcCount() {
        return ssrcs.size();
    }

    /** The authenticating ROC of this packet, or -1. */
    private long findRoc(SsrcState s, int key, byte[] in, int off, int len, int header, int end, int seq) {
        if (!gcm && rtpHmacTagLength == 0) {
            long v = s.established ? estimateRoc(s.roc, s.highestSeq, seq) : 0;
            return v < 0 ? 0 : Math.min(v, MAX_ROC);
        }
        if (s.established) {
            long v = estimateRoc(s.roc, s.highestSeq, seq);
            if (rtpAuthentic(s, key, v, in, off, len, header, end, seq)) {
                return v;
            }
            if (rtpAuthentic(s, key, v + 1, in, off, len, header, end, seq)) {
                return v + 1;
            }
            if (rtpAuthentic(s, key, v - 1, in, off, len, header, end, seq)) {
                return v - 1;
            }
            if (++s.consecutiveFailures >= RESEARCH_AFTER_FAILURES) {
                s.established = false;
                s.rocHint = s.roc;
                s.failedSearches = 0;
            }
            return -1;
        }
        boolean search = s.failedSearches < FULL_SEARCHES || s.failedSearches % THROTTLED_SEARCH_INTERVAL == 0;
        if (s.failedSearches < Integer.MAX_VALUE) {
            s.failedSearches++;
        }
        if (!search) {
            return -1;
        }
        long hint = s.rocHint;
        if (hint >= 0) {
            for (long v = hint - 1; v <= hint + 1; v++) {
                if (rtpAuthentic(s, key, v, in, off, len, header, end, seq)) {
                    return v;
                }
            }
        }
        for (long v = 0; v <= ROC_SEARCH_LIMIT; v++) {
            if ((hint < 0 || v < hint - 1 || v > hint + 1) && rtpAuthentic(s, key, v, in, off, len, header, end, seq)) {
                return v;
            }
        }
        return -1;
    }

    /** RFC 3711 Appendix A: the ROC of {@code seq} given the highest packet so far (may be -1 or 2^32). */
    static long estimateRoc(long roc, int highestSeq, int seq) {
        if (highestSeq < 32768) {
            return seq - highestSeq > 32768 ? roc - 1 : roc;
        }
        return highestSeq - 32768 > seq ? roc + 1 : roc;
    }

    private boolean rtpAuthentic(SsrcState s, int key, long roc, byte[] in, int off, int len, int header, int end, int seq) {
        if (roc < 0 || roc > MAX_ROC) {
            return false;
        }
        rtpTagChecks++;
        SessionKeys keys = rtpKeys(s, key, roc << 16 | seq);
        if (!gcm) {
            keys.hmac.begin();
            keys.hmac.update(in, off, end);
            keys.hmac.updateInt(roc);
            keys.hmac.finish(mac);
            return hmacTagMatches(in, off + len - rtpHmacTagLength, rtpComputedTag, rtpReceivedTag);
        }
        if (hashedWith != keys || hashedGeneration != keys.generation) {
            // GHASH does not depend on the ROC: one hash per packet serves every candidate.
            int aad = policy.rtpEncrypted() ? header : end;
            Ghash g = keys.ghash;
            g.reset();
            g.update(in, off, aad);
            g.padBlock();
            g.update(in, off + aad, end - aad);
            g.finish(aad, end - aad, hash, 0);
            hashedWith = keys;
            hashedGeneration = keys.generation;
        }
        gcmIv(keys.salt, s.ssrc, roc, seq, 1);
        return gcmTagMatches(keys, in, off + end, rtpComputedTag, rtpReceivedTag);
    }

    private boolean hmacTagMatches(byte[] in, int tagAt, byte[] computed, byte[] received) {
        System.arraycopy(mac, 0, computed, 0, computed.length);
        System.arraycopy(in, tagAt, received, 0, received.length);
        return MessageDigest.isEqual(computed, received);
    }

    /** GCM tag = E(K, J0) XOR GHASH, with J0 in {@link #iv} and GHASH in {@link #hash}. */
    private boolean gcmTagMatches(SessionKeys keys, byte[] in, int tagAt, byte[] computed, byte[] received) {
        keys.aes.encryptBlock(iv, 0, computed, 0);
        for (int i = 0; i < GCM_TAG; i++) {
            computed[i] ^= hash[i];
        }
        System.arraycopy(in, tagAt, received, 0, GCM_TAG);
        return MessageDigest.isEqual(computed, received);
    }

    /** RFC 3711 §4.1.1: IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (index * 2^16). */
    private void counterModeIv(byte[] salt, long ssrc, long index) {
        System.arraycopy(salt, 0, iv, 0, 14);
        iv[14] = 0;
        iv[15] = 0;
        for (int i = 0; i < 4; i++) {
            iv[7 - i] ^= (byte) (ssrc >>> (8 * i));
        }
        for (int i = 0; i < 6; i++) {
            iv[13 - i] ^= (byte) (index >>> (8 * i));
        }
    }

    /**
     * RFC 7714 §8.1 / §9.1: IV = salt XOR (00 00 || SSRC || ROC || SEQ) for SRTP and salt XOR
     * (00 00 || SSRC || 00 00 || 0 || index) for SRTCP; both are {@code high * 2^16 + low} in the
     * last six bytes (SRTCP: high 0, low the 31-bit index). The 32-bit block counter follows.
     */
    private void gcmIv(byte[] salt, long ssrc, long high, long low, int counter) {
        System.arraycopy(salt, 0, iv, 0, 12);
        for (int i = 0; i < 4; i++) {
            iv[5 - i] ^= (byte) (ssrc >>> (8 * i));
        }
        long tail = high << 16 | low;
        for (int i = 0; i < 6; i++) {
            iv[11 - i] ^= (byte) (tail >>> (8 * i));
        }
        Bytes.put32(iv, 12, counter);
    }

    private SessionKeys rtpKeys(SsrcState s, int key, long index) {
        if (kdrShift < 0) {
            return sharedRtpKeys[key];
        }
        if (s.rtpKeys == null) {
            s.rtpKeys = new SessionKeys[kdfs.length];
        }
        return perSsrcKeys(s.rtpKeys, key, false, index);
    }

    private SessionKeys rtcpKeys(long ssrc, int key, long index) {
        if (kdrShift < 0) {
            return sharedRtcpKeys[key];
        }
        SsrcState s = ssrcs.findOrAdd(ssrc);
        if (s.rtcpKeys == null) {
            s.rtcpKeys = new SessionKeys[kdfs.length];
        }
        return perSsrcKeys(s.rtcpKeys, key, true, index);
    }

    private SessionKeys perSsrcKeys(SessionKeys[] keys, int key, boolean rtcp, long index) {
        long r = index >>> kdrShift;
        if (keys[key] == null) {
            keys[key] = SessionKeys.derived(suite, kdfs[key], rtcp, r);
        } else {
            keys[key].deriveFor(r);
        }
        return keys[key];
    }

    private int keyIndex(byte[] in, int mkiAt) {
        if (mkiLength == 0) {
            return 0;
        }
        for (int i = 0; i < mkis.length; i++) {
            if (Arrays.equals(in, mkiAt, mkiAt + mkiLength, mkis[i], 0, mkiLength)) {
                return i;
            }
        }
        return -1;
    }

    private void countKeyUse(int key) {
        long used = ++keyPackets[key];
        if (lifetimes[key] > 0 && used > lifetimes[key]) {
            keyLifetimeExceeded++;
        }
    }

    /** Fixed header, CSRCs and header extension (RFC 3550 §5.1, §5.3.1), or -1 when they do not fit or the version is not 2. */
    static int rtpHeaderLength(byte[] in, int off, int len) {
        if (len < RTP_HEADER) {
            return -1;
        }
        int first = in[off] & 0xff;
        if (first >>> 6 != 2) {
            return -1;
        }
        int header = RTP_HEADER + 4 * (first & 0x0f);
        if ((first & 0x10) != 0) {
            if (len < header + 4) {
                return -1;
            }
            header += 4 + 4 * Bytes.u16(in, off + header + 2);
        }
        return header <= len ? header : -1;
    }
}
