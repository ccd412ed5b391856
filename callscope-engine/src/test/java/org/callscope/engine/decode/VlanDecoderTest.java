package org.callscope.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.decode.TestFrames.ETH_DST_SRC;
import static org.callscope.engine.decode.TestFrames.IPV4_UDP_HELLO;
import static org.callscope.engine.decode.TestFrames.IPV6_UDP_HELLO;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.capture.LinkType;
import org.junit.jupiter.api.Test;

class VlanDecoderTest {
    private final DecoderFixture f = new DecoderFixture();

    @Test
    void decodesSingle8021qTag() {
        // TPID 0x8100, PCP 5 VLAN 100 (0xa064), inner EtherType IPv4.
        assertThat(f.decode(LinkType.ETHERNET, ETH_DST_SRC, "8100 a064 0800", IPV4_UDP_HELLO))
                .isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv4Hello(f.out);
        assertThat(f.out.ipHeaderOffset).isEqualTo(18);
    }

    @Test
    void decodesQinQDoubleTag() {
        // 802.1ad S-tag (0x88a8, VLAN 10) then C-tag (0x8100, VLAN 20), IPv6 inside.
        assertThat(f.decode(LinkType.ETHERNET, ETH_DST_SRC, "88a8 000a 8100 0014 86dd", IPV6_UDP_HELLO))
                .isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv6Hello(f.out);
        assertThat(f.out.ipHeaderOffset).isEqualTo(22);
    }

    @Test
    void decodesLegacyQinQTag() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_DST_SRC, "9100 000a 8100 0014 0800", IPV4_UDP_HELLO))
                .isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv4Hello(f.out);
    }

    @Test
    void decodesFourStackedTags() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_DST_SRC, "88a8 0001 88a8 0002 8100 0003 8100 0004 0800",
                IPV4_UDP_HELLO)).isEqualTo(DecodeStatus.UDP);
    }

    @Test
    void refusesMoreTagsThanTheLimit() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_DST_SRC,
                "8100 0001 8100 0002 8100 0003 8100 0004 8100 0005 0800", IPV4_UDP_HELLO))
                .isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.VLAN_TOO_DEEP)).isEqualTo(1);
    }

    @Test
    void truncatedTagIsMalformed() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_DST_SRC, "8100 a0")).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.VLAN_TRUNCATED)).isEqualTo(1);
    }

    @Test
    void tagCountRestartsInEveryFrame() {
        for (int i = 0; i < 3; i++) {
            assertThat(f.decode(LinkType.ETHERNET, ETH_DST_SRC, "88a8 0001 88a8 0002 8100 0003 8100 0004 0800",
                    IPV4_UDP_HELLO)).isEqualTo(DecodeStatus.UDP);
        }
    }
}
