package org.callscope.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.decode.TestFrames.ETH_DST_SRC;
import static org.callscope.engine.decode.TestFrames.ETH_IPV4;
import static org.callscope.engine.decode.TestFrames.ETH_IPV6;
import static org.callscope.engine.decode.TestFrames.IPV4_UDP_HELLO;
import static org.callscope.engine.decode.TestFrames.IPV6_UDP_HELLO;

import java.util.Arrays;
import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.defrag.IpDefragmenter;
import org.callscope.engine.capture.LinkType;
import org.junit.jupiter.api.Test;

class PacketDecoderTest {
    private final DecoderFixture f = new DecoderFixture();

    @Test
    void rawLinkTypePicksIpVersionByNibble() {
        assertThat(f.decode(LinkType.RAW, IPV4_UDP_HELLO)).isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv4Hello(f.out);
        assertThat(f.out.ipHeaderOffset).isZero();
        assertThat(f.decode(LinkType.RAW, IPV6_UDP_HELLO)).isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv6Hello(f.out);
    }

    @Test
    void rawWithOtherVersionIsMalformed() {
        assertThat(f.decode(LinkType.RAW, "5500 0000")).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.IP_WRONG_VERSION)).isEqualTo(1);
    }

    @Test
    void ipv4AndIpv6LinkTypes() {
        assertThat(f.decode(LinkType.IPV4, IPV4_UDP_HELLO)).isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv4Hello(f.out);
        assertThat(f.decode(LinkType.IPV6, IPV6_UDP_HELLO)).isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv6Hello(f.out);
        assertThat(f.decode(LinkType.IPV6, IPV4_UDP_HELLO)).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.IP_WRONG_VERSION)).isEqualTo(1);
    }

    @Test
    void unknownLinkTypeIsCountedAndOther() {
        // LINKTYPE_IEEE802_11 (105)
        assertThat(f.decode(105, "0800 0000 ffffffffffff")).isEqualTo(DecodeStatus.OTHER);
        assertThat(f.count(Anomaly.CAPTURE_UNKNOWN_LINK_TYPE)).isEqualTo(1);
    }

    @Test
    void capturedLengthBeyondBufferIsMalformed() {
        CapturedPacket p = TestFrames.frame(LinkType.ETHERNET, ETH_IPV4 + IPV4_UDP_HELLO);
        p.capturedLength = p.data.length + 1;
        assertThat(f.decode(p)).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.CAPTURE_TRUNCATED_FRAME)).isEqualTo(1);
    }

    @Test
    void bytesAfterCapturedLengthAreIgnored() {
        CapturedPacket p = TestFrames.frame(LinkType.ETHERNET, ETH_IPV4 + IPV4_UDP_HELLO);
        int whole = p.capturedLength;
        Arrays.fill(p.data, whole, p.data.length, (byte) 0x45);
        p.capturedLength = whole - 1;
        p.originalLength = whole - 1;
        assertThat(f.decode(p)).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.IPV4_TRUNCATED)).isEqualTo(1);
    }

    @Test
    void snaplenCutFrameDeliversOnlyCapturedBytes() {
        CapturedPacket p = TestFrames.frame(LinkType.ETHERNET, ETH_IPV4 + IPV4_UDP_HELLO);
        int whole = p.capturedLength;
        Arrays.fill(p.data, whole, p.data.length, (byte) 0x45);
        p.capturedLength = whole - 1;
        DecodedPacket out = new DecodedPacket();
        assertThat(new PacketDecoder(new AnomalyCounters(), new IpDefragmenter(new AnomalyCounters())).decode(p, out))
                .isEqualTo(DecodeStatus.UDP);
        assertThat(out.snapTruncated).isTrue();
        assertThat(out.payloadOffset + out.payloadLength).isEqualTo(whole - 1);
    }

    @Test
    void clearsTransportFieldsOfThePreviousFrame() {
        f.decode(LinkType.ETHERNET, ETH_IPV4, IPV4_UDP_HELLO);
        assertThat(f.decode(LinkType.ETHERNET, ETH_DST_SRC, "0806 0001")).isEqualTo(DecodeStatus.OTHER);
        assertThat(f.out.srcPort).isZero();
        assertThat(f.out.payload).isNull();
        assertThat(f.out.protocol).isZero();
        assertThat(f.out.ipHeaderOffset).isEqualTo(-1);
    }

    /** Every prefix of a valid frame is one counted fault, at whichever layer the cut falls. */
    @Test
    void everyTruncationIsMalformedWithOneAnomaly() {
        String[][] frames = {
                {"1", ETH_IPV4 + IPV4_UDP_HELLO},
                {"1", ETH_DST_SRC + "88a8 000a 8100 0014 86dd" + IPV6_UDP_HELLO},
                {"1", ETH_IPV4 + "4500 0053 0001 0000 4011 0000 0a000001 0a000002 c000 12b5 003f 0000"
                        + "0800 0000 00007b00" + ETH_IPV4 + IPV4_UDP_HELLO},
                {"1", ETH_IPV4 + "4500 0053 0001 0000 402f 0000 0a000001 0a000002 1000 88be 00000005"
                        + "1001 0064 00000000" + ETH_IPV4 + IPV4_UDP_HELLO},
                {"113", "0000 0001 0006 66778899aabb 0000 0800" + IPV4_UDP_HELLO},
                {"276", "0800 0000 00000002 0001 04 06 66778899aabb0000" + IPV4_UDP_HELLO},
                {"0", "02000000" + IPV4_UDP_HELLO},
                {"108", "00000018" + IPV6_UDP_HELLO},
                {"101", IPV6_UDP_HELLO},
        };
        for (String[] frame : frames) {
            byte[] whole = TestFrames.hex(frame[1]);
            int linkType = Integer.parseInt(frame[0]);
            for (int cut = 0; cut < whole.length; cut++) {
                DecoderFixture fresh = new DecoderFixture();
                DecodeStatus status = fresh.decode(TestFrames.frame(linkType, Arrays.copyOf(whole, cut)));
                assertThat(status).as("link %d cut at %d", linkType, cut).isEqualTo(DecodeStatus.MALFORMED);
                assertThat(fresh.total()).as("link %d cut at %d: %s", linkType, cut, fresh.anomalies.nonZero())
                        .isEqualTo(1);
            }
            assertThat(f.decode(TestFrames.frame(linkType, whole))).isEqualTo(DecodeStatus.UDP);
        }
    }
}
