package org.callscope.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.callscope.engine.capture.CapturedPacket;

/**
 * Wire-byte pieces shared by the decoder tests, written out as hex. The frames the tests build from
 * them were checked once with text2pcap and tshark 4.0 (protocol stack and UDP ports as expected).
 */
final class TestFrames {
    /** Ethernet II: dst 00:11:22:33:44:55, src 66:77:88:99:aa:bb, then EtherType. */
    static final String ETH_DST_SRC = "001122334455 66778899aabb";
    static final String ETH_IPV4 = ETH_DST_SRC + "0800";
    static final String ETH_IPV6 = ETH_DST_SRC + "86dd";

    /** UDP 8080 -> 5060, length 13, checksum 0, payload "hello" (RFC 768). */
    static final String UDP_HELLO = "1f90 13c4 000d 0000 68656c6c6f";
    /** IPv4 192.168.0.1 -> 192.168.0.2, IHL 5, total length 33, id 0x1234, TTL 64, protocol 17 (RFC 791). */
    static final String IPV4_UDP_HELLO = "4500 0021 1234 0000 4011 0000 c0a80001 c0a80002" + UDP_HELLO;
    static final String IPV6_SRC = "20010db8000000000000000000000001";
    static final String IPV6_DST = "20010db8000000000000000000000002";
    /**
     * IPv6 2001:db8::1 -> 2001:db8::2, payload length 13, next header 17, hop limit 64 (RFC 8200 §3).
     * The zero UDP checksum is illegal over IPv6 (RFC 8200 §8.1) but, as checksums are not verified,
     * irrelevant here.
     */
    static final String IPV6_UDP_HELLO = "6000 0000 000d 11 40" + IPV6_SRC + IPV6_DST + UDP_HELLO;

    private TestFrames() {
    }

    static byte[] hex(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            sb.append(p.replaceAll("\\s", ""));
        }
        return HexFormat.of().parseHex(sb.toString());
    }

    static CapturedPacket frame(int linkType, String... hexParts) {
        return frame(linkType, hex(hexParts));
    }

    static CapturedPacket frame(int linkType, byte[] bytes) {
        CapturedPacket p = new CapturedPacket();
        p.linkType = linkType;
        p.tsNanos = 1_700_000_000_123_456_789L;
        p.ensureCapacity(bytes.length);
        System.arraycopy(bytes, 0, p.data, 0, bytes.length);
        p.capturedLength = bytes.length;
        p.originalLength = bytes.length;
        p.frameNumber = 1;
        return p;
    }

    static String payload(DecodedPacket out) {
        return new String(out.payload, out.payloadOffset, out.payloadLength, StandardCharsets.ISO_8859_1);
    }

    /** The transport of {@link #UDP_HELLO}. */
    static void assertUdpHello(DecodedPacket out) {
        assertThat(out.protocol).isEqualTo(DecodedPacket.PROTO_UDP);
        assertThat(out.srcPort).isEqualTo(8080);
        assertThat(out.dstPort).isEqualTo(5060);
        assertThat(payload(out)).isEqualTo("hello");
    }

    static void assertIpv4Hello(DecodedPacket out) {
        assertThat(out.ipVersion).isEqualTo(4);
        assertThat(out.srcAddrString()).isEqualTo("192.168.0.1");
        assertThat(out.dstAddrString()).isEqualTo("192.168.0.2");
        assertUdpHello(out);
    }

    static void assertIpv6Hello(DecodedPacket out) {
        assertThat(out.ipVersion).isEqualTo(6);
        assertThat(out.srcAddrString()).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(out.dstAddrString()).isEqualTo("2001:db8:0:0:0:0:0:2");
        assertUdpHello(out);
    }
}
