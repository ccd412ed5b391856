package org.callscope.engine.rtp;

import java.util.Arrays;

/**
 * Quality statistics of one RTP stream (one SSRC at one 5-tuple), fed once per packet in
 * arrival order. Plain fields, no allocation per packet, owned by the worker thread that owns
 * the stream; read the results from that thread or after the stream is handed off.
 *
 * <h2>Agreement with Wireshark</h2>
 * Packets, lost, sequence errors, max/mean delta and min/mean/max jitter follow Wireshark's RTP
 * stream analysis ({@code ui/tap-rtp-analysis.c}, {@code ui/tap-rtp-common.c}) so that the
 * numbers match {@code tshark -z rtp,streams}:
 * <ul>
 *   <li><b>Lost</b> = expected - received with expected =
 *       {@code last seq + 65536 * cycles - first seq + 1}; "last" is the last packet's sequence
 *       number, not the highest (RFC 3550 A.3 uses the highest). Duplicates make it negative,
 *       and tshark prints the negative value, so this does too. {@link #lostRfc3550()} gives the
 *       A.3 value from the extended highest sequence number.</li>
 *   <li><b>Jitter</b> (RFC 3550 §6.4.1, A.8, in ms): with {@code N(i) = (ts(i) - ts(0)) / clock}
 *       the nominal time and {@code R(i)} the arrival time of the i-th packet,
 *       {@code D = |R(i) - (R(j) + N(i) - N(j))|} against the previous packet j that had a
 *       known clock rate, and {@code J = J + (D - J) / 16}. Telephone-event packets (RFC 4733
 *       §2.2.1: their timestamp is the event start) and unknown dynamic types have no clock rate
 *       and leave J unchanged, but their arrival still becomes the previous arrival R(j), as in
 *       Wireshark. Packets whose timestamp lies before the first packet's (serial arithmetic,
 *       RFC 1982) are "wrong timestamp" and skip the calculation.</li>
 *   <li><b>Regular packets</b> feed max/mean delta and max/mean jitter: not the first, no
 *       marker bit, not comfort noise (13, 19), not right after comfort noise, not a wrong
 *       timestamp. The means use Wireshark's running formula
 *       {@code mean = (mean * (n - 1) + x) / n} where {@code n} counts all earlier packets.</li>
 *   <li><b>Delta</b> is the arrival gap to the previous in-timestamp-order packet, ms.</li>
 * </ul>
 * Wireshark divides clock rates by 1000 in integer arithmetic (44100 Hz becomes 44 per ms);
 * this class uses the exact rate, which is identical for all the usual 8/16/48/90 kHz clocks.
 *
 * <h2>Beyond Wireshark</h2>
 * Duplicates and out-of-order packets from a window of recently seen extended sequence numbers;
 * VoIPmonitor-style delay-variation histogram of D for regular packets (buckets 50-70, 70-90,
 * 90-120, 120-150, 150-200, 200-300, over 300 ms); and MOS through three jitter buffers simulated
 * as {@link JitterBufferSimulator} does and the {@link EModel}.
 *
 * <h2>Memory per packet</h2>
 * With thousands of concurrent streams, the cache lines a packet touches cost more than the
 * arithmetic. So the buffers' state is kept in this object's own fields (the buffer getters build
 * a simulator from it on request), the fields every packet uses are declared first, counters that
 * only irregular packets change sit in a separate object, and packets in sequence do not touch the
 * duplicate bitmap. {@code RtpStreamStatsEquivalenceTest} checks every getter against the plain
 * algorithm, bit for bit.
 */
public final class RtpStreamStats {
    /** VoIPmonitor's delay-distribution bucket lower bounds, ms (its d50 ... d300 CDR columns). */
    public static final int[] DELAY_BUCKET_MILLIS = {50, 70, 90, 120, 150, 200, 300};
    /** Sequence numbers remembered for duplicate detection: 1024 packets, 20 s of 20 ms audio. */
    static final int SEQUENCE_WINDOW = 1024;
    /** 32-bit timestamp half range: RFC 1982 serial arithmetic decides before/after with it. */
    private static final long HALF_TIMESTAMP_RANGE = 0x8000_0000L;
    private static final double NANOS_PER_MILLI = 1_000_000.0;
    private static final double SMALL = JitterBufferSimulator.FIXED_SMALL_MILLIS;
    private static final double LARGE = JitterBufferSimulator.FIXED_LARGE_MILLIS;
    private static final double ADAPTIVE_MAX = JitterBufferSimulator.ADAPTIVE_MAX_MILLIS;

