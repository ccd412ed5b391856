package org.callscope.engine.media;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.callscope.engine.srtp.SrtpContext;
import org.callscope.engine.tls.keys.IpPort;

/**
 * The SRTP side of one stream: which key decrypts it, and what happened to its packets. Until a
 * key is found, every candidate key is tried on each packet (the one whose tag verifies wins); the
 * candidates are looked up again only when a key was added somewhere, so a stream without any
 * costs a comparison per packet.
 */
final class StreamDecryption {
    /** Packets in a row that no candidate authenticates before trying stops until a new key arrives. */
    static final int GIVE_UP_AFTER = 32;
    /** {@link #unprotectRtp} result: no key is known for the stream. */
    static final int NO_KEY = -100;
    /** {@link #unprotectRtp} result: SRTP decryption is switched off ({@code srtp_rtp = no}). */
    static final int DISABLED = -101;
    /**
     * Packets without a key are held this long (packet time) in case the key follows: a callee
     * may send media before the answer carrying its a=crypto key is on the wire, and a keylogger's
     * secret may trail its handshake.
     */
    static final long HOLD_NANOS = 2_000_000_000L;
    /** At most this many packets held per stream. */
    static final int MAX_HELD = 128;

    /** A packet seen before its key, kept as it came. */
    record Held(long tsNanos, byte[] packet) {
    }

    private final ArrayDeque<Held> held = new ArrayDeque<>();

    private final IpPort src;
    private final IpPort dst;
    private SrtpContext context;
    private SrtpCandidate chosen;
    private final List<SrtpCandidate> candidates = new ArrayList<>();
    private final List<SrtpContext> trial = new ArrayList<>();
    private int lookedAtRing = -1;
    private int lookedAtAnnouncements = -1;
    private int failuresInARow;
    private boolean hadUsableKey;
    /** A key may still come (the sender's SDP or the DTLS handshake's secret is not in yet): hold packets. */
    private boolean keyExpected;
    private String problem;
    long decrypted;
    long authFailures;
    long malformed;
    long withoutKey;

    private final SrtpKeyring ring;

    StreamDecryption(MediaStream s, SrtpKeyring ring) {
        this.ring = ring;
        this.src = SrtpKeyring.endpoint(s.srcAddr, s.srcPort);
        this.dst = SrtpKeyring.endpoint(s.dstAddr, s.dstPort);
    }

    /**
     * Authenticates and decrypts one SRTP packet into {@code out} (from index 0).
     *
     * @return the plaintext RTP length, or a negative {@link SrtpContext} code, or {@link #NO_KEY}
     */
    int unprotectRtp(MediaStream s, byte[] in, int off, int len, byte[] out, int announcements) {
        if (!ring.decryptsRtp()) {
            withoutKey++;
            return DISABLED;
        }
        boolean keysChanged = ring.version() != lookedAtRing || announcements != lookedAtAnnouncements;
        if (context != null) {
            int n = context.unprotectRtp(in, off, len, out, 0);
            if (n >= 0) {
                decrypted++;
                failuresInARow = 0;
                return n;
            }
            if (!keysChanged) {
                countFailure(n);
                return n;
            }
            // New keys since this one was chosen (a re-INVITE's a=crypto, a new DTLS handshake):
            // try them, and keep the old key last for packets still sent under it.
            SrtpContext old = context;
            SrtpCandidate oldChoice = chosen;
            context = null;
            lookUp(s, announcements);
            trial.add(old);
            candidates.add(oldChoice);
        } else if (keysChanged) {
            lookUp(s, announcements);
        }
        if (trial.isEmpty()) {
            withoutKey++;
            return NO_KEY;
        }
        if (failuresInARow >= GIVE_UP_AFTER) {
            authFailures++;
            return SrtpContext.AUTH_FAILED;
        }
        boolean allMalformed = true;
        for (int i = 0; i < trial.size(); i++) {
            int n = trial.get(i).unprotectRtp(in, off, len, out, 0);
            if (n >= 0) {
                context = trial.get(i);
                chosen = candidates.get(i);
                decrypted++;
                failuresInARow = 0;
                return n;
            }
            allMalformed &= n == SrtpContext.MALFORMED;
        }
        int result = allMalformed ? SrtpContext.MALFORMED : SrtpContext.AUTH_FAILED;
        countFailure(result);
        return result;
    }

