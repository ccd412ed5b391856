package org.callscope.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.decode.TestFrames.ETH_IPV4;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.capture.LinkType;
import org.junit.jupiter.api.Test;

class UdpDecoderTest {
    private final DecoderFixture f = new DecoderFixture();
    private static final String IPV4_HEADER_PREFIX = "4500";
    private static final String IPV4_HEADER_REST = "1234 0000 4011 0000 c0a80001 c0a80002";

    @Test
    void usesUdpLengthWhenShorterThanIpPayload() {
        // IP carries 16 bytes of UDP, the UDP length says 13: three trailing bytes are not payload.
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, IPV4_HEADER_PREFIX, "0024", IPV4_HEADER_REST,
                "1f90 13c4 000d 0000 68656c6c6f 000000")).isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv4Hello(f.out);
    }

    @Test
    void emptyPayloadIsUdp() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, IPV4_HEADER_PREFIX, "001c", IPV4_HEADER_REST,
                "1f90 13c4 0008 0000")).isEqualTo(DecodeStatus.UDP);
        assertThat(f.out.payloadLength).isZero();
    }

    @Test
    void lengthBeyondIpPayloadIsBad() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, IPV4_HEADER_PREFIX, "0021", IPV4_HEADER_REST,
                "1f90 13c4 00ff 0000 68656c6c6f")).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.UDP_BAD_LENGTH)).isEqualTo(1);
    }

    @Test
    void lengthBelowHeaderIsBad() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, IPV4_HEADER_PREFIX, "0021", IPV4_HEADER_REST,
                "1f90 13c4 0007 0000 68656c6c6f")).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.UDP_BAD_LENGTH)).isEqualTo(1);
    }

    @Test
    void headerShorterThanEightBytesIsTruncated() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, IPV4_HEADER_PREFIX, "0019", IPV4_HEADER_REST,
                "1f90 13c4 00")).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.UDP_TRUNCATED)).isEqualTo(1);
    }
}