    // Field order matters: HotSpot lays out 8-byte fields first, in declaration order, then the
    // 4-byte ones. The state every packet reads or writes comes first so that it spans as few cache
    // lines as possible (with thousands of concurrent streams these loads are the cost per packet);
    // what only irregular packets touch lives in Irregular.

    // Wireshark's rtp_stat_t, in its names where they are not obvious.
    private long packets;
    private long payloadBytes;
    private long firstArrivalNanos;
    private long lastArrivalNanos;
    private double time;
    private double lastNominalTime;
    private double jitter;
    private double maxDelta;
    private double meanDelta;
    private double minDelta = -1;
    private double maxJitter;
    private double meanJitter;
    private double minJitter = -1;
    // Unwrapped timestamp for the jitter buffers.
    private long extendedTimestamp;
    // RFC 3550 A.1 style highest extended sequence; see trackSequenceWindow for runStart.
    private long maxExtendedSeq;
    private long runStart;
    // The three jitter buffers (see JitterBufferSimulator#onLateness) see the same packets, so
    // they share the packet count and the fastest transit (their zero delay). The fixed ones
    // need only their discard count (their delay sum is delay x played, exact for whole
    // milliseconds); the adaptive one also its delay and delay sum.
    private long bufferedPackets;
    private double minTransitMillis;
    private double adaptiveDelayMillis = Math.min(JitterBufferSimulator.ADAPTIVE_INITIAL_MILLIS, ADAPTIVE_MAX);
    private double adaptiveDelaySumMillis;

    private int firstTimestamp;
    private int lastTimestamp;
    private int clockRateHz;
    private int telephoneEventPayloadType = -1;
    private int startSeq;
    private int stopSeq;
    private int seqNum;
    private int seqCycles;
    private int pt = -1;
    private int currentClockRate;
    private int firstPayloadType = -1;
    private boolean under;
    private EModel.Codec codec;
    private final Irregular irregular = new Irregular();

    /**
     * Counts and memory that only irregular packets touch (markers, payload type changes, loss,
     * reordering, duplicates, large delay variation, late packets), kept apart from the state
     * every packet touches.
     */
    private static final class Irregular {
        long markers;
        long payloadTypeChanges;
        long sequenceErrors;
        long duplicates;
        long outOfOrder;
        long minExtendedSeq;
        long discardedSmall;
        long discardedLarge;
        long discardedAdaptive;
        /** Ring of recently seen extended sequence numbers below runStart, one bit each. */
        final long[] seen = new long[SEQUENCE_WINDOW / Long.SIZE];
        final long[] delayBuckets = new long[DELAY_BUCKET_MILLIS.length];
    }

    /**
     * Clock rate for dynamic payload types (from SDP {@code a=rtpmap}). Static types always use
     * RFC 3551 table 4, as Wireshark does; 0 means "unknown", which disables jitter for them.
     */
    public void setClockRate(int hz) {
        this.clockRateHz = Math.max(0, hz);
    }

    /** The dynamic payload type that SDP maps to telephone-event (RFC 4733), -1 for none. */
    public void setTelephoneEventPayloadType(int payloadType) {
        this.telephoneEventPayloadType = payloadType;
    }

    /** Codec impairment used for MOS; by default derived from the first audio payload type. */
    public void setCodec(EModel.Codec codec) {
        this.codec = codec;
    }

