package org.callscope.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.decode.TestFrames.ETH_IPV4;
import static org.callscope.engine.decode.TestFrames.IPV4_UDP_HELLO;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.capture.LinkType;
import org.junit.jupiter.api.Test;

class ErspanDecoderTest {
    private final DecoderFixture f = new DecoderFixture();

    private static String outerGre(String totalLength) {
        return "4500" + totalLength + "0001 0000 402f 0000 0a000001 0a000002";
    }

    /** GRE with the S bit, sequence 5, then the given protocol type (draft-foschiano-erspan §4.1). */
    private static String greWithSequence(String protocolType) {
        return "1000" + protocolType + "00000005";
    }

    @Test
    void decodesTypeTwo() {
        // ERSPAN II: version 1, VLAN 1, COS 0, En 0, T 0, session 100; reserved, index 0.
        // total 20 + 8 + 8 + 14 + 33 = 83
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, outerGre("0053"), greWithSequence("88be"),
                "1001 0064 00000000", ETH_IPV4, IPV4_UDP_HELLO)).isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv4Hello(f.out);
        assertThat(f.out.tunnelDepth).isEqualTo(1);
        assertThat(f.out.ipHeaderOffset).isEqualTo(14 + 20 + 8 + 8 + 14);
    }

    @Test
    void decodesTypeThreeWithoutSubheader() {
        // ERSPAN III: version 2, VLAN 1, session 100; timestamp; SGT 0, P 0, FT 0 (Ethernet), O 0.
        // total 20 + 8 + 12 + 14 + 33 = 87
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, outerGre("0057"), greWithSequence("22eb"),
                "2001 0064 11223344 0000 0000", ETH_IPV4, IPV4_UDP_HELLO)).isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv4Hello(f.out);
        assertThat(f.out.ipHeaderOffset).isEqualTo(14 + 20 + 8 + 12 + 14);
    }

    @Test
    void decodesTypeThreeWithPlatformSubheader() {
        // O bit set: an 8-byte platform specific subheader follows; total 95.
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, outerGre("005f"), greWithSequence("22eb"),
                "2001 0064 11223344 0000 0001", "0800000000000000", ETH_IPV4, IPV4_UDP_HELLO))
                .isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv4Hello(f.out);
        assertThat(f.out.ipHeaderOffset).isEqualTo(14 + 20 + 8 + 20 + 14);
    }

    @Test
    void decodesTypeThreeCarryingIp() {
        // FT = 2 (IP): byte 10 = 2 << 2; total 20 + 8 + 12 + 33 = 73
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, outerGre("0049"), greWithSequence("22eb"),
                "2001 0064 11223344 0000 0800", IPV4_UDP_HELLO)).isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv4Hello(f.out);
    }

    @Test
    void truncatedTypeTwoHeader() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, outerGre("001e"), greWithSequence("88be"), "1001"))
                .isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.ERSPAN_TRUNCATED)).isEqualTo(1);
    }

    @Test
    void truncatedTypeThreeSubheader() {
        // O bit set but only 4 of the 8 subheader bytes present; total 20 + 8 + 12 + 4 = 44
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, outerGre("002c"), greWithSequence("22eb"),
                "2001 0064 11223344 0000 0001", "08000000")).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.ERSPAN_TRUNCATED)).isEqualTo(1);
    }
}
