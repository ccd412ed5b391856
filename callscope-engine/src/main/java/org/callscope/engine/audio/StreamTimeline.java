package org.callscope.engine.audio;

import java.util.Arrays;

/**
 * Where each audio packet of one stream lands in the output, in output samples from the call's
 * first packet. Packets are taken in extended sequence order, duplicates (same sequence number)
 * dropped and telephone events left out. The first packet sits at its arrival time; each next one
 * follows the previous by the RTP timestamp difference, so network jitter does not distort the
 * audio, unless the stream re-anchors at the packet's own arrival time:
 * <ul>
 *   <li>the marker bit is set (RFC 3551 §4.1: the first packet of a talkspurt),</li>
 *   <li>the timestamp goes back or forward by more than {@link #MAX_TIMESTAMP_STEP_SECONDS},</li>
 *   <li>the clock rate changes or is unknown,</li>
 *   <li>the timestamp-based place and the arrival time differ by more than
 *       {@link #MAX_DRIFT_MILLIS} (a sender clock that runs fast or slow, a long stall).</li>
 * </ul>
 * A new SSRC is a new stream, so it anchors anew too.
 */
final class StreamTimeline {
    /** A timestamp step beyond this is a discontinuity, not silence suppression to bridge. */
    static final int MAX_TIMESTAMP_STEP_SECONDS = 1;
    /**
     * Drift tolerated between timestamp-based placement and arrival: above ordinary jitter (tens
     * of ms) and the 200 ms a large fixed jitter buffer absorbs, small enough that the two sides
     * of a call stay in step to the ear.
     */
    static final int MAX_DRIFT_MILLIS = 250;

    /** Packet indices of the log in playing order. */
    final int[] packets;
    /** Output sample position of each entry. */
    final long[] positions;
    /** True when the entry follows its predecessor by timestamp (not re-anchored). */
    final boolean[] continued;
    /** True when sequence numbers are missing between the predecessor and this entry. */
    final boolean[] lossBefore;
    /** Smallest position of this entry and all later ones. */
    final long[] minPositionFrom;
    final int size;
    final int duplicates;
    final int telephoneEvents;

    StreamTimeline(PacketLog log, long startNanos, int outputRate) {
        int n = log.size();
        Integer[] bySequence = new Integer[n];
        for (int i = 0; i < n; i++) {
            bySequence[i] = i;
        }
        // Stable: of two copies of a sequence number the first to arrive is kept.
        Arrays.sort(bySequence, (a, b) -> Long.compare(log.sequence(a), log.sequence(b)));
        int[] kept = new int[n];
        long[] at = new long[n];
        boolean[] cont = new boolean[n];
        boolean[] loss = new boolean[n];
        int count = 0;
        int dups = 0;
        int events = 0;
        long previousSequence = Long.MIN_VALUE;
        long lastSequence = Long.MIN_VALUE;
        int anchor = -1;
        int previous = -1;
        for (Integer boxed : bySequence) {
            int i = boxed;
            long sequence = log.sequence(i);
            if (sequence == previousSequence) {
                dups++;
                continue;
            }
            previousSequence = sequence;
            boolean gap = sequence != lastSequence + 1;
            lastSequence = sequence;
            PayloadFormat format = log.format(i);
            if (format.codec() == AudioCodec.TELEPHONE_EVENT) {
                // Events share the sequence space (RFC 4733 §2.1): their numbers are no loss.
                events++;
                continue;
            }
            long arrivalPosition = Math.round((log.arrival(i) - startNanos) * (double) outputRate / 1e9);
            long position = arrivalPosition;
            boolean follows = false;
            if (previous >= 0 && !log.marker(i)) {
                PayloadFormat before = log.format(previous);
                int clock = format.clockRate();
                long step = log.timestamp(i) - log.timestamp(previous);
                if (clock > 0 && clock == before.clockRate()
                        && step >= 0 && step <= (long) MAX_TIMESTAMP_STEP_SECONDS * clock) {
                    long expected = at[anchor] + Math.round(
                            (log.timestamp(i) - log.timestamp(kept[anchor])) * (double) outputRate / clock);
                    if (Math.abs(expected - arrivalPosition) <= (long) MAX_DRIFT_MILLIS * outputRate / 1000) {
                        position = expected;
                        follows = true;
                    }
                }
            }
            if (!follows) {
                anchor = count;
            }
            kept[count] = i;
            at[count] = position;
            cont[count] = follows;
            loss[count] = follows && gap;
            previous = i;
            count++;
        }
        size = count;
        packets = Arrays.copyOf(kept, count);
        positions = Arrays.copyOf(at, count);
        continued = Arrays.copyOf(cont, count);
        lossBefore = Arrays.copyOf(loss, count);
        minPositionFrom = new long[count];
        long min = Long.MAX_VALUE;
        for (int k = count - 1; k >= 0; k--) {
            min = Math.min(min, positions[k]);
            minPositionFrom[k] = min;
        }
        duplicates = dups;
        telephoneEvents = events;
    }

    /** Furthest position any entry starts at, or -1 when empty. */
    long lastPosition() {
        long max = -1;
        for (int k = 0; k < size; k++) {
            max = Math.max(max, positions[k]);
        }
        return max;
    }
}