    /**
     * One packet of the stream, in arrival order.
     *
     * @param arrivalNanos capture time, any fixed origin (packet time is the only clock)
     * @param sequence 16-bit RTP sequence number
     * @param rtpTimestamp 32-bit RTP timestamp, unsigned
     * @param payloadLength payload bytes after header, extension and padding
     */
    public void onPacket(long arrivalNanos, int sequence, long rtpTimestamp, int payloadType, boolean marker,
            int payloadLength) {
        sequence &= 0xffff;
        rtpTimestamp &= 0xffff_ffffL;
        payloadType &= 0x7f;
        packets++;
        payloadBytes += Math.max(0, payloadLength);
        if (marker) {
            irregular.markers++;
        }
        trackSequenceWindow(sequence);
        int clock = clockRateOf(payloadType);
        if (packets == 1) {
            first(arrivalNanos, sequence, rtpTimestamp, payloadType, clock);
            return;
        }
        lastArrivalNanos = arrivalNanos;
        double now = (arrivalNanos - firstArrivalNanos) / NANOS_PER_MILLI;

        boolean inTimeSequence = ((rtpTimestamp - firstTimestamp) & 0xffff_ffffL) < HALF_TIMESTAMP_RANGE;
        trackCycles(sequence, inTimeSequence);
        trackSequenceErrors(sequence, inTimeSequence);

        boolean comfortNoise = RtpCodecs.isComfortNoise(payloadType);
        boolean followsComfortNoise = RtpCodecs.isComfortNoise(pt);
        if (payloadType != pt) {
            irregular.payloadTypeChanges++;
        }
        pt = payloadType;

        extendedTimestamp += (int) (rtpTimestamp - lastTimestamp);
        lastTimestamp = (int) rtpTimestamp;
        double diff = 0;
        double currentJitter = 0;
        double delta = 0;
        // The jitter buffers' media time equals the nominal time while the unwrapped timestamp
        // equals the 32-bit offset from the first one: one division serves both.
        double mediaMillis = Double.NaN;
        if (inTimeSequence) {
            if (clock != 0) {
                if (currentClockRate != clock) {
                    currentClockRate = clock;
                }
                long nominalUnits = (rtpTimestamp - firstTimestamp) & 0xffff_ffffL;
                double nominalTime = nominalUnits * 1000.0 / clock;
                if (nominalUnits == extendedTimestamp) {
                    mediaMillis = nominalTime;
                }
                double expected = time + (nominalTime - lastNominalTime);
                diff = Math.abs(now - expected);
                currentJitter = (15 * jitter + diff) / 16;
                jitter = currentJitter;
                lastNominalTime = nominalTime;
            }
            delta = now - time;
        }

        boolean regular = !marker && !comfortNoise && inTimeSequence && !followsComfortNoise;
        if (regular) {
            if (delta > maxDelta) {
                maxDelta = delta;
            }
            if (minDelta == -1 || delta < minDelta) {
                minDelta = delta;
            }
            long n = packets - 1;
            meanDelta = (meanDelta * (n - 1) + delta) / n;
            if (clock != 0) {
                if (jitter > maxJitter) {
                    maxJitter = jitter;
                }
                meanJitter = (meanJitter * (n - 1) + currentJitter) / n;
                if (minJitter == -1 || jitter < minJitter) {
                    minJitter = jitter;
                }
                countDelay(diff);
            }
        }
        if (inTimeSequence) {
            time = now;
        }
        stopSeq = sequence;
        feedJitterBuffers(now, mediaMillis, payloadType, clock);
    }

    private void first(long arrivalNanos, int sequence, long rtpTimestamp, int payloadType, int clock) {
        firstArrivalNanos = arrivalNanos;
        lastArrivalNanos = arrivalNanos;
        startSeq = sequence;
        stopSeq = sequence;
        seqNum = sequence;
        firstTimestamp = (int) rtpTimestamp;
        lastTimestamp = (int) rtpTimestamp;
        time = 0;
        pt = payloadType;
        firstPayloadType = payloadType;
        if (clock != 0) {
            currentClockRate = clock;
        }
        feedJitterBuffers(0, Double.NaN, payloadType, clock);
    }

