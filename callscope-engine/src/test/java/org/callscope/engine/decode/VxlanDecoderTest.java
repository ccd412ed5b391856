package org.callscope.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.decode.TestFrames.ETH_IPV4;
import static org.callscope.engine.decode.TestFrames.IPV4_UDP_HELLO;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.capture.LinkType;
import org.junit.jupiter.api.Test;

class VxlanDecoderTest {
    private final DecoderFixture f = new DecoderFixture();

    @Test
    void decodesInnerUdp() {
        // Outer UDP 49152 -> 4789 length 8 + 8 + 14 + 33 = 63, IPv4 total 83; VXLAN I flag, VNI 123.
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, "4500 0053 0001 0000 4011 0000 0a000001 0a000002",
                "c000 12b5 003f 0000", "0800 0000 00007b00", ETH_IPV4, IPV4_UDP_HELLO))
                .isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv4Hello(f.out);
        assertThat(f.out.tunnelDepth).isEqualTo(1);
        assertThat(f.out.ipHeaderOffset).isEqualTo(14 + 20 + 8 + 8 + 14);
    }

    @Test
    void withoutIFlagTheOuterUdpIsDelivered() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, "4500 0053 0001 0000 4011 0000 0a000001 0a000002",
                "c000 12b5 003f 0000", "0000 0000 00007b00", ETH_IPV4, IPV4_UDP_HELLO))
                .isEqualTo(DecodeStatus.UDP);
        assertThat(f.out.dstPort).isEqualTo(4789);
        assertThat(f.out.srcAddrString()).isEqualTo("10.0.0.1");
        assertThat(f.out.tunnelDepth).isZero();
        assertThat(f.out.payloadLength).isEqualTo(55);
    }

    @Test
    void truncatedVxlanHeader() {
        // UDP length 12: only 4 bytes of VXLAN header; IPv4 total 32.
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, "4500 0020 0001 0000 4011 0000 0a000001 0a000002",
                "c000 12b5 000c 0000", "0800 0000")).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.VXLAN_TRUNCATED)).isEqualTo(1);
    }
}
