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
 * 90-120, 120-150, 150-200, 200-300, over 300 ms); and MOS through three
 * {@link JitterBufferSimulatorReference}s and the {@link EModel}.
 */
final class RtpStreamStatsReference {
    /** VoIPmonitor's delay-distribution bucket lower bounds, ms (its d50 ... d300 CDR columns). */
    public static final int[] DELAY_BUCKET_MILLIS = {50, 70, 90, 120, 150, 200, 300};
    /** Sequence numbers remembered for duplicate detection: 1024 packets, 20 s of 20 ms audio. */
    static final int SEQUENCE_WINDOW = 1024;
    /** 32-bit timestamp half range: RFC 1982 serial arithmetic decides before/after with it. */
    private static final long HALF_TIMESTAMP_RANGE = 0x8000_0000L;
    private static final double NANOS_PER_MILLI = 1_000_000.0;

    private int clockRateHz;
    private int telephoneEventPayloadType = -1;
    private EModel.Codec codec;

    // Wireshark's rtp_stat_t, in its names where they are not obvious.
    private long packets;
    private boolean started;
    private long firstArrivalNanos;
    private long lastArrivalNanos;
    private int startSeq;
    private int stopSeq;
    private int seqNum;
    private int seqCycles;
    private boolean under;
    private long sequenceErrors;
    private long firstTimestamp;
    private double time;
    private double lastNominalTime;
    private double delta;
    private double maxDelta;
    private double meanDelta;
    private double minDelta = -1;
    private double jitter;
    private double maxJitter;
    private double meanJitter;
    private double minJitter = -1;
    private int pt = -1;
    private int firstPayloadType = -1;
    private long payloadTypeChanges;
    private long markers;
    private long payloadBytes;
    private int currentClockRate;

    // RFC 3550 A.1 style highest extended sequence and the duplicate window.
    private long maxExtendedSeq;
    private long minExtendedSeq;
    private final long[] seen = new long[SEQUENCE_WINDOW / 64];
    private long duplicates;
    private long outOfOrder;

    private final long[] delayBuckets = new long[DELAY_BUCKET_MILLIS.length];

