package org.callscope.engine.defrag;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.junit.jupiter.api.Test;

class IpDefragmenterTest {
    private static final long SECOND = 1_000_000_000L;
    private static final int UDP = 17;
    private static final byte[] SRC = address("c0a80001");
    private static final byte[] DST = address("c0a80002");

    private final AnomalyCounters anomalies = new AnomalyCounters();
    private final IpDefragmenter defrag = new IpDefragmenter(anomalies);

    private static byte[] address(String hex) {
        byte[] a = new byte[16];
        byte[] v = HexFormat.of().parseHex(hex);
        System.arraycopy(v, 0, a, 0, v.length);
        return a;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private FragmentResult v4(long now, int id, int offset, boolean more, String data) {
        byte[] b = ascii("##" + data); // offset 2 in the buffer: the payload need not start at 0
        return defrag.offerIpv4(now, SRC, DST, id, UDP, offset, more, b, 2, data.length());
    }

    private String completed() {
        return new String(defrag.buffer(), 0, defrag.length(), StandardCharsets.US_ASCII);
    }

    @Test
    void reassemblesOutOfOrder() {
        assertThat(v4(0, 1, 16, false, "cccc")).isEqualTo(FragmentResult.HELD);
        assertThat(v4(0, 1, 8, true, "bbbbbbbb")).isEqualTo(FragmentResult.HELD);
        assertThat(v4(0, 1, 0, true, "aaaaaaaa")).isEqualTo(FragmentResult.COMPLETE);
        assertThat(completed()).isEqualTo("aaaaaaaabbbbbbbbcccc");
        assertThat(defrag.protocol()).isEqualTo(UDP);
        assertThat(defrag.inProgress()).isZero();
        assertThat(defrag.bytesHeld()).isZero();
        assertThat(anomalies.nonZero()).isEmpty();
    }

    @Test
    void ignoresExactDuplicates() {
        assertThat(v4(0, 1, 8, false, "bbbbbbbb")).isEqualTo(FragmentResult.HELD);
        assertThat(v4(0, 1, 8, false, "bbbbbbbb")).isEqualTo(FragmentResult.HELD);
        assertThat(v4(0, 1, 0, true, "aaaaaaaa")).isEqualTo(FragmentResult.COMPLETE);
        assertThat(completed()).isEqualTo("aaaaaaaabbbbbbbb");
        assertThat(anomalies.get(Anomaly.FRAGMENT_OVERLAP)).isZero();
    }

    @Test
    void overlapIsCountedAndFirstBytesWin() {
        assertThat(v4(0, 1, 0, true, "aaaaaaaaaaaaaaaa")).isEqualTo(FragmentResult.HELD);
        // Rewrites bytes 8..15 with x and adds 16..23.
        assertThat(v4(0, 1, 8, true, "xxxxxxxxbbbbbbbb")).isEqualTo(FragmentResult.HELD);
        assertThat(anomalies.get(Anomaly.FRAGMENT_OVERLAP)).isEqualTo(1);
        assertThat(v4(0, 1, 24, false, "cc")).isEqualTo(FragmentResult.COMPLETE);
        assertThat(completed()).isEqualTo("aaaaaaaaaaaaaaaabbbbbbbbcc");
    }

    @Test
    void fullyCoveredButDifferentFragmentIsAnOverlap() {
        v4(0, 1, 0, true, "aaaaaaaa");
        v4(0, 1, 0, true, "zzzzzzzz");
        assertThat(anomalies.get(Anomaly.FRAGMENT_OVERLAP)).isEqualTo(1);
        assertThat(v4(0, 1, 8, false, "b")).isEqualTo(FragmentResult.COMPLETE);
        assertThat(completed()).isEqualTo("aaaaaaaab");
    }

    @Test
    void conflictingLastFragmentIsDropped() {
        v4(0, 1, 8, false, "bbbb");
        assertThat(v4(0, 1, 8, false, "bbbbbbbbbb")).isEqualTo(FragmentResult.DROPPED);
        assertThat(anomalies.get(Anomaly.FRAGMENT_OVERLAP)).isEqualTo(1);
        assertThat(v4(0, 1, 16, true, "cccccccc")).isEqualTo(FragmentResult.DROPPED);
        assertThat(anomalies.get(Anomaly.FRAGMENT_OVERLAP)).isEqualTo(2);
        assertThat(v4(0, 1, 0, true, "aaaaaaaa")).isEqualTo(FragmentResult.COMPLETE);
        assertThat(completed()).isEqualTo("aaaaaaaabbbb");
    }

    @Test
    void keepsDatagramsApartByIdProtocolAndAddress() {
        v4(0, 1, 0, true, "11111111");
        v4(0, 2, 0, true, "22222222");
        defrag.offerIpv4(0, SRC, DST, 1, 6, 0, true, ascii("tttttttt"), 0, 8);
        defrag.offerIpv4(0, DST, SRC, 1, UDP, 0, true, ascii("rrrrrrrr"), 0, 8);
        assertThat(defrag.inProgress()).isEqualTo(4);
        assertThat(v4(0, 2, 8, false, "!")).isEqualTo(FragmentResult.COMPLETE);
        assertThat(completed()).isEqualTo("22222222!");
        assertThat(defrag.offerIpv4(0, SRC, DST, 1, 6, 8, false, ascii("?"), 0, 1)).isEqualTo(FragmentResult.COMPLETE);
        assertThat(completed()).isEqualTo("tttttttt?");
        assertThat(defrag.protocol()).isEqualTo(6);
    }

    @Test
    void reassemblesIpv6KeyedWithoutProtocol() {
        byte[] src = address("20010db8000000000000000000000001");
        byte[] dst = address("20010db8000000000000000000000002");
        // Next header is taken from the fragment at offset 0 (RFC 8200 §4.5).
        assertThat(defrag.offerIpv6(0, src, dst, 0xabcdL, 59, 8, false, ascii("bb"), 0, 2))
                .isEqualTo(FragmentResult.HELD);
        assertThat(defrag.offerIpv6(0, src, dst, 0xabcdL, UDP, 0, true, ascii("aaaaaaaa"), 0, 8))
                .isEqualTo(FragmentResult.COMPLETE);
        assertThat(completed()).isEqualTo("aaaaaaaabb");
        assertThat(defrag.protocol()).isEqualTo(UDP);
    }

    @Test
    void expiresOnPacketTime() {
        v4(0, 1, 0, true, "aaaaaaaa");
        v4(10 * SECOND, 2, 0, true, "aaaaaaaa");
        defrag.expire(29 * SECOND);
        assertThat(defrag.inProgress()).isEqualTo(2);
        defrag.expire(IpDefragmenter.DEFAULT_TIMEOUT_NANOS);
        assertThat(defrag.inProgress()).isEqualTo(1);
        assertThat(anomalies.get(Anomaly.FRAGMENT_TIMEOUT)).isEqualTo(1);
        // The late last fragment of datagram 1 starts a new datagram instead of completing the old one.
        assertThat(v4(31 * SECOND, 1, 8, false, "b")).isEqualTo(FragmentResult.HELD);
        assertThat(v4(41 * SECOND, 2, 8, false, "b")).isEqualTo(FragmentResult.HELD);
        assertThat(anomalies.get(Anomaly.FRAGMENT_TIMEOUT)).isEqualTo(2);
        assertThat(defrag.inProgress()).isEqualTo(2);
    }

    @Test
    void boundsDatagramsInProgressByEvictingTheOldest() {
        IpDefragmenter small = new IpDefragmenter(anomalies, IpDefragmenter.DEFAULT_TIMEOUT_NANOS, 3,
                IpDefragmenter.DEFAULT_MAX_BYTES);
        for (int id = 1; id <= 5; id++) {
            small.offerIpv4(id, SRC, DST, id, UDP, 0, true, ascii("aaaaaaaa"), 0, 8);
        }
        assertThat(small.inProgress()).isEqualTo(3);
        assertThat(anomalies.get(Anomaly.FRAGMENT_TABLE_FULL)).isEqualTo(2);
        // 1 and 2 were evicted; 3 can still complete.
        assertThat(small.offerIpv4(9, SRC, DST, 1, UDP, 8, false, ascii("b"), 0, 1)).isEqualTo(FragmentResult.HELD);
        assertThat(small.offerIpv4(9, SRC, DST, 4, UDP, 8, false, ascii("b"), 0, 1)).isEqualTo(FragmentResult.COMPLETE);
    }

    @Test
    void boundsBytesHeld() {
        long budget = 3L * (2048 + PartialDatagram.OVERHEAD_BYTES);
        IpDefragmenter small = new IpDefragmenter(anomalies, IpDefragmenter.DEFAULT_TIMEOUT_NANOS, 100, budget);
        for (int id = 1; id <= 10; id++) {
            small.offerIpv4(id, SRC, DST, id, UDP, 0, true, ascii("aaaaaaaa"), 0, 8);
            assertThat(small.bytesHeld()).isLessThanOrEqualTo(budget);
        }
        assertThat(small.inProgress()).isEqualTo(3);
        assertThat(anomalies.get(Anomaly.FRAGMENT_TABLE_FULL)).isEqualTo(7);
    }

    @Test
    void refusesDatagramsBeyondTheIpv4Maximum() {
        // Offset 8189 * 8 = 65512 plus 8 bytes ends past 65515 (65535 minus the minimal header).
        v4(0, 1, 0, true, "aaaaaaaa");
        assertThat(v4(0, 1, 65_512, false, "zzzzzzzz")).isEqualTo(FragmentResult.DROPPED);
        assertThat(anomalies.get(Anomaly.FRAGMENT_TOO_LARGE)).isEqualTo(1);
        assertThat(defrag.inProgress()).isZero();
        assertThat(v4(0, 1, 65_504, false, "zzzzzzzz")).isEqualTo(FragmentResult.HELD);
    }

    @Test
    void refusesMisalignedOrEmptyFragments() {
        assertThat(v4(0, 1, 0, true, "aaaaaaa")).isEqualTo(FragmentResult.DROPPED);
        assertThat(v4(0, 1, 8, false, "")).isEqualTo(FragmentResult.DROPPED);
        assertThat(anomalies.get(Anomaly.FRAGMENT_BAD_LENGTH)).isEqualTo(2);
        assertThat(defrag.inProgress()).isZero();
    }

    @Test
    void largestDatagramReassembles() {
        byte[] chunk = new byte[1480];
        int offset = 0;
        FragmentResult last = null;
        while (offset < IpDefragmenter.MAX_IPV4_PAYLOAD) {
            int length = Math.min(chunk.length, IpDefragmenter.MAX_IPV4_PAYLOAD - offset);
            boolean more = offset + length < IpDefragmenter.MAX_IPV4_PAYLOAD;
            java.util.Arrays.fill(chunk, (byte) (offset / 1480));
            last = defrag.offerIpv4(0, SRC, DST, 7, UDP, offset, more, chunk, 0, length);
            offset += length;
        }
        assertThat(last).isEqualTo(FragmentResult.COMPLETE);
        assertThat(defrag.length()).isEqualTo(IpDefragmenter.MAX_IPV4_PAYLOAD);
        assertThat(defrag.buffer()[1480 * 3]).isEqualTo((byte) 3);
        assertThat(anomalies.nonZero()).isEmpty();
    }
}
