package org.callscope.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.decode.TestFrames.ETH_IPV4;
import static org.callscope.engine.decode.TestFrames.UDP_HELLO;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.capture.LinkType;
import org.junit.jupiter.api.Test;

class Ipv4DecoderTest {
    private final DecoderFixture f = new DecoderFixture();

    @Test
    void skipsOptions() {
        // IHL 6: one 4-byte option word (NOP, NOP, NOP, EOL), total length 37.
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, "4600 0025 1234 0000 4011 0000 c0a80001 c0a80002 01010100",
                UDP_HELLO)).isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv4Hello(f.out);
        assertThat(f.out.payloadOffset).isEqualTo(14 + 24 + 8);
    }

    @Test
    void decodesTcp() {
        // TCP 5060 -> 40000, seq 1, ack 2, data offset 5, flags PSH|ACK, payload "hi"; total length 42.
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, "4500 002a 0001 4000 4006 0000 c0a80001 c0a80002",
                "13c4 9c40 00000001 00000002 5018 ffff 0000 0000 6869")).isEqualTo(DecodeStatus.TCP);
        assertThat(f.out.protocol).isEqualTo(DecodedPacket.PROTO_TCP);
        assertThat(TestFrames.payload(f.out)).isEqualTo("hi");
    }

    @Test
    void icmpPortUnreachableQuotingUdpIsOther() {
        // RFC 792: type 3 code 3, unused word, then the original IPv4 header and first 8 bytes of its UDP.
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, "4500 0038 0002 0000 4001 0000 c0a80002 c0a80001",
                "0303 0000 00000000",
                "4500 0021 1234 0000 4011 0000 c0a80001 c0a80002 1f90 13c4 000d 0000"))
                .isEqualTo(DecodeStatus.OTHER);
        assertThat(f.total()).isZero();
    }

    @Test
    void otherProtocolsAreOther() {
        // IGMP (2) and SCTP (132) with a few bytes of body.
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, "4500 001c 0003 0000 0102 0000 c0a80001 e0000001",
                "1164 ee9b 00000000")).isEqualTo(DecodeStatus.OTHER);
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, "4500 0020 0004 0000 4084 0000 c0a80001 c0a80002",
                "0b59 0b59 00000000 00000000")).isEqualTo(DecodeStatus.OTHER);
    }

    @Test
    void wrongVersionIsMalformed() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, "6500 0021 1234 0000 4011 0000 c0a80001 c0a80002", UDP_HELLO))
                .isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.IP_WRONG_VERSION)).isEqualTo(1);
    }

    @Test
    void headerLengthBelowTwentyIsBad() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, "4400 0021 1234 0000 4011 0000 c0a80001 c0a80002", UDP_HELLO))
                .isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.IPV4_BAD_HEADER_LENGTH)).isEqualTo(1);
    }

    @Test
    void totalLengthBelowHeaderLengthIsBad() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, "4500 0013 1234 0000 4011 0000 c0a80001 c0a80002", UDP_HELLO))
                .isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.IPV4_BAD_TOTAL_LENGTH)).isEqualTo(1);
    }

    @Test
    void totalLengthBeyondCaptureIsTruncated() {
        // Total length says 33, but the snap length kept only 30 bytes of IP.
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, "4500 0021 1234 0000 4011 0000 c0a80001 c0a80002",
                "1f90 13c4 000d 0000 6865")).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.IPV4_TRUNCATED)).isEqualTo(1);
    }

    @Test
    void shortHeaderIsTruncated() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, "4500 0021 1234 0000 4011 0000 c0a80001 c0a8"))
                .isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.IPV4_TRUNCATED)).isEqualTo(1);
    }

    @Test
    void optionsBeyondCaptureAreTruncated() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, "4f00 0040 1234 0000 4011 0000 c0a80001 c0a80002 0101"))
                .isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.IPV4_TRUNCATED)).isEqualTo(1);
    }

    /*
     * One UDP datagram of 24 bytes (header, "AAAAAAAA", "BBBBBBBB") split at byte 16 (RFC 791 §3.2):
     * fragment 1 offset 0 MF, fragment 2 offset 2 (x8 = 16) last.
     */
    private static final String FRAGMENT_1 = "4500 0024 4242 2000 4011 0000 c0a80001 c0a80002"
            + "1f90 13c4 0018 0000 4141414141414141";
    private static final String FRAGMENT_2 = "4500 001c 4242 0002 4011 0000 c0a80001 c0a80002"
            + "4242424242424242";

    @Test
    void reassemblesFragmentsInOrder() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, FRAGMENT_1)).isEqualTo(DecodeStatus.FRAGMENT_HELD);
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, FRAGMENT_2)).isEqualTo(DecodeStatus.UDP);
        assertReassembled();
    }

    @Test
    void reassemblesFragmentsOutOfOrder() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, FRAGMENT_2)).isEqualTo(DecodeStatus.FRAGMENT_HELD);
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, FRAGMENT_1)).isEqualTo(DecodeStatus.UDP);
        assertReassembled();
    }

    @Test
    void reassemblesWithPaddedLastFragment() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, FRAGMENT_1)).isEqualTo(DecodeStatus.FRAGMENT_HELD);
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, FRAGMENT_2, "000000000000000000")).isEqualTo(DecodeStatus.UDP);
        assertReassembled();
    }

    @Test
    void duplicateIsIgnoredAndOverlapKeepsFirstBytes() {
        // Same datagram, a fragment at offset 1 (8 bytes) rewriting "AAAAAAAA" with "XXXXXXXX".
        String overlapping = "4500 001c 4242 2001 4011 0000 c0a80001 c0a80002 5858585858585858";
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, FRAGMENT_1)).isEqualTo(DecodeStatus.FRAGMENT_HELD);
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, FRAGMENT_1)).isEqualTo(DecodeStatus.FRAGMENT_HELD);
        assertThat(f.count(Anomaly.FRAGMENT_OVERLAP)).isZero();
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, overlapping)).isEqualTo(DecodeStatus.FRAGMENT_HELD);
        assertThat(f.count(Anomaly.FRAGMENT_OVERLAP)).isEqualTo(1);
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, FRAGMENT_2)).isEqualTo(DecodeStatus.UDP);
        assertThat(TestFrames.payload(f.out)).isEqualTo("AAAAAAAABBBBBBBB");
    }

    @Test
    void nextFrameIsNotReassembled() {
        f.decode(LinkType.ETHERNET, ETH_IPV4, FRAGMENT_1);
        f.decode(LinkType.ETHERNET, ETH_IPV4, FRAGMENT_2);
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, TestFrames.IPV4_UDP_HELLO)).isEqualTo(DecodeStatus.UDP);
        assertThat(f.out.reassembled).isFalse();
        assertThat(f.out.ipHeaderOffset).isEqualTo(14);
    }

    private void assertReassembled() {
        assertThat(f.out.reassembled).isTrue();
        assertThat(f.out.ipHeaderOffset).isEqualTo(-1);
        assertThat(f.out.srcAddrString()).isEqualTo("192.168.0.1");
        assertThat(f.out.srcPort).isEqualTo(8080);
        assertThat(f.out.dstPort).isEqualTo(5060);
        assertThat(TestFrames.payload(f.out)).isEqualTo("AAAAAAAABBBBBBBB");
        assertThat(f.out.payload).isSameAs(f.defragmenter.buffer());
        assertThat(f.total()).isZero();
    }
}
