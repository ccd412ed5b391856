package org.callscope.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.decode.TestFrames.ETH_DST_SRC;
import static org.callscope.engine.decode.TestFrames.ETH_IPV4;
import static org.callscope.engine.decode.TestFrames.ETH_IPV6;
import static org.callscope.engine.decode.TestFrames.IPV4_UDP_HELLO;
import static org.callscope.engine.decode.TestFrames.IPV6_DST;
import static org.callscope.engine.decode.TestFrames.IPV6_SRC;
import static org.callscope.engine.decode.TestFrames.IPV6_UDP_HELLO;

import java.util.Random;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.capture.LinkType;
import org.callscope.engine.defrag.IpDefragmenter;
import org.junit.jupiter.api.Test;

/** Random and mutated frames: decoding never throws, payload bounds hold, the defragmenter stays bounded. */
class PacketDecoderFuzzTest {
    private static final int ITERATIONS = 200_000;
    private static final int MAX_DATAGRAMS = 64;
    private static final long MAX_BYTES = 1L << 20;
    private static final int[] LINK_TYPES = {
            LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.NULL, LinkType.LOOP,
            LinkType.RAW, LinkType.IPV4, LinkType.IPV6, 147};

    /** Valid frames to mutate: every layer and tunnel the decoder opens. */
    private static final Object[][] TEMPLATES = {
            {LinkType.ETHERNET, ETH_IPV4 + IPV4_UDP_HELLO},
            {LinkType.ETHERNET, ETH_IPV6 + IPV6_UDP_HELLO},
            {LinkType.ETHERNET, ETH_DST_SRC + "88a8 000a 8100 0014 0800" + IPV4_UDP_HELLO},
            {LinkType.ETHERNET, ETH_DST_SRC + "8847 00010040 00011140" + IPV4_UDP_HELLO},
            {LinkType.ETHERNET, ETH_DST_SRC + "8864 1100 0042 0023 0021" + IPV4_UDP_HELLO},
            {LinkType.ETHERNET, ETH_IPV4 + "4500 0035 0001 0000 4004 0000 0a000001 0a000002" + IPV4_UDP_HELLO},
            {LinkType.ETHERNET, ETH_IPV4 + "4500 0049 0001 0000 4029 0000 0a000001 0a000002" + IPV6_UDP_HELLO},
            {LinkType.ETHERNET, ETH_IPV4 + "4500 0045 0001 0000 402f 0000 0a000001 0a000002"
                    + "b000 0800 12340000 0000002a 00000001" + IPV4_UDP_HELLO},
            {LinkType.ETHERNET, ETH_IPV4 + "4500 0053 0001 0000 402f 0000 0a000001 0a000002 1000 88be 00000005"
                    + "1001 0064 00000000" + ETH_IPV4 + IPV4_UDP_HELLO},
            {LinkType.ETHERNET, ETH_IPV4 + "4500 005f 0001 0000 402f 0000 0a000001 0a000002 1000 22eb 00000005"
                    + "2001 0064 11223344 0000 0001 0800000000000000" + ETH_IPV4 + IPV4_UDP_HELLO},
            {LinkType.ETHERNET, ETH_IPV4 + "4500 0053 0001 0000 4011 0000 0a000001 0a000002 c000 12b5 003f 0000"
                    + "0800 0000 00007b00" + ETH_IPV4 + IPV4_UDP_HELLO},
            {LinkType.ETHERNET, ETH_IPV4 + "4500 0024 4242 2000 4011 0000 c0a80001 c0a80002"
                    + "1f90 13c4 0018 0000 4141414141414141"},
            {LinkType.ETHERNET, ETH_IPV4 + "4500 001c 4242 0002 4011 0000 c0a80001 c0a80002 4242424242424242"},
            {LinkType.ETHERNET, ETH_IPV6 + "6000 0000 0018 2c 40" + IPV6_SRC + IPV6_DST
                    + "1100 0001 0000abcd 1f90 13c4 0018 0000 4141414141414141"},
            {LinkType.ETHERNET, ETH_IPV6 + "6000 0000 001d 00 40" + IPV6_SRC + IPV6_DST
                    + "3c00 0104 00000000 1100 0104 00000000" + TestFrames.UDP_HELLO},
            {LinkType.ETHERNET, ETH_IPV4 + "4500 0036 0001 4000 4006 0000 c0a80002 c0a80001"
                    + "13c4 9c40 fffffff0 80000001 8012 ffff 0000 0000 020405b4 0402 0101 01030307 6f6b"},
            {LinkType.LINUX_SLL, "0000 0001 0006 66778899aabb 0000 0800" + IPV4_UDP_HELLO},
            {LinkType.LINUX_SLL2, "86dd 0000 00000002 0001 04 06 66778899aabb0000" + IPV6_UDP_HELLO},
            {LinkType.NULL, "1e000000" + IPV6_UDP_HELLO},
            {LinkType.RAW, IPV4_UDP_HELLO},
    };