    /**
     * Keeps a packet that had no key, dropping held packets older than {@link #HOLD_NANOS} before
     * it; nothing is kept when no key is expected (the sender's SDP came without one, no DTLS
     * handshake is waiting for its secret) or the keyring's budget is spent.
     */
    void hold(long tsNanos, byte[] in, int off, int len) {
        if (!keyExpected) {
            return;
        }
        while (!held.isEmpty() && (held.size() >= MAX_HELD || tsNanos - held.peekFirst().tsNanos() > HOLD_NANOS)) {
            ring.releaseHeld(held.pollFirst().packet().length);
        }
        if (ring.reserveHeld(len)) {
            held.addLast(new Held(tsNanos, java.util.Arrays.copyOfRange(in, off, off + len)));
        }
    }

    boolean hasHeld() {
        return !held.isEmpty();
    }

    /** The oldest held packet, removed; null when none. Counts it as no longer without a key. */
    Held takeHeld() {
        Held h = held.pollFirst();
        if (h != null) {
            ring.releaseHeld(h.packet().length);
            withoutKey--;
        }
        return h;
    }

    /** Decrypts a held packet with the key found since; the same results as {@link #unprotectRtp}. */
    int unprotectHeld(Held h, byte[] out) {
        int n = context.unprotectRtp(h.packet(), 0, h.packet().length, out, 0);
        if (n >= 0) {
            decrypted++;
        } else {
            countFailure(n);
        }
        return n;
    }

    /** The stream is reported: what is still held never gets its key. */
    void dropHeld() {
        while (!held.isEmpty()) {
            ring.releaseHeld(held.pollFirst().packet().length);
        }
    }

    /** Decrypts an SRTCP packet with this stream's key; {@link #NO_KEY} until RTP found one. */
    int unprotectRtcp(byte[] in, int off, int len, byte[] out) {
        return context == null ? NO_KEY : context.unprotectRtcp(in, off, len, out, 0);
    }

    private void countFailure(int code) {
        if (code == SrtpContext.MALFORMED) {
            malformed++;
        } else {
            authFailures++;
        }
        failuresInARow++;
    }

    private void lookUp(MediaStream s, int announcements) {
        lookedAtRing = ring.version();
        lookedAtAnnouncements = announcements;
        List<SrtpCandidate> found = new ArrayList<>();
        collect(s, found);
        candidates.clear();
        trial.clear();
        failuresInARow = 0;
        keyExpected = found.isEmpty() && (ring.dtlsPending(src, dst)
                || s.owner != null && s.sender != null && !s.owner.hasAnnounced(s.sender));
        for (SrtpCandidate c : found) {
            if (c.policy() == null) {
                problem = c.problem();
                continue;
            }
            hadUsableKey = true;
            candidates.add(c);
            trial.add(new SrtpContext(c.policy()));
        }
    }

    private void collect(MediaStream s, List<SrtpCandidate> into) {
        if (ring != null) {
            ring.candidates(src, dst, into);
        }
        if (s.owner != null && s.sender != null) {
            into.addAll(s.owner.sdesKeysSentBy(s.sender, s.endpoint == null ? 0 : s.endpoint.mediaIndex));
        }
    }

    /** Whether some packet was decrypted. */
    boolean decryptedAny() {
        return decrypted > 0;
    }

    /** Why nothing was decrypted, asked when the stream is reported; null when something was. */
    String reason(MediaStream s) {
        if (decrypted > 0) {
            return null;
        }
        if (!ring.decryptsRtp()) {
            return "decryption off (srtp_rtp = no)";
        }
        if (hadUsableKey) {
            return malformed > 0 && authFailures == 0 ? "malformed packets" : "authentication failed";
        }
        if (problem != null) {
            return problem;
        }
        List<SrtpCandidate> now = new ArrayList<>();
        collect(s, now);
        String later = null;
        for (SrtpCandidate c : now) {
            if (c.policy() != null) {
                return "key arrived too late";
            }
            later = c.problem();
        }
        if (later != null) {
            return later;
        }
        return "no key";
    }

    /** The suite of the key in use, or null. */
    String suite() {
        return context == null ? null : context.suite().name();
    }

    /** Where the key in use came from, or null. */
    String keySource() {
        return chosen == null ? null : chosen.source();
    }
}
