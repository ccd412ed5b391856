package org.callscope.engine.srtp;

/**
 * The SSRCs one context follows, at most {@code capacity}. Full, a new SSRC takes the slot of the
 * least recently used SSRC that never authenticated, or failing that of the least recently used
 * one, so a burst of packets with random SSRCs cannot push out streams that decrypt. Linear
 * search: a context serves one sender, which has one to a few SSRCs; the last hit is checked first.
 */
final class SsrcTable {
    private final SsrcState[] states;
    private int size;
    private long clock;
    private SsrcState last;

    SsrcTable(int capacity) {
        states = new SsrcState[capacity];
    }

    /** The state of {@code ssrc}, or null when it is not followed. */
    SsrcState find(long ssrc) {
        SsrcState s = last;
        if (s == null || s.ssrc != ssrc) {
            s = null;
            for (int i = 0; i < size; i++) {
                if (states[i].ssrc == ssrc) {
                    s = states[i];
                    break;
                }
            }
            if (s == null) {
                return null;
            }
            last = s;
        }
        s.lastUsed = ++clock;
        return s;
    }

    /** The state of {@code ssrc}, created (or taken over from another SSRC) when new. */
    SsrcState findOrAdd(long ssrc) {
        SsrcState s = find(ssrc);
        if (s != null) {
            return s;
        }
        if (size < states.length) {
            s = new SsrcState();
            states[size++] = s;
        } else {
            s = victim();
        }
        s.reset(ssrc);
        s.lastUsed = ++clock;
        last = s;
        return s;
    }

    private SsrcState victim() {
        SsrcState oldest = null;
        SsrcState oldestUnestablished = null;
        for (int i = 0; i < size; i++) {
            SsrcState s = states[i];
            if (oldest == null || s.lastUsed < oldest.lastUsed) {
                oldest = s;
            }
            if (!s.established && (oldestUnestablished == null || s.lastUsed < oldestUnestablished.lastUsed)) {
                oldestUnestablished = s;
            }
        }
        return oldestUnestablished != null ? oldestUnestablished : oldest;
    }

    int size() {
        return size;
    }
}
