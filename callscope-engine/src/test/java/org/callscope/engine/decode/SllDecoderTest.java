package org.callscope.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.decode.TestFrames.IPV4_UDP_HELLO;
import static org.callscope.engine.decode.TestFrames.IPV6_UDP_HELLO;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.capture.LinkType;
import org.junit.jupiter.api.Test;

class SllDecoderTest {
    private final DecoderFixture f = new DecoderFixture();

    /** Packet type 0 (to us), ARPHRD_ETHER (1), 6-byte address padded to 8, then the protocol. */
    private static final String SLL_PREFIX = "0000 0001 0006 66778899aabb 0000";

    @Test
    void decodesIpv4OverSll() {
        assertThat(f.decode(LinkType.LINUX_SLL, SLL_PREFIX, "0800", IPV4_UDP_HELLO)).isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv4Hello(f.out);
        assertThat(f.out.ipHeaderOffset).isEqualTo(16);
    }

    @Test
    void decodesIpv6OverSll() {
        assertThat(f.decode(LinkType.LINUX_SLL, SLL_PREFIX, "86dd", IPV6_UDP_HELLO)).isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv6Hello(f.out);
    }

    @Test
    void decodesVlanTagKeptBySll() {
        assertThat(f.decode(LinkType.LINUX_SLL, SLL_PREFIX, "8100 0064 0800", IPV4_UDP_HELLO))
                .isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv4Hello(f.out);
    }

    @Test
    void linuxPseudoProtocolIsOther() {
        // ETH_P_802_2 (0x0004): an LLC frame.
        assertThat(f.decode(LinkType.LINUX_SLL, SLL_PREFIX, "0004 424203")).isEqualTo(DecodeStatus.OTHER);
    }

    @Test
    void truncatedSllHeaderIsMalformed() {
        assertThat(f.decode(LinkType.LINUX_SLL, SLL_PREFIX, "08")).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.SLL_TRUNCATED)).isEqualTo(1);
    }
}
