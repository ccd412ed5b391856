package org.callscope.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.decode.TestFrames.ETH_IPV6;
import static org.callscope.engine.decode.TestFrames.IPV6_DST;
import static org.callscope.engine.decode.TestFrames.IPV6_SRC;
import static org.callscope.engine.decode.TestFrames.UDP_HELLO;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.capture.LinkType;
import org.junit.jupiter.api.Test;

class Ipv6DecoderTest {
    private final DecoderFixture f = new DecoderFixture();

    private static String ipv6(String payloadLength, String nextHeader) {
        return "6000 0000" + payloadLength + nextHeader + "40" + IPV6_SRC + IPV6_DST;
    }

    @Test
    void skipsHopByHopAndDestinationOptions() {
        // Hop-by-hop (next 60, length 0, PadN 4) then destination options (next 17, PadN 4): 8 + 8 + 13 = 29.
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV6, ipv6("001d", "00"), "3c00 0104 00000000",
                "1100 0104 00000000", UDP_HELLO)).isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv6Hello(f.out);
        assertThat(f.out.payloadOffset).isEqualTo(14 + 40 + 16 + 8);
    }

    @Test
    void skipsRoutingHeaderAndAuthenticationHeader() {
        // Type 2 routing header (RFC 6275 §6.4: next 51, length 2, segments left 1, home address),
        // then AH (next 17, payload length 4 -> 24 bytes); 24 + 24 + 13 = 61.
        String routing = "3302 0201 00000000" + IPV6_DST;
        String ah = "1104 0000 00001000 00000001 000000000000000000000000";
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV6, ipv6("003d", "2b"), routing, ah, UDP_HELLO))
                .isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv6Hello(f.out);
    }

    @Test
    void noNextHeaderIsOther() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV6, ipv6("0008", "3c"), "3b00 0104 00000000"))
                .isEqualTo(DecodeStatus.OTHER);
        assertThat(f.total()).isZero();
    }

    @Test
    void icmpv6IsOther() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV6, ipv6("0008", "3a"), "8000 0000 00010001"))
                .isEqualTo(DecodeStatus.OTHER);
    }

    @Test
    void cutsPaddingByPayloadLength() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV6, ipv6("000d", "11"), UDP_HELLO, "0000000000"))
                .isEqualTo(DecodeStatus.UDP);
        assertThat(f.out.payloadLength).isEqualTo(5);
    }

    /* UDP of 24 bytes split at 16: fragment header next 17, offset 0 M, then offset 2 (16 bytes) last; id 0xabcd. */
    private static final String FRAGMENT_1_BODY = "1100 0001 0000abcd" + "1f90 13c4 0018 0000 4141414141414141";
    private static final String FRAGMENT_2_BODY = "1100 0010 0000abcd" + "4242424242424242";

    @Test
    void reassemblesFragments() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV6, ipv6("0018", "2c"), FRAGMENT_1_BODY))
                .isEqualTo(DecodeStatus.FRAGMENT_HELD);
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV6, ipv6("0010", "2c"), FRAGMENT_2_BODY))
                .isEqualTo(DecodeStatus.UDP);
        assertThat(f.out.reassembled).isTrue();
        assertThat(f.out.ipHeaderOffset).isEqualTo(-1);
        assertThat(f.out.ipVersion).isEqualTo(6);
        assertThat(f.out.dstPort).isEqualTo(5060);
        assertThat(TestFrames.payload(f.out)).isEqualTo("AAAAAAAABBBBBBBB");
    }

    @Test
    void reassemblesFragmentsOutOfOrderAfterHopByHop() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV6, ipv6("0018", "00"), "2c00 0104 00000000", FRAGMENT_2_BODY))
                .isEqualTo(DecodeStatus.FRAGMENT_HELD);
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV6, ipv6("0018", "2c"), FRAGMENT_1_BODY))
                .isEqualTo(DecodeStatus.UDP);
        assertThat(TestFrames.payload(f.out)).isEqualTo("AAAAAAAABBBBBBBB");
    }

    @Test
    void atomicFragmentIsDecodedAtOnce() {
        // RFC 6946: offset 0 and M = 0.
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV6, ipv6("0015", "2c"), "1100 0000 00000001", UDP_HELLO))
                .isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv6Hello(f.out);
        assertThat(f.out.reassembled).isFalse();
        assertThat(f.defragmenter.inProgress()).isZero();
    }

    @Test
    void refusesOverlongExtensionChain() {
        StringBuilder chain = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            chain.append("3c00 0104 00000000");
        }
        chain.append("1100 0104 00000000");
        // 11 headers of 8 bytes + 13 = 101 = 0x65
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV6, ipv6("0065", "3c"), chain.toString(), UDP_HELLO))
                .isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.IPV6_BAD_EXTENSION_HEADER)).isEqualTo(1);
    }

    @Test
    void extensionHeaderOverrunningPayloadIsBad() {
        // Destination options claims 16 bytes (length 1) but the payload has 8.
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV6, ipv6("0008", "3c"), "1101 0104 00000000"))
                .isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.IPV6_BAD_EXTENSION_HEADER)).isEqualTo(1);
    }

    @Test
    void payloadBeyondCaptureIsTruncated() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV6, ipv6("000d", "11"), "1f90 13c4 000d"))
                .isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.IPV6_TRUNCATED)).isEqualTo(1);
    }

    @Test
    void shortHeaderIsTruncated() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV6, "6000 0000 000d 1140 20010db8"))
                .isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.IPV6_TRUNCATED)).isEqualTo(1);
    }

    @Test
    void wrongVersionIsMalformed() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV6, TestFrames.IPV4_UDP_HELLO)).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.IP_WRONG_VERSION)).isEqualTo(1);
    }
}