    /** Wireshark's wrap counter: a sequence below the first one starts a new cycle. */
    private void trackCycles(int sequence, boolean inTimeSequence) {
        if (!inTimeSequence) {
            return;
        }
        if (sequence < startSeq && !under) {
            seqCycles++;
            under = true;
        } else if (sequence == 0 && stopSeq == 65535 && !under) {
            seqCycles++;
            under = true;
        } else if (sequence > startSeq && under) {
            under = false;
        }
    }

    /** Wireshark's "sequence errors": gaps, late and duplicated packets, one count each. */
    private void trackSequenceErrors(int sequence, boolean inTimeSequence) {
        if (inTimeSequence && (seqNum + 1 == sequence || (seqNum == 65535 && sequence == 0))) {
            seqNum = sequence;
        } else if (inTimeSequence && (seqNum + 1 < sequence || seqNum - sequence > 0xff00)) {
            // Far below the last: the packets announcing the wrap were lost (Wireshark #5958).
            seqNum = sequence;
            irregular.sequenceErrors++;
        } else if (seqNum + 1 > sequence) {
            irregular.sequenceErrors++;
        }
    }

    /**
     * Duplicate and out-of-order detection over the last {@link #SEQUENCE_WINDOW} extended
     * sequence numbers. Position p (in the window below the highest, maxExtendedSeq) was seen when
     * {@code p >= runStart} or its bit in the ring is set: runStart begins the run of consecutive
     * numbers that ends at the highest, so packets in order touch no bitmap at all; the run is
     * written into the ring only when a gap ends it. Bits at or above runStart are stale and
     * never read; bits below it are exact.
     */
    private void trackSequenceWindow(int sequence) {
        if (packets == 1) {
            maxExtendedSeq = sequence;
            runStart = sequence;
            irregular.minExtendedSeq = sequence;
            return;
        }
        int d = (short) (sequence - (int) (maxExtendedSeq & 0xffff));
        long ext = maxExtendedSeq + d;
        if (d == 1) {
            maxExtendedSeq = ext;
        } else if (d > 0) {
            gap(ext);
        } else if (-d < SEQUENCE_WINDOW && (ext >= runStart || isMarked(ext))) {
            irregular.duplicates++;
        } else {
            Irregular x = irregular;
            x.outOfOrder++;
            x.minExtendedSeq = Math.min(x.minExtendedSeq, ext);
            if (-d < SEQUENCE_WINDOW) {
                mark(ext);
            }
        }
    }

    /** A jump forward to {@code ext}: everything between the highest and it is unseen. */
    private void gap(long ext) {
        long[] seen = irregular.seen;
        if (ext - maxExtendedSeq >= SEQUENCE_WINDOW) {
            Arrays.fill(seen, 0);
        } else {
            setRing(seen, Math.max(runStart, ext - SEQUENCE_WINDOW + 1), maxExtendedSeq, true);
            setRing(seen, maxExtendedSeq + 1, ext - 1, false);
        }
        maxExtendedSeq = ext;
        runStart = ext;
    }

    /** Sets or clears the ring bits of positions {@code from..to} (fewer than the window), word by word. */
    private static void setRing(long[] seen, long from, long to, boolean value) {
        long p = from;
        while (p <= to) {
            int i = (int) p & (SEQUENCE_WINDOW - 1);
            int bit = i & 63;
            long n = Math.min(64 - bit, to - p + 1);
            long mask = (n == 64 ? -1L : (1L << n) - 1) << bit;
            if (value) {
                seen[i >>> 6] |= mask;
            } else {
                seen[i >>> 6] &= ~mask;
            }
            p += n;
        }
    }

    // SEQUENCE_WINDOW is a power of two: the mask is floorMod, negative values included.
    private void mark(long ext) {
        int i = (int) ext & (SEQUENCE_WINDOW - 1);
        irregular.seen[i >>> 6] |= 1L << (i & 63);
    }

    private boolean isMarked(long ext) {
        int i = (int) ext & (SEQUENCE_WINDOW - 1);
        return (irregular.seen[i >>> 6] & (1L << (i & 63))) != 0;
    }

