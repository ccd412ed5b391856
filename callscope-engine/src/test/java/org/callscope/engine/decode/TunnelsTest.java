package org.callscope.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.decode.TestFrames.ETH_IPV4;
import static org.callscope.engine.decode.TestFrames.ETH_IPV6;
import static org.callscope.engine.decode.TestFrames.IPV4_UDP_HELLO;
import static org.callscope.engine.decode.TestFrames.IPV6_DST;
import static org.callscope.engine.decode.TestFrames.IPV6_SRC;
import static org.callscope.engine.decode.TestFrames.IPV6_UDP_HELLO;

import java.util.HexFormat;
import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.capture.LinkType;
import org.junit.jupiter.api.Test;

class TunnelsTest {
    private final DecoderFixture f = new DecoderFixture();

    @Test
    void decodesIpInIp() {
        // RFC 2003: outer 10.0.0.1 -> 10.0.0.2 protocol 4, total 20 + 33 = 53.
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, "4500 0035 0001 0000 4004 0000 0a000001 0a000002",
                IPV4_UDP_HELLO)).isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv4Hello(f.out);
        assertThat(f.out.tunnelDepth).isEqualTo(1);
        assertThat(f.out.ipHeaderOffset).isEqualTo(34);
    }

    @Test
    void decodesSixInFour() {
        // RFC 4213 §3.5: protocol 41, total 20 + 53 = 73.
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, "4500 0049 0001 0000 4029 0000 0a000001 0a000002",
                IPV6_UDP_HELLO)).isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv6Hello(f.out);
        assertThat(f.out.tunnelDepth).isEqualTo(1);
    }

    @Test
    void decodesFourInSixAndSixInSix() {
        // RFC 2473: next header 4 (payload 33) and 41 (payload 53).
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV6, "6000 0000 0021 04 40", IPV6_SRC, IPV6_DST, IPV4_UDP_HELLO))
                .isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv4Hello(f.out);
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV6, "6000 0000 0035 29 40", IPV6_DST, IPV6_SRC, IPV6_UDP_HELLO))
                .isEqualTo(DecodeStatus.UDP);
        TestFrames.assertIpv6Hello(f.out);
        assertThat(f.out.tunnelDepth).isEqualTo(1);
    }

    @Test
    void acceptsTunnelsUpToTheLimit() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, nestIpInIp(Tunnels.MAX_TUNNEL_DEPTH)))
                .isEqualTo(DecodeStatus.UDP);
        assertThat(f.out.tunnelDepth).isEqualTo(Tunnels.MAX_TUNNEL_DEPTH);
        TestFrames.assertIpv4Hello(f.out);
    }

    @Test
    void refusesTunnelsBeyondTheLimit() {
        assertThat(f.decode(LinkType.ETHERNET, ETH_IPV4, nestIpInIp(Tunnels.MAX_TUNNEL_DEPTH + 1)))
                .isEqualTo(DecodeStatus.MALFORMED);
        assertThat(f.count(Anomaly.TUNNEL_TOO_DEEP)).isEqualTo(1);
    }

    /** {@code depth} IPv4 protocol-4 headers around the hello datagram. */
    private static String nestIpInIp(int depth) {
        String packet = IPV4_UDP_HELLO.replace(" ", "");
        for (int i = 0; i < depth; i++) {
            int total = packet.length() / 2 + 20;
            packet = "4500" + HexFormat.of().toHexDigits((short) total) + "00010000 4004 0000 0a000001 0a000002"
                    .replace(" ", "") + packet;
        }
        return packet;
    }
}
