package org.callscope.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.decode.TestFrames.ETH_DST_SRC;
import static org.callscope.engine.decode.TestFrames.IPV4_UDP_HELLO;
import static org.callscope.engine.decode.TestFrames.IPV6_UDP_HELLO;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.capture.LinkType;
import org.junit.jupiter.api.Test;

class MplsDecoderTest {
    private final DecoderFixture f = new DecoderFixture();

    @Test
    void decodesIpv4UnderTwoLabels() {
        // Label 16 (S=0, TTL 64), label 17 (S=1, TTL 64): RFC 3032 §2.1.
        assertThat(f.decode(LinkType.ETHERNET, ETH_DST_SRC, "8847 00010040 00011140", IPV4_UDP_HELLO))
                .isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv4Hello(f.out);
        assertThat(f.out.ipHeaderOffset).isEqualTo(22);
    }

    @Test
    void decodesIpv6UnderOneLabel() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_DST_SRC, "8847 00011140", IPV6_UDP_HELLO))
                .isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv6Hello(f.out);
    }

    @Test
    void pseudowireControlWordIsOther() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_DST_SRC, "8847 00011140 00000000", ETH_DST_SRC))
                .isEqualTo(DecodeStatus.OTHER);
    }

    @Test
    void stackWithoutBottomIsTruncated() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_DST_SRC, "8847 00010040 0001")).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.MPLS_TRUNCATED)).isEqualTo(1);
    }

    @Test
    void nothingAfterBottomIsTruncated() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_DST_SRC, "8847 00011140")).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.MPLS_TRUNCATED)).isEqualTo(1);
    }

    @Test
    void refusesTooManyLabels() {
        String nineLabels = "00010040".repeat(8) + "00011140";
        assertThat(f.decode(LinkType.ETHERNET, ETH_DST_SRC, "8847", nineLabels, IPV4_UDP_HELLO))
                .isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.MPLS_TOO_DEEP)).isEqualTo(1);
    }
}