    private void countDelay(double diffMillis) {
        if (diffMillis < DELAY_BUCKET_MILLIS[0]) {
            return;
        }
        for (int i = DELAY_BUCKET_MILLIS.length - 1; i >= 0; i--) {
            if (diffMillis >= DELAY_BUCKET_MILLIS[i]) {
                irregular.delayBuckets[i]++;
                return;
            }
        }
    }

    private int clockRateOf(int payloadType) {
        if (payloadType < RtpCodecs.FIRST_DYNAMIC) {
            return RtpCodecs.staticClockRate(payloadType);
        }
        return payloadType == telephoneEventPayloadType ? 0 : clockRateHz;
    }

    /**
     * {@code mediaMillis} is the unwrapped timestamp in ms when already computed, else NaN. Same
     * as {@link JitterBufferSimulator#onPacket} on each buffer, with the transit work done once.
     */
    private void feedJitterBuffers(double nowMillis, double mediaMillis, int payloadType, int clock) {
        // Comfort noise and events carry no speech to play out; timestamps of events are the
        // event start (RFC 4733 §2.2.1), so they would look late.
        if (clock == 0 || RtpCodecs.isComfortNoise(payloadType)) {
            return;
        }
        if (Double.isNaN(mediaMillis)) {
            mediaMillis = extendedTimestamp * 1000.0 / clock;
        }
        double transit = nowMillis - mediaMillis;
        if (bufferedPackets == 0 || transit < minTransitMillis) {
            minTransitMillis = transit;
        }
        bufferedPackets++;
        double lateness = transit - minTransitMillis;
        // JitterBufferSimulator#onLateness for the two fixed buffers and the adaptive one.
        if (lateness > SMALL) {
            irregular.discardedSmall++;
            if (lateness > LARGE) {
                irregular.discardedLarge++;
            }
        }
        if (lateness > adaptiveDelayMillis) {
            irregular.discardedAdaptive++;
            adaptiveDelayMillis = JitterBufferSimulator.adaptiveDelayAfterLate(lateness, ADAPTIVE_MAX);
        } else {
            adaptiveDelayMillis = JitterBufferSimulator.adaptiveDelayAfterPlayed(adaptiveDelayMillis, lateness);
            adaptiveDelaySumMillis += adaptiveDelayMillis;
        }
    }

    /** Packets received, duplicates included. */
    public long packets() {
        return packets;
    }

    /** Wireshark's expected count: last minus first sequence plus one, with wraps. */
    public long expected() {
        return packets == 0 ? 0 : (long) stopSeq + 65536L * seqCycles - startSeq + 1;
    }

    /** Lost as tshark reports it: expected - received; negative with duplicates. */
    public long lost() {
        return expected() - packets;
    }

    /** RFC 3550 A.3: extended highest sequence minus first, plus one, minus received. */
    public long lostRfc3550() {
        return packets == 0 ? 0 : maxExtendedSeq - startSeq + 1 - packets;
    }

    /**
     * Sequence numbers between the lowest and the highest received that never arrived: loss
     * that neither duplicates nor reordering (not even of the first packet) can distort.
     */
    public long missing() {
        return packets == 0 ? 0 : Math.max(0, maxExtendedSeq - irregular.minExtendedSeq + 1 - (packets - irregular.duplicates));
    }

    public long duplicates() {
        return irregular.duplicates;
    }

    /** Packets that arrived after a higher sequence number and were not duplicates. */
    public long outOfOrder() {
        return irregular.outOfOrder;
    }

    /** Wireshark's sequence-error count ("Problems" when non-zero). */
    public long sequenceErrors() {
        return irregular.sequenceErrors;
    }

    /** Current interarrival jitter, ms. */
    public double jitterMillis() {
        return jitter;
    }

    public double meanJitterMillis() {
        return meanJitter;
    }

    public double maxJitterMillis() {
        return maxJitter;
    }

    /** Smallest jitter over regular packets, ms; -1 before the second regular packet. */
    public double minJitterMillis() {
        return minJitter;
    }

    /** Largest gap between consecutive in-order arrivals over regular packets, ms. */
    public double maxDeltaMillis() {
        return maxDelta;
    }

