package org.callscope.engine.rtp;

/**
 * Simulates a receiver's jitter buffer to count the packets a phone would have thrown away as too
 * late, the way VoIPmonitor rates a stream three times (fixed 50 ms, fixed 200 ms, adaptive up
 * to 500 ms). Fed once per packet in arrival order; plain fields, allocates nothing, owned by the
 * stream's worker thread.
 *
 * <p>Model. Each packet has a transit value {@code t = arrival - rtpTimestamp/clock} (ms). The
 * fastest packet seen so far defines zero network delay ({@code t_min}); a packet's lateness is
 * {@code t - t_min}. A packet is played if its lateness does not exceed the buffer delay
 * {@code d}, else it is discarded as late:
 * <ul>
 *   <li>fixed: {@code d} is constant;</li>
 *   <li>adaptive: {@code d} starts at {@link #ADAPTIVE_INITIAL_MILLIS}; a late packet grows it to
 *       that packet's lateness plus {@link #ADAPTIVE_GROW_MARGIN_MILLIS} (capped at the maximum);
 *       every played packet pulls it toward the observed lateness by 1/{@link #ADAPTIVE_SHRINK_DIVISOR}
 *       of the gap, so it shrinks slowly after a burst of jitter.</li>
 * </ul>
 * A packet earlier than every previous one lowers {@code t_min}: the buffer re-anchors, as a
 * real buffer does when it would overflow. The mean of {@code d} over played packets is the
 * buffering delay that {@link EModel} charges as delay impairment.
 */
final class JitterBufferSimulatorReference {
    /** VoIPmonitor's two fixed buffers and its adaptive ceiling (its jitterbuffer_f1/f2/adapt). */
    public static final double FIXED_SMALL_MILLIS = 50;
    public static final double FIXED_LARGE_MILLIS = 200;
    public static final double ADAPTIVE_MAX_MILLIS = 500;
    /** Start of the adaptive buffer: one typical 20-60 ms frame of headroom. */
    static final double ADAPTIVE_INITIAL_MILLIS = 50;
    /** Headroom added above the lateness of the packet that forced growth. */
    static final double ADAPTIVE_GROW_MARGIN_MILLIS = 10;
    /** Shrink speed: about a 1/e decay over 256 packets, ~5 s of 20 ms audio. */
    static final double ADAPTIVE_SHRINK_DIVISOR = 256;

    private final boolean adaptive;
    private final double maxDelayMillis;
    private double delayMillis;
    private boolean started;
    private double minTransitMillis;
    private long packets;
    private long discarded;
    private double delaySumMillis;

    private JitterBufferSimulatorReference(boolean adaptive, double initialMillis, double maxDelayMillis) {
        this.adaptive = adaptive;
        this.delayMillis = initialMillis;
        this.maxDelayMillis = maxDelayMillis;
    }

    /** A buffer that always holds {@code delayMillis}. */
    public static JitterBufferSimulatorReference fixed(double delayMillis) {
        return new JitterBufferSimulatorReference(false, delayMillis, delayMillis);
    }

    /** A buffer that grows on late packets up to {@code maxDelayMillis} and shrinks slowly. */
    public static JitterBufferSimulatorReference adaptive(double maxDelayMillis) {
        return new JitterBufferSimulatorReference(true, Math.min(ADAPTIVE_INITIAL_MILLIS, maxDelayMillis), maxDelayMillis);
    }

    /**
     * One packet.
     *
     * @param arrivalMillis arrival time, any fixed origin
     * @param mediaMillis RTP timestamp converted to ms (unwrapped), same origin for the stream
     * @return true when played, false when discarded as late
     */
    public boolean onPacket(double arrivalMillis, double mediaMillis) {
        double transit = arrivalMillis - mediaMillis;
        if (!started || transit < minTransitMillis) {
            started = true;
            minTransitMillis = transit;
        }
        return onLateness(transit - minTransitMillis);
    }

    /**
     * The part of {@link #onPacket} after the lateness is known, for a caller that feeds several
     * buffers the same packets and tracks the fastest transit once for all of them.
     */
    boolean onLateness(double lateness) {
        packets++;
        if (lateness > delayMillis) {
            discarded++;
            if (adaptive) {
                delayMillis = Math.min(maxDelayMillis, lateness + ADAPTIVE_GROW_MARGIN_MILLIS);
            }
            return false;
        }
        if (adaptive) {
            delayMillis -= (delayMillis - Math.max(lateness, ADAPTIVE_INITIAL_MILLIS)) / ADAPTIVE_SHRINK_DIVISOR;
        }
        delaySumMillis += delayMillis;
        return true;
    }

    public long packets() {
        return packets;
    }

    /** Packets thrown away because they came later than the buffer could wait. */
    public long discarded() {
        return discarded;
    }

    /** Mean buffering delay over played packets, ms (the configured delay before any packet). */
    public double meanDelayMillis() {
        long played = packets - discarded;
        return played == 0 ? delayMillis : delaySumMillis / played;
    }

    public double currentDelayMillis() {
        return delayMillis;
    }
}
