package org.callscope.bench;

/**
 * What to generate: {@code calls} concurrent G.711 calls with {@code seconds} of two-way media each,
 * losing {@code lossPercent} of RTP packets at random, all randomness drawn from {@code seed}.
 */
public record CorpusSpec(int calls, int seconds, double lossPercent, long seed) {
    /** Calls whose numbering still gives distinct 10.x.y.z addresses (see {@link CallAddressing}). */
    public static final int MAX_CALLS = 250 * 250;

    public CorpusSpec {
        if (calls < 1 || calls > MAX_CALLS) {
            throw new IllegalArgumentException("calls must be 1.." + MAX_CALLS + ": " + calls);
        }
        if (seconds < 1) {
            throw new IllegalArgumentException("seconds must be at least 1: " + seconds);
        }
        if (lossPercent < 0 || lossPercent > 100) {
            throw new IllegalArgumentException("loss must be 0..100 percent: " + lossPercent);
        }
    }

    /** RTP packets each direction of a call sends without loss: one per 20 ms. */
    public int packetsPerDirection() {
        return seconds * SyntheticCall.PACKETS_PER_SECOND;
    }

    /** Frames of the whole corpus when nothing is lost. */
    public long framesWithoutLoss() {
        return (long) calls * (SyntheticCall.SIP_MESSAGES + 2L * packetsPerDirection());
    }
}
