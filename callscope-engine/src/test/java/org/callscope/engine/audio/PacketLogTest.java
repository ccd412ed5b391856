package org.callscope.engine.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacketLogTest {
    private static final byte[] PAYLOAD = {1, 2, 3};

    @Test
    void extendsSequenceNumbersAndTimestampsPastTheirWrap() {
        PacketLog log = log(65534, 0xFFFF_FF00L, 65535, 0xFFFF_FFA0L, 0, 0x40L, 1, 0xE0L);
        assertThat(log.sequence(3) - log.sequence(0)).isEqualTo(3);
        assertThat(log.timestamp(1) - log.timestamp(0)).isEqualTo(0xA0);
        assertThat(log.timestamp(3) - log.timestamp(0)).isEqualTo(0x1E0);
    }

    @Test
    void aLatePacketKeepsItsPlaceBeforeItsSuccessors() {
        PacketLog log = log(100, 0, 102, 320, 101, 160);
        assertThat(log.sequence(2)).isBetween(log.sequence(0), log.sequence(1));
        assertThat(log.timestamp(2)).isEqualTo(160);
    }

    @Test
    void aRestartedNumberingComesAfterEverythingBefore() {
        // 10050 to 5000 is a step back of 5050 packets: more than misordering, so a new run.
        PacketLog log = log(10049, 0, 10050, 160, 5000, 999_999, 5001, 1_000_159);
        assertThat(log.sequence(2)).isGreaterThan(log.sequence(1));
        assertThat(log.sequence(3)).isEqualTo(log.sequence(2) + 1);
    }

    @Test
    void keepsPayloadsAndFieldsPerPacket() {
        PacketLog log = new PacketLog(false, 7);
        int pcmu = log.formatIndex(0, null, 0, 0);
        int opus = log.formatIndex(111, "opus", 48000, 2);
        assertThat(log.formatIndex(0, null, 0, 0)).isEqualTo(pcmu);
        for (int i = 0; i < 200; i++) {
            log.add(1000L * i, i, 160L * i, i % 2 == 0 ? pcmu : opus, i == 3, new byte[] {9, (byte) i, 9}, 1, 1);
        }
        assertThat(log.size()).isEqualTo(200);
        assertThat(log.payloadBytes()).isEqualTo(200);
        assertThat(log.payloadArray()[log.offset(150)]).isEqualTo((byte) 150);
        assertThat(log.length(150)).isEqualTo(1);
        assertThat(log.arrival(150)).isEqualTo(150_000L);
        assertThat(log.marker(3)).isTrue();
        assertThat(log.marker(4)).isFalse();
        assertThat(log.format(150).codec()).isEqualTo(AudioCodec.PCMU);
        assertThat(log.format(151).codec()).isEqualTo(AudioCodec.OPUS);
        assertThat(log.format(151).clockRate()).isEqualTo(48000);
    }

    @Test
    void formatsComeFromTheSdpOrTheStaticTable() {
        assertThat(PayloadFormat.of(9, null, 0, 0)).isEqualTo(new PayloadFormat(9, "G722", AudioCodec.G722, 8000, 1));
        assertThat(PayloadFormat.of(10, null, 0, 0)).isEqualTo(new PayloadFormat(10, "L16", AudioCodec.L16, 44100, 2));
        assertThat(PayloadFormat.of(19, null, 0, 0).codec()).isEqualTo(AudioCodec.COMFORT_NOISE);
        assertThat(PayloadFormat.of(101, "telephone-event", 8000, 0).codec()).isEqualTo(AudioCodec.TELEPHONE_EVENT);
        assertThat(PayloadFormat.of(96, null, 0, 0).label()).isEqualTo("unknown (pt 96)");
        assertThat(PayloadFormat.of(98, "L16", 1, 1).codec()).isEqualTo(AudioCodec.UNSUPPORTED);
        assertThat(PayloadFormat.of(97, "AMR-WB", 16000, 1).label()).isEqualTo("AMR-WB (pt 97)");
    }

    /** A log of packets given as (sequence, timestamp) pairs in arrival order. */
    private static PacketLog log(long... sequenceAndTimestamp) {
        PacketLog log = new PacketLog(true, 1);
        int format = log.formatIndex(0, null, 0, 0);
        for (int i = 0; i < sequenceAndTimestamp.length; i += 2) {
            log.add(i, (int) sequenceAndTimestamp[i], sequenceAndTimestamp[i + 1], format, false, PAYLOAD, 0, 3);
        }
        return log;
    }
}