    @Test
    void randomAndMutatedFramesNeverThrow() {
        AnomalyCounters anomalies = new AnomalyCounters();
        IpDefragmenter defragmenter = new IpDefragmenter(anomalies, IpDefragmenter.DEFAULT_TIMEOUT_NANOS,
                MAX_DATAGRAMS, MAX_BYTES);
        PacketDecoder decoder = new PacketDecoder(anomalies, defragmenter);
        DecodedPacket out = new DecodedPacket();
        CapturedPacket frame = new CapturedPacket();
        byte[][] templates = new byte[TEMPLATES.length][];
        for (int i = 0; i < TEMPLATES.length; i++) {
            templates[i] = TestFrames.hex((String) TEMPLATES[i][1]);
        }
        Random random = new Random(20_261_125L);
        int delivered = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            frame.tsNanos = i * 1_000_000L;
            if (random.nextInt(4) == 0) {
                frame.linkType = LINK_TYPES[random.nextInt(LINK_TYPES.length)];
                frame.capturedLength = random.nextInt(200);
                for (int j = 0; j < frame.capturedLength; j++) {
                    frame.data[j] = (byte) random.nextInt(256);
                }
            } else {
                int t = random.nextInt(templates.length);
                byte[] template = templates[t];
                frame.linkType = (int) TEMPLATES[t][0];
                System.arraycopy(template, 0, frame.data, 0, template.length);
                frame.capturedLength = template.length;
                int mutations = 1 + random.nextInt(4);
                for (int m = 0; m < mutations; m++) {
                    switch (random.nextInt(4)) {
                        case 0 -> frame.data[random.nextInt(template.length)] = (byte) random.nextInt(256);
                        case 1 -> frame.data[random.nextInt(template.length)] ^= (byte) (1 << random.nextInt(8));
                        case 2 -> frame.capturedLength = random.nextInt(template.length + 1);
                        default -> {
                            int extra = random.nextInt(64);
                            for (int j = 0; j < extra; j++) {
                                frame.data[template.length + j] = (byte) random.nextInt(256);
                            }
                            frame.capturedLength = template.length + extra;
                        }
                    }
                }
            }
            DecodeStatus status = decoder.decode(frame, out);
            assertThat(status).isNotNull();
            if (status == DecodeStatus.UDP || status == DecodeStatus.TCP) {
                delivered++;
                assertThat(out.payloadOffset).isNotNegative();
                assertThat(out.payloadLength).isNotNegative();
                assertThat(out.payloadOffset + out.payloadLength).isLessThanOrEqualTo(
                        out.reassembled ? defragmenter.length() : frame.capturedLength);
                assertThat(out.tunnelDepth).isBetween(0, Tunnels.MAX_TUNNEL_DEPTH);
            }
            assertThat(defragmenter.inProgress()).isLessThanOrEqualTo(MAX_DATAGRAMS);
            assertThat(defragmenter.bytesHeld()).isBetween(0L, MAX_BYTES);
        }
        // Mutations leave many frames intact: the test exercises the deep paths, not only rejections.
        assertThat(delivered).isGreaterThan(ITERATIONS / 10);
    }
}
