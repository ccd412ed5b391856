package org.callscope.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.decode.TestFrames.IPV4_UDP_HELLO;
import static org.callscope.engine.decode.TestFrames.IPV6_UDP_HELLO;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.capture.LinkType;
import org.junit.jupiter.api.Test;

class Sll2DecoderTest {
    private final DecoderFixture f = new DecoderFixture();

    /** After the protocol: reserved, ifindex 2, ARPHRD_ETHER, packet type 4 (outgoing), address length 6, address. */
    private static final String SLL2_REST = "0000 00000002 0001 04 06 66778899aabb0000";

    @Test
    void decodesIpv4OverSll2() {
        assertThat(f.decode(LinkType.LINUX_SLL2, "0800", SLL2_REST, IPV4_UDP_HELLO)).isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv4Hello(f.out);
        assertThat(f.out.ipHeaderOffset).isEqualTo(20);
    }

    @Test
    void decodesIpv6OverSll2() {
        assertThat(f.decode(LinkType.LINUX_SLL2, "86dd", SLL2_REST, IPV6_UDP_HELLO)).isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv6Hello(f.out);
    }

    @Test
    void arpOverSll2IsOther() {
        assertThat(f.decode(LinkType.LINUX_SLL2, "0806", SLL2_REST, "0001080006040001")).isEqualTo(DecodeStatus.OTHER);
    }

    @Test
    void truncatedSll2HeaderIsMalformed() {
        assertThat(f.decode(LinkType.LINUX_SLL2, "0800", "0000 00000002 0001 04 06 6677")).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.SLL2_TRUNCATED)).isEqualTo(1);
    }
}
