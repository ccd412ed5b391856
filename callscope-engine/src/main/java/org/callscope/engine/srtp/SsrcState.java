package org.callscope.engine.srtp;

/**
 * What an SRTP receiver keeps per SSRC (RFC 3711 §3.2.1): the rollover counter and highest
 * sequence number once a packet authenticated, the search for the ROC until then, and, when keys
 * are re-derived (kdr &gt; 0), the SSRC's own session keys. Reused when its slot is taken over.
 */
final class SsrcState {
    long ssrc;
    /** A packet authenticated: {@link #roc} and {@link #highestSeq} hold (RFC 3711 ROC and s_l). */
    boolean established;
    long roc;
    int highestSeq;
    /** Where to start looking when an established stream lost track (-1: none). */
    long rocHint;
    /** Packets of an unestablished SSRC whose ROC search found nothing. */
    int failedSearches;
    /** Packets of an established SSRC in a row that failed authentication. */
    int consecutiveFailures;
    long lastUsed;
    /** Per master key, only when the key derivation rate is not 0. */
    SessionKeys[] rtpKeys;
    SessionKeys[] rtcpKeys;

    void reset(long ssrc) {
        this.ssrc = ssrc;
        established = false;
        roc = 0;
        highestSeq = 0;
        rocHint = -1;
        failedSearches = 0;
        consecutiveFailures = 0;
    }

    /** Highest index seen so far is at least this one (RFC 3711 §3.3.1 update after authentication). */
    void advanceTo(long newRoc, int seq) {
        if (!established || newRoc > roc || newRoc == roc && seq > highestSeq) {
            roc = newRoc;
            highestSeq = seq;
        }
        established = true;
        failedSearches = 0;
        consecutiveFailures = 0;
        rocHint = -1;
    }
}
