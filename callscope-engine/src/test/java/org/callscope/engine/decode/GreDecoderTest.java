package org.callscope.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.decode.TestFrames.ETH_IPV4;
import static org.callscope.engine.decode.TestFrames.IPV4_UDP_HELLO;
import static org.callscope.engine.decode.TestFrames.IPV6_UDP_HELLO;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.capture.LinkType;
import org.junit.jupiter.api.Test;

class GreDecoderTest {
    private final DecoderFixture f = new DecoderFixture();

    /** Outer IPv4 10.0.0.1 -> 10.0.0.2, protocol 47, with the given total length. */
    private static String outerGre(String totalLength) {
        return "4500" + totalLength + "0001 0000 402f 0000 0a000001 0a000002";
    }

    @Test
    void decodesIpv4InGre() {
        // total 20 + 4 + 33 = 57
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, outerGre("0039"), "0000 0800", IPV4_UDP_HELLO))
                .isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv4Hello(f.out);
        assertThat(f.out.tunnelDepth).isEqualTo(1);
        assertThat(f.out.ipHeaderOffset).isEqualTo(14 + 20 + 4);
    }

    @Test
    void decodesIpv6InGre() {
        // total 20 + 4 + 53 = 77
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, outerGre("004d"), "0000 86dd", IPV6_UDP_HELLO))
                .isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv6Hello(f.out);
    }

    @Test
    void skipsKeyAndSequenceNumber() {
        // RFC 2890: K and S set, key 42, sequence 1; total 20 + 12 + 33 = 65
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, outerGre("0041"), "3000 0800 0000002a 00000001",
                IPV4_UDP_HELLO)).isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv4Hello(f.out);
        assertThat(f.out.ipHeaderOffset).isEqualTo(14 + 20 + 12);
    }

    @Test
    void skipsChecksumKeyAndSequenceNumber() {
        // C, K, S set; total 20 + 16 + 33 = 69
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, outerGre("0045"), "b000 0800 12340000 0000002a 00000001",
                IPV4_UDP_HELLO)).isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv4Hello(f.out);
    }

    @Test
    void decodesTransparentEthernetBridging() {
        // total 20 + 4 + 14 + 33 = 71
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, outerGre("0047"), "0000 6558", ETH_IPV4, IPV4_UDP_HELLO))
                .isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv4Hello(f.out);
        assertThat(f.out.tunnelDepth).isEqualTo(1);
    }

    @Test
    void erspanTypeOneHasNoErspanHeader() {
        // 0x88be without a sequence number: the mirrored frame follows the 4-byte GRE header.
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, outerGre("0047"), "0000 88be", ETH_IPV4, IPV4_UDP_HELLO))
                .isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv4Hello(f.out);
    }

    @Test
    void pptpEnhancedGreIsUnsupported() {
        // RFC 2637 GRE version 1 carrying PPP.
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, outerGre("0020"), "3001 880b 0000 0000 ff030021"))
                .isEqualTo(DecodeStatus.OTHER);
        assertThat(f.count(Anomaly.GRE_UNSUPPORTED)).isEqualTo(1);
    }

    @Test
    void unknownPayloadTypeIsUnsupported() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, outerGre("001c"), "0000 88b5 00000000"))
                .isEqualTo(DecodeStatus.OTHER);
        assertThat(f.count(Anomaly.GRE_UNSUPPORTED)).isEqualTo(1);
    }

    @Test
    void shortBaseHeaderIsTruncated() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, outerGre("0016"), "0000"))
                .isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.GRE_TRUNCATED)).isEqualTo(1);
    }

    @Test
    void missingOptionalFieldsAreTruncated() {
        // K and S announced, only the key present.
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, outerGre("001c"), "3000 0800 0000002a"))
                .isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.GRE_TRUNCATED)).isEqualTo(1);
    }
}