    // Unwrapped timestamp for the jitter buffers.
    private long lastTimestamp;
    private long extendedTimestamp;
    // The three buffers see the same packets, so the fastest transit (their zero delay) is shared.
    private boolean transitStarted;
    private double minTransitMillis;
    private final JitterBufferSimulatorReference bufferSmall = JitterBufferSimulatorReference.fixed(JitterBufferSimulatorReference.FIXED_SMALL_MILLIS);
    private final JitterBufferSimulatorReference bufferLarge = JitterBufferSimulatorReference.fixed(JitterBufferSimulatorReference.FIXED_LARGE_MILLIS);
    private final JitterBufferSimulatorReference bufferAdaptive = JitterBufferSimulatorReference.adaptive(JitterBufferSimulatorReference.ADAPTIVE_MAX_MILLIS);

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
            markers++;
        }
        trackSequenceWindow(sequence);
        int clock = clockRateOf(payloadType);
        if (!started) {
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
            payloadTypeChanges++;
        }
        pt = payloadType;

        extendedTimestamp += (int) (rtpTimestamp - lastTimestamp);
        lastTimestamp = rtpTimestamp;
        double diff = 0;
        double currentJitter = 0;
        // The jitter buffers' media time equals the nominal time while the unwrapped timestamp
        // equals the 32-bit offset from the first one: one division serves both.
        double mediaMillis = Double.NaN;
        if (inTimeSequence) {
            if (clock != 0) {
                currentClockRate = clock;
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
        started = true;
        firstArrivalNanos = arrivalNanos;
        lastArrivalNanos = arrivalNanos;
        startSeq = sequence;
        stopSeq = sequence;
        seqNum = sequence;
        firstTimestamp = rtpTimestamp;
        lastTimestamp = rtpTimestamp;
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
            sequenceErrors++;
        } else if (seqNum + 1 > sequence) {
            sequenceErrors++;
        }
    }

    private void trackSequenceWindow(int sequence) {
        if (packets == 1) {
            maxExtendedSeq = sequence;
            minExtendedSeq = sequence;
            mark(sequence);
            return;
        }
        int d = (short) (sequence - (int) (maxExtendedSeq & 0xffff));
        long ext = maxExtendedSeq + d;
        if (d > 0) {
            if (d >= SEQUENCE_WINDOW) {
                Arrays.fill(seen, 0);
            } else {
                for (long s = maxExtendedSeq + 1; s < ext; s++) {
                    clear(s);
                }
            }
            maxExtendedSeq = ext;
            mark(ext);
        } else if (-d < SEQUENCE_WINDOW && isMarked(ext)) {
            duplicates++;
        } else {
            outOfOrder++;
            minExtendedSeq = Math.min(minExtendedSeq, ext);
            if (-d < SEQUENCE_WINDOW) {
                mark(ext);
            }
        }
    }

    // SEQUENCE_WINDOW is a power of two: the mask is floorMod, negative values included.
    private void mark(long ext) {
        int i = (int) ext & (SEQUENCE_WINDOW - 1);
        seen[i >>> 6] |= 1L << (i & 63);
    }

    private void clear(long ext) {
        int i = (int) ext & (SEQUENCE_WINDOW - 1);
        seen[i >>> 6] &= ~(1L << (i & 63));
    }

    private boolean isMarked(long ext) {
        int i = (int) ext & (SEQUENCE_WINDOW - 1);
        return (seen[i >>> 6] & (1L << (i & 63))) != 0;
    }

    private void countDelay(double diffMillis) {
        if (diffMillis < DELAY_BUCKET_MILLIS[0]) {
            return;
        }
        for (int i = DELAY_BUCKET_MILLIS.length - 1; i >= 0; i--) {
            if (diffMillis >= DELAY_BUCKET_MILLIS[i]) {
                delayBuckets[i]++;
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
     * as {@link JitterBufferSimulatorReference#onPacket} on each buffer, with the transit work done once.
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
        if (!transitStarted || transit < minTransitMillis) {
            transitStarted = true;
            minTransitMillis = transit;
        }
        double lateness = transit - minTransitMillis;
        bufferSmall.onLateness(lateness);
        bufferLarge.onLateness(lateness);
        bufferAdaptive.onLateness(lateness);
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
        return packets == 0 ? 0 : Math.max(0, maxExtendedSeq - minExtendedSeq + 1 - (packets - duplicates));
    }

    public long duplicates() {
        return duplicates;
    }

    /** Packets that arrived after a higher sequence number and were not duplicates. */
    public long outOfOrder() {
        return outOfOrder;
    }

    /** Wireshark's sequence-error count ("Problems" when non-zero). */
    public long sequenceErrors() {
        return sequenceErrors;
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
        return payloadTypeChanges;
    }

    public long markers() {
        return markers;
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
        return delayBuckets[i];
    }

    public JitterBufferSimulatorReference bufferSmall() {
        return bufferSmall;
    }

    public JitterBufferSimulatorReference bufferLarge() {
        return bufferLarge;
    }

    public JitterBufferSimulatorReference bufferAdaptive() {
        return bufferAdaptive;
    }

    /** MOS behind a fixed 50 ms jitter buffer. */
    public double mosF1() {
        return mos(bufferSmall);
    }

    /** MOS behind a fixed 200 ms jitter buffer. */
    public double mosF2() {
        return mos(bufferLarge);
    }

    /** MOS behind an adaptive jitter buffer of at most 500 ms. */
    public double mosAdapt() {
        return mos(bufferAdaptive);
    }

    /**
     * E-model MOS with loss = network loss ({@link #missing()}) plus buffer discards over
     * expected packets, and the buffer's mean delay as the delay impairment.
     */
    private double mos(JitterBufferSimulatorReference buffer) {
        long networkLost = missing();
        long expected = packets - duplicates + networkLost;
        if (expected == 0) {
            return 0;
        }
        double lossPercent = 100.0 * (networkLost + buffer.discarded()) / expected;
        EModel.Codec c = codec != null ? codec : EModel.Codec.forPayloadType(firstPayloadType);
        return EModel.mos(c, Math.min(100, lossPercent), buffer.meanDelayMillis());
    }
}
