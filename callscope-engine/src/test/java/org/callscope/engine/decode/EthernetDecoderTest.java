package org.callscope.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.decode.TestFrames.ETH_IPV4;
import static org.callscope.engine.decode.TestFrames.ETH_IPV6;
import static org.callscope.engine.decode.TestFrames.IPV4_UDP_HELLO;
import static org.callscope.engine.decode.TestFrames.IPV6_UDP_HELLO;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.capture.LinkType;
import org.junit.jupiter.api.Test;

class EthernetDecoderTest {
    private final DecoderFixture f = new DecoderFixture();

    @Test
    void decodesIpv4UdpOverEthernet() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, IPV4_UDP_HELLO)).isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv4Hello(f.out);
        assertThat(f.out.ipHeaderOffset).isEqualTo(14);
        assertThat(f.out.payloadOffset).isEqualTo(14 + 20 + 8);
        assertThat(f.out.tsNanos).isEqualTo(1_700_000_000_123_456_789L);
        assertThat(f.out.tunnelDepth).isZero();
        assertThat(f.out.reassembled).isFalse();
        assertThat(f.total()).isZero();
    }

    @Test
    void decodesIpv6UdpOverEthernet() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV6, IPV6_UDP_HELLO)).isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv6Hello(f.out);
        assertThat(f.out.ipHeaderOffset).isEqualTo(14);
    }

    @Test
    void cutsEthernetPaddingByIpv4TotalLength() {
        // A 47-byte frame is padded to the 60-byte minimum (IEEE 802.3 §4.2.3.3): 13 zero bytes follow.
        String padding = "00000000000000000000000000";
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, IPV4_UDP_HELLO, padding)).isEqualTo(DecodeStatus.UDP);
        assertThat(f.out.payloadLength).isEqualTo(5);
        TestFrames.assertIpv4Hello(f.out);
    }

    @Test
    void arpIsOther() {
        String arp = "0001 0800 06 04 0001 66778899aabb c0a80001 000000000000 c0a80002";
        assertThat(f.decode(LinkType.ETHERNET, TestFrames.ETH_DST_SRC, "0806", arp)).isEqualTo(DecodeStatus.OTHER);
        assertThat(f.total()).isZero();
    }

    @Test
    void ieee8023LengthFrameIsOther() {
        // Spanning tree BPDU: a length (0x0026) where the EtherType would be, then LLC 42 42 03.
        assertThat(f.decode(LinkType.ETHERNET, TestFrames.ETH_DST_SRC, "0026 424203 0000 00"))
                .isEqualTo(DecodeStatus.OTHER);
    }

    @Test
    void truncatedEthernetHeaderIsMalformed() {
        assertThat(f.decode(LinkType.ETHERNET, "001122334455 66778899aabb 08")).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.ETHERNET_TRUNCATED)).isEqualTo(1);
    }

    @Test
    void emptyFrameIsMalformed() {
        assertThat(f.decode(LinkType.ETHERNET, "")).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.ETHERNET_TRUNCATED)).isEqualTo(1);
    }
}
