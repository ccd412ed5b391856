package org.callscope.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.decode.TestFrames.ETH_DST_SRC;
import static org.callscope.engine.decode.TestFrames.IPV4_UDP_HELLO;
import static org.callscope.engine.decode.TestFrames.IPV6_UDP_HELLO;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.capture.LinkType;
import org.junit.jupiter.api.Test;

class PppoeDecoderTest {
    private final DecoderFixture f = new DecoderFixture();

    @Test
    void decodesIpv4InPppoeSession() {
        // RFC 2516 §4: ver/type 0x11, code 0, session 0x0042, length 35 (PPP protocol 2 + IPv4 33).
        assertThat(f.decode(LinkType.ETHERNET, ETH_DST_SRC, "8864 1100 0042 0023 0021", IPV4_UDP_HELLO, "0000"))
                .isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv4Hello(f.out);
        assertThat(f.out.ipHeaderOffset).isEqualTo(22);
    }

    @Test
    void decodesIpv6InPppoeSession() {
        // length 55 = 2 + 53
        assertThat(f.decode(LinkType.ETHERNET, ETH_DST_SRC, "8864 1100 0042 0037 0057", IPV6_UDP_HELLO))
                .isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv6Hello(f.out);
    }

    @Test
    void lcpIsOther() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_DST_SRC, "8864 1100 0042 0006 c021 09010004"))
                .isEqualTo(DecodeStatus.OTHER);
    }

    @Test
    void lengthBeyondFrameIsTruncated() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_DST_SRC, "8864 1100 0042 0099 0021", IPV4_UDP_HELLO))
                .isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.PPPOE_TRUNCATED)).isEqualTo(1);
    }

    @Test
    void shortHeaderIsTruncated() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_DST_SRC, "8864 1100 00")).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.PPPOE_TRUNCATED)).isEqualTo(1);
    }
}