    public double meanDeltaMillis() {
        return meanDelta;
    }

    /** -1 until a regular packet was seen. */
    public double minDeltaMillis() {
        return minDelta;
    }

    public long firstArrivalNanos() {
        return firstArrivalNanos;
    }

    public long lastArrivalNanos() {
        return lastArrivalNanos;
    }

    public int firstPayloadType() {
        return firstPayloadType;
    }

    /** Packets whose payload type differed from the previous packet's. */
    public long payloadTypeChanges() {
        return irregular.payloadTypeChanges;
    }

    public long markers() {
        return irregular.markers;
    }

    public long payloadBytes() {
        return payloadBytes;
    }

    /** Clock rate last used for jitter, Hz; 0 when none was known. */
    public int clockRate() {
        return currentClockRate;
    }

    /** Count of regular packets whose D fell in bucket {@code i} of {@link #DELAY_BUCKET_MILLIS}. */
    public long delayBucket(int i) {
        return irregular.delayBuckets[i];
    }

    /** The fixed 50 ms buffer's results, as a new simulator in the state it reached. Allocates. */
    public JitterBufferSimulator bufferSmall() {
        return JitterBufferSimulator.of(false, SMALL, SMALL, bufferedPackets, irregular.discardedSmall,
                fixedDelaySum(SMALL, irregular.discardedSmall));
    }

    /** The fixed 200 ms buffer's results, as a new simulator in the state it reached. Allocates. */
    public JitterBufferSimulator bufferLarge() {
        return JitterBufferSimulator.of(false, LARGE, LARGE, bufferedPackets, irregular.discardedLarge,
                fixedDelaySum(LARGE, irregular.discardedLarge));
    }

    /** The adaptive buffer's results, as a new simulator in the state it reached. Allocates. */
    public JitterBufferSimulator bufferAdaptive() {
        return JitterBufferSimulator.of(true, adaptiveDelayMillis, ADAPTIVE_MAX, bufferedPackets,
                irregular.discardedAdaptive, adaptiveDelaySumMillis);
    }

    /**
     * A fixed buffer adds its delay once per played packet; for a whole number of milliseconds
     * every partial sum is an integer below 2^53, so the sum is exactly delay x played.
     */
    private double fixedDelaySum(double delayMillis, long discarded) {
        return delayMillis * (bufferedPackets - discarded);
    }

    /** Mean delay of a buffer: its delay before any packet was played. */
    private static double meanDelay(double delaySumMillis, long played, double delayMillis) {
        return played == 0 ? delayMillis : delaySumMillis / played;
    }

    /** MOS behind a fixed 50 ms jitter buffer. */
    public double mosF1() {
        long discarded = irregular.discardedSmall;
        return mos(discarded, meanDelay(fixedDelaySum(SMALL, discarded), bufferedPackets - discarded, SMALL));
    }

    /** MOS behind a fixed 200 ms jitter buffer. */
    public double mosF2() {
        long discarded = irregular.discardedLarge;
        return mos(discarded, meanDelay(fixedDelaySum(LARGE, discarded), bufferedPackets - discarded, LARGE));
    }

    /** MOS behind an adaptive jitter buffer of at most 500 ms. */
    public double mosAdapt() {
        long discarded = irregular.discardedAdaptive;
        return mos(discarded, meanDelay(adaptiveDelaySumMillis, bufferedPackets - discarded, adaptiveDelayMillis));
    }

    /**
     * E-model MOS with loss = network loss ({@link #missing()}) plus buffer discards over
     * expected packets, and the buffer's mean delay as the delay impairment.
     */
    private double mos(long bufferDiscarded, double bufferMeanDelayMillis) {
        long networkLost = missing();
        long expected = packets - irregular.duplicates + networkLost;
        if (expected == 0) {
            return 0;
        }
        double lossPercent = 100.0 * (networkLost + bufferDiscarded) / expected;
        EModel.Codec c = codec != null ? codec : EModel.Codec.forPayloadType(firstPayloadType);
        return EModel.mos(c, Math.min(100, lossPercent), bufferMeanDelayMillis);
    }
}
