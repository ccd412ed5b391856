package org.callscope.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.decode.TestFrames.IPV4_UDP_HELLO;
import static org.callscope.engine.decode.TestFrames.IPV6_UDP_HELLO;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.capture.LinkType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NullDecoderTest {
    private final DecoderFixture f = new DecoderFixture();

    @Test
    void nullFamilyWrittenByLittleEndianHost() {
        assertThat(f.decode(LinkType.NULL, "02000000", IPV4_UDP_HELLO)).isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv4Hello(f.out);
        assertThat(f.out.ipHeaderOffset).isEqualTo(4);
    }

    @Test
    void nullFamilyWrittenByBigEndianHost() {
        assertThat(f.decode(LinkType.NULL, "00000002", IPV4_UDP_HELLO)).isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv4Hello(f.out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"18000000", "1c000000", "1e000000", "00000018", "0000001c", "0000001e"})
    void nullIpv6FamilyOfEveryBsd(String family) {
        assertThat(f.decode(LinkType.NULL, family, IPV6_UDP_HELLO)).isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv6Hello(f.out);
    }

    @Test
    void loopFamilyIsNetworkOrder() {
        assertThat(f.decode(LinkType.LOOP, "00000002", IPV4_UDP_HELLO)).isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv4Hello(f.out);
        assertThat(f.decode(LinkType.LOOP, "00000018", IPV6_UDP_HELLO)).isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv6Hello(f.out);
    }

    @Test
    void loopDoesNotGuessByteOrder() {
        // 0x02000000 in network order is not AF_INET.
        assertThat(f.decode(LinkType.LOOP, "02000000", IPV4_UDP_HELLO)).isEqualTo(DecodeStatus.OTHER);
        assertThat(f.count(Anomaly.NULL_UNKNOWN_FAMILY)).isEqualTo(1);
    }

    @Test
    void unknownFamilyIsCountedAndOther() {
        assertThat(f.decode(LinkType.NULL, "07000000", IPV4_UDP_HELLO)).isEqualTo(DecodeStatus.OTHER);
        assertThat(f.count(Anomaly.NULL_UNKNOWN_FAMILY)).isEqualTo(1);
    }

    @Test
    void truncatedFamilyIsMalformed() {
        assertThat(f.decode(LinkType.NULL, "020000")).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.decode(LinkType.LOOP, "00")).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.NULL_TRUNCATED)).isEqualTo(2);
    }
}
