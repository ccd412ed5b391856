package org.callscope.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.decode.TestFrames.ETH_IPV4;
import static org.callscope.engine.decode.TestFrames.ETH_IPV6;
import static org.callscope.engine.decode.TestFrames.IPV6_DST;
import static org.callscope.engine.decode.TestFrames.IPV6_SRC;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.capture.LinkType;
import org.junit.jupiter.api.Test;

class TcpDecoderTest {
    private final DecoderFixture f = new DecoderFixture();

    @Test
    void readsPortsSequenceNumbersAndFlagsAndSkipsOptions() {
        // SYN|ACK 5060 -> 40000, seq 0xfffffff0, ack 0x80000001, data offset 8 (12 bytes of options:
        // MSS 1460, SACK permitted, NOP, NOP, NOP, window scale 7), payload "ok".
        String tcp = "13c4 9c40 fffffff0 80000001 8012 ffff 0000 0000 020405b4 0402 0101 01030307 6f6b";
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, "4500 0036 0001 4000 4006 0000 c0a80002 c0a80001", tcp))
                .isEqualTo(DecodeStatus.TCP);
        assertThat(f.out.protocol).isEqualTo(DecodedPacket.PROTO_TCP);
        assertThat(f.out.srcPort).isEqualTo(5060);
        assertThat(f.out.dstPort).isEqualTo(40000);
        assertThat(f.out.tcpSeq).isEqualTo(0xfffffff0L);
        assertThat(f.out.tcpAck).isEqualTo(0x80000001L);
        assertThat(f.out.tcpFlags).isEqualTo(0x12);
        assertThat(TestFrames.payload(f.out)).isEqualTo("ok");
        assertThat(f.out.payloadOffset).isEqualTo(14 + 20 + 32);
    }

    @Test
    void decodesTcpOverIpv6() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV6, "6000 0000 0014 06 40", IPV6_SRC, IPV6_DST,
                "9c40 13c4 00000001 00000000 5002 ffff 0000 0000")).isEqualTo(DecodeStatus.TCP);
        assertThat(f.out.tcpFlags).isEqualTo(0x02);
        assertThat(f.out.payloadLength).isZero();
        assertThat(f.out.ipVersion).isEqualTo(6);
    }

    @Test
    void dataOffsetBelowFiveIsBad() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, "4500 0028 0001 4000 4006 0000 c0a80002 c0a80001",
                "13c4 9c40 00000001 00000002 4010 ffff 0000 0000")).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.TCP_BAD_HEADER_LENGTH)).isEqualTo(1);
    }

    @Test
    void dataOffsetBeyondSegmentIsBad() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, "4500 0028 0001 4000 4006 0000 c0a80002 c0a80001",
                "13c4 9c40 00000001 00000002 f010 ffff 0000 0000")).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.TCP_BAD_HEADER_LENGTH)).isEqualTo(1);
    }

    @Test
    void headerShorterThanTwentyBytesIsTruncated() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, "4500 001e 0001 4000 4006 0000 c0a80002 c0a80001",
                "13c4 9c40 00000001 0000")).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.TCP_TRUNCATED)).isEqualTo(1);
    }
}
