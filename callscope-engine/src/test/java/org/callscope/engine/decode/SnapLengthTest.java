package org.callscope.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.capture.LinkType;
import org.callscope.engine.defrag.IpDefragmenter;
import org.junit.jupiter.api.Test;

/** Frames cut by the capture's snaplen still yield their headers; frames that lie about lengths do not. */
class SnapLengthTest {
    // Ethernet + IPv4 (total length 40) + UDP (length 20) + 12 bytes of RTP header.
    private static final byte[] FRAME = TestFrames.hex(
            "000000000002 000000000001 0800",
            "45000028 00010000 4011 0000 0a000001 0a000002",
            "0fa0 0fa2 0014 0000",
            "80000001 000000a0 12345678");

    private final AnomalyCounters anomalies = new AnomalyCounters();
    private final PacketDecoder decoder = new PacketDecoder(anomalies, new IpDefragmenter(anomalies));

    @Test
    void snaplenCutUdpDeliversWhatWasCaptured() {
        CapturedPacket p = cut(FRAME.length - 8, FRAME.length);
        DecodedPacket out = new DecodedPacket();
        assertThat(decoder.decode(p, out)).isEqualTo(DecodeStatus.UDP);
        assertThat(out.snapTruncated).isTrue();
        assertThat(out.payloadLength).isEqualTo(4);
        assertThat(out.dstPort).isEqualTo(4002);
        assertThat(anomalies.nonZero()).isEmpty();
    }

    @Test
    void wholeFrameIsNotMarkedCut() {
        DecodedPacket out = new DecodedPacket();
        assertThat(decoder.decode(cut(FRAME.length, FRAME.length), out)).isEqualTo(DecodeStatus.UDP);
        assertThat(out.snapTruncated).isFalse();
        assertThat(out.payloadLength).isEqualTo(12);
    }

    @Test
    void frameShorterThanItsLengthsWithoutSnaplenIsMalformed() {
        DecodedPacket out = new DecodedPacket();
        assertThat(decoder.decode(cut(FRAME.length - 8, FRAME.length - 8), out)).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(anomalies.get(Anomaly.IPV4_TRUNCATED)).isEqualTo(1);
    }

    private static CapturedPacket cut(int captured, int original) {
        CapturedPacket p = new CapturedPacket();
        p.linkType = LinkType.ETHERNET;
        p.data = Arrays.copyOf(FRAME, captured);
        p.capturedLength = captured;
        p.originalLength = original;
        return p;
    }
}
