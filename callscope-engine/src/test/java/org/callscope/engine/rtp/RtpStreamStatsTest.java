package org.callscope.engine.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RtpStreamStatsTest {
    private static final long MS = 1_000_000L;
    private static final int PCMA = 8;
    /** 20 ms of 8 kHz audio in RTP timestamp units. */
    private static final int FRAME = 160;

    private final RtpStreamStats stats = new RtpStreamStats();

    private void packet(double arrivalMillis, int seq, long ts) {
        stats.onPacket(Math.round(arrivalMillis * MS), seq, ts, PCMA, false, 160);
    }

    private void perfect(int firstSeq, long firstTs, int count) {
        for (int i = 0; i < count; i++) {
            packet(20.0 * i, (firstSeq + i) & 0xffff, firstTs + (long) FRAME * i);
        }
    }

    @Test
    void perfectStreamHasNoLossAndNoJitter() {
        perfect(1000, 12345, 100);
        assertThat(stats.packets()).isEqualTo(100);
        assertThat(stats.expected()).isEqualTo(100);
        assertThat(stats.lost()).isZero();
        assertThat(stats.lostRfc3550()).isZero();
        assertThat(stats.duplicates()).isZero();
        assertThat(stats.outOfOrder()).isZero();
        assertThat(stats.sequenceErrors()).isZero();
        assertThat(stats.maxJitterMillis()).isZero();
        assertThat(stats.meanJitterMillis()).isZero();
        assertThat(stats.maxDeltaMillis()).isCloseTo(20, within(1e-9));
        assertThat(stats.meanDeltaMillis()).isCloseTo(20, within(1e-9));
        assertThat(stats.clockRate()).isEqualTo(8000);
        assertThat(stats.firstArrivalNanos()).isZero();
        assertThat(stats.lastArrivalNanos()).isEqualTo(99 * 20 * MS);
    }

    @Test
    void countsOneMissingSequenceAsLost() {
        for (int i = 0; i < 10; i++) {
            if (i != 4) {
                packet(20.0 * i, i + 1, (long) FRAME * i);
            }
        }
        assertThat(stats.packets()).isEqualTo(9);
        assertThat(stats.lost()).isEqualTo(1);
        assertThat(stats.lostRfc3550()).isEqualTo(1);
        assertThat(stats.missing()).isEqualTo(1);
        assertThat(stats.sequenceErrors()).isEqualTo(1);
        assertThat(stats.maxDeltaMillis()).isCloseTo(40, within(1e-9));
        assertThat(stats.maxJitterMillis()).isZero();
    }

    @Test
    void duplicatesMakeLostNegativeLikeTshark() {
        for (int i = 0; i < 10; i++) {
            packet(20.0 * i, i + 1, (long) FRAME * i);
            if (i == 4) {
                packet(20.0 * i + 1, i + 1, (long) FRAME * i);
            }
        }
        assertThat(stats.packets()).isEqualTo(11);
        assertThat(stats.duplicates()).isEqualTo(1);
        assertThat(stats.outOfOrder()).isZero();
        assertThat(stats.lost()).isEqualTo(-1);
        assertThat(stats.lostRfc3550()).isEqualTo(-1);
        assertThat(stats.missing()).isZero();
        assertThat(stats.sequenceErrors()).isEqualTo(1);
    }

    @Test
    void reorderedPacketIsNotLost() {
        int[] order = {1, 2, 4, 3, 5, 6};
        for (int i = 0; i < order.length; i++) {
            packet(20.0 * i, order[i], (long) FRAME * (order[i] - 1));
        }
        assertThat(stats.lost()).isZero();
        assertThat(stats.outOfOrder()).isEqualTo(1);
        assertThat(stats.duplicates()).isZero();
        assertThat(stats.missing()).isZero();
        // The jump to 4 and the late 3 are each one Wireshark sequence error.
        assertThat(stats.sequenceErrors()).isEqualTo(2);
    }

    @Test
    void lostDiffersFromRfcWhenLastPacketIsLate() {
        int[] order = {1, 2, 3, 5, 4};
        for (int i = 0; i < order.length; i++) {
            packet(20.0 * i, order[i], (long) FRAME * (order[i] - 1));
        }
        // tshark: expected = last(4) - first(1) + 1 = 4, received 5; RFC 3550 A.3 uses highest (5).
        assertThat(stats.lost()).isEqualTo(-1);
        assertThat(stats.lostRfc3550()).isZero();
    }

    @Test
    void wrapsSequenceAt65535() {
        perfect(65530, 0xfffff000L, 20);
        assertThat(stats.packets()).isEqualTo(20);
        assertThat(stats.expected()).isEqualTo(20);
        assertThat(stats.lost()).isZero();
        assertThat(stats.sequenceErrors()).isZero();
        // The RTP timestamp wraps too and jitter stays zero.
        assertThat(stats.maxJitterMillis()).isZero();
    }

    @Test
    void countsLossAcrossTheWrap() {
        int[] seqs = {65533, 65534, 65535, 1, 2};
        int[] frames = {0, 1, 2, 4, 5};
        for (int i = 0; i < seqs.length; i++) {
            packet(20.0 * frames[i], seqs[i], (long) FRAME * frames[i]);
        }
        assertThat(stats.lost()).isEqualTo(1);
        assertThat(stats.lostRfc3550()).isEqualTo(1);
    }

    /** RFC 3550 A.8 by hand: J += (|D| - J) / 16, D the transit difference in ms. */
    @Test
    void computesJitterAsRfc3550() {
        double[] arrivals = {0, 20, 45, 60, 80};
        for (int i = 0; i < arrivals.length; i++) {
            packet(arrivals[i], i + 1, (long) FRAME * i);
        }
        // D: 0, 5, 5, 0 -> J: 0, 5/16, 5/16 + (5 - 5/16)/16, that * 15/16.
        double j2 = 0;
        double j3 = 5.0 / 16;
        double j4 = j3 + (5 - j3) / 16;
        double j5 = j4 * 15 / 16;
        assertThat(stats.jitterMillis()).isCloseTo(j5, within(1e-9));
        assertThat(stats.maxJitterMillis()).isCloseTo(j4, within(1e-9));
        assertThat(stats.minJitterMillis()).isCloseTo(j2, within(1e-9));
        // Wireshark's mean: the jitter values of the four packets after the first, averaged.
        assertThat(stats.meanJitterMillis()).isCloseTo((j2 + j3 + j4 + j5) / 4, within(1e-9));
        assertThat(stats.maxDeltaMillis()).isCloseTo(25, within(1e-9));
    }

    @Test
    void markerPacketAfterSilenceDoesNotCountAsDelta() {
        perfect(1, 0, 10);
        // 2 s of silence suppression: timestamps and arrival both jump, marker set (RFC 3551 §4.1).
        stats.onPacket((200 + 2000) * MS, 11, 10 * FRAME + 16000, PCMA, true, 160);
        stats.onPacket((220 + 2000) * MS, 12, 11 * FRAME + 16000, PCMA, false, 160);
        assertThat(stats.maxDeltaMillis()).isCloseTo(20, within(1e-9));
        assertThat(stats.maxJitterMillis()).isZero();
        assertThat(stats.lost()).isZero();
        assertThat(stats.markers()).isEqualTo(1);
    }

    @Test
    void comfortNoiseAndThePacketAfterItAreNotRegular() {
        perfect(1, 0, 5);
        stats.onPacket(100 * MS, 6, 5 * FRAME, RtpCodecs.PT_CN, false, 1);
        stats.onPacket(600 * MS, 7, 30 * FRAME, PCMA, false, 160);
        stats.onPacket(620 * MS, 8, 31 * FRAME, PCMA, false, 160);
        assertThat(stats.maxDeltaMillis()).isCloseTo(20, within(1e-9));
        assertThat(stats.payloadTypeChanges()).isEqualTo(2);
        assertThat(stats.lost()).isZero();
    }

    @Test
    void telephoneEventsLeaveJitterUnchanged() {
        stats.setTelephoneEventPayloadType(101);
        perfect(1, 0, 5);
        double before = stats.jitterMillis();
        // One event lasting three packets; all carry the event start timestamp (RFC 4733 §2.3.1).
        for (int i = 0; i < 3; i++) {
            stats.onPacket((100 + 20L * i) * MS, 6 + i, 5 * FRAME, 101, i == 0, 4);
            assertThat(stats.jitterMillis()).isEqualTo(before);
        }
        assertThat(stats.packets()).isEqualTo(8);
        assertThat(stats.lost()).isZero();
        assertThat(stats.sequenceErrors()).isZero();
    }

    @Test
    void packetsBeforeFirstTimestampSkipJitter() {
        perfect(1, 100_000, 5);
        double before = stats.jitterMillis();
        stats.onPacket(100 * MS, 6, 100_000 - 8000, PCMA, false, 160);
        assertThat(stats.jitterMillis()).isEqualTo(before);
        assertThat(stats.maxDeltaMillis()).isCloseTo(20, within(1e-9));
    }

    @Test
    void unknownDynamicPayloadHasNoJitterUntilClockRateIsSet() {
        for (int i = 0; i < 5; i++) {
            stats.onPacket(Math.round(20.0 * i * MS + (i == 3 ? 7 * MS : 0)), i + 1, 960L * i, 111, false, 80);
        }
        assertThat(stats.maxJitterMillis()).isZero();
        assertThat(stats.clockRate()).isZero();

        RtpStreamStats opus = new RtpStreamStats();
        opus.setClockRate(RtpCodecs.clockRate("opus"));
        for (int i = 0; i < 5; i++) {
            opus.onPacket(Math.round(20.0 * i * MS + (i == 3 ? 7 * MS : 0)), i + 1, 960L * i, 111, false, 80);
        }
        assertThat(opus.clockRate()).isEqualTo(48000);
        assertThat(opus.maxJitterMillis()).isCloseTo(7.0 / 16 + (7 - 7.0 / 16) / 16, within(1e-9));
    }

    @Test
    void bucketsDelayVariation() {
        perfect(1, 0, 5);
        packet(80 + 20 + 60, 6, 5 * FRAME);
        packet(80 + 40 + 60 + 130, 7, 6 * FRAME);
        packet(80 + 60 + 60 + 130 + 400, 8, 7 * FRAME);
        assertThat(stats.delayBucket(0)).as("50-70").isEqualTo(1);
        assertThat(stats.delayBucket(3)).as("120-150").isEqualTo(1);
        assertThat(stats.delayBucket(6)).as("over 300").isEqualTo(1);
        long total = 0;
        for (int i = 0; i < RtpStreamStats.DELAY_BUCKET_MILLIS.length; i++) {
            total += stats.delayBucket(i);
        }
        assertThat(total).isEqualTo(3);
    }

    @Test
    void emptyStreamReportsZeros() {
        assertThat(stats.packets()).isZero();
        assertThat(stats.lost()).isZero();
        assertThat(stats.expected()).isZero();
        assertThat(stats.mosF1()).isZero();
    }
}
