package org.callscope.engine.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.tcp.Segments.ACK;
import static org.callscope.engine.tcp.Segments.FIN;
import static org.callscope.engine.tcp.Segments.PSH;
import static org.callscope.engine.tcp.Segments.RST;
import static org.callscope.engine.tcp.Segments.SECOND;
import static org.callscope.engine.tcp.Segments.SYN;
import static org.callscope.engine.tcp.Segments.client;
import static org.callscope.engine.tcp.Segments.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.decode.DecodedPacket;
import org.junit.jupiter.api.Test;

class TcpReassemblerTest {
    private static final long C_ISN = 1000;
    private static final long S_ISN = 5000;

    private final AnomalyCounters anomalies = new AnomalyCounters();
    private final Map<String, RecordingHandler> handlers = new LinkedHashMap<>();
    private final List<TcpDirection> opened = new ArrayList<>();
    private TcpReassembler reassembler = new TcpReassembler(this::open, anomalies, TcpLimits.DEFAULTS);

    private TcpStreamHandler open(TcpDirection direction, DecodedPacket first) {
        opened.add(direction);
        RecordingHandler h = new RecordingHandler();
        handlers.put(direction.toString(), h);
        return h;
    }

    private RecordingHandler fromClient() {
        return handlers.get("10.0.0.1:40000 -> 10.0.0.2:5060");
    }

    private RecordingHandler fromServer() {
        return handlers.get("10.0.0.2:5060 -> 10.0.0.1:40000");
    }

    private void handshake() {
        reassembler.accept(client(SYN, C_ISN, 0, "", 0));
        reassembler.accept(server(SYN | ACK, S_ISN, C_ISN + 1, "", 1));
        reassembler.accept(client(ACK, C_ISN + 1, S_ISN + 1, "", 2));
    }

    @Test
    void deliversInOrderStreamAndClosesAfterFin() {
        handshake();
        reassembler.accept(client(ACK | PSH, C_ISN + 1, S_ISN + 1, "Hello ", 3));
        reassembler.accept(client(ACK | PSH, C_ISN + 7, S_ISN + 1, "world", 4));
        reassembler.accept(server(ACK | PSH, S_ISN + 1, C_ISN + 12, "OK", 5));
        reassembler.accept(client(ACK | FIN, C_ISN + 12, S_ISN + 3, "", 6));

        assertThat(fromClient().events).containsExactly("data:Hello ", "data:world", "close");
        assertThat(fromClient().closeTs).isEqualTo(6);
        assertThat(fromServer().events).containsExactly("data:OK");
        TcpDirection first = opened.get(0);
        assertThat(first.fromClient()).isTrue();
        assertThat(first.rolesKnown()).isTrue();
        assertThat(first.clientAddress()).isEqualTo("10.0.0.1");
        assertThat(first.serverPort()).isEqualTo(5060);
        assertThat(first.srcAddr()).containsExactly(10, 0, 0, 1);
        assertThat(first.reverse()).isSameAs(opened.get(1));
        assertThat(first.reverse().reverse()).isSameAs(first);
        assertThat(anomalies.nonZero()).isEmpty();
    }

    @Test
    void reordersReversedSegments() {
        handshake();
        reassembler.accept(client(ACK, C_ISN + 7, S_ISN + 1, "ghi", 3));
        reassembler.accept(client(ACK, C_ISN + 4, S_ISN + 1, "def", 4));
        assertThat(fromClient().events).isEmpty();
        reassembler.accept(client(ACK, C_ISN + 1, S_ISN + 1, "abc", 5));

        assertThat(fromClient().text()).isEqualTo("abcdefghi");
        assertThat(fromClient().missing).isZero();
        assertThat(anomalies.nonZero()).isEmpty();
    }

    @Test
    void dropsRetransmissions() {
        handshake();
        reassembler.accept(client(ACK, C_ISN + 1, S_ISN + 1, "abc", 3));
        reassembler.accept(client(ACK, C_ISN + 1, S_ISN + 1, "abc", 4));
        reassembler.accept(client(ACK, C_ISN + 4, S_ISN + 1, "def", 5));
        reassembler.accept(client(ACK, C_ISN + 4, S_ISN + 1, "def", 6));
        reassembler.accept(client(ACK, C_ISN + 1, S_ISN + 1, "abcdef", 7));

        assertThat(fromClient().events).containsExactly("data:abc", "data:def");
        assertThat(anomalies.nonZero()).isEmpty();
    }

    @Test
    void trimsPartialOverlapWithSameBytes() {
        handshake();
        reassembler.accept(client(ACK, C_ISN + 1, S_ISN + 1, "abcdef", 3));
        reassembler.accept(client(ACK, C_ISN + 4, S_ISN + 1, "defghi", 4));
        // Out of order, overlapping a held segment on both sides.
        reassembler.accept(client(ACK, C_ISN + 14, S_ISN + 1, "nop", 5));
        reassembler.accept(client(ACK, C_ISN + 12, S_ISN + 1, "lmnopq", 6));
        reassembler.accept(client(ACK, C_ISN + 10, S_ISN + 1, "jklm", 7));

        assertThat(fromClient().text()).isEqualTo("abcdefghijklmnopq");
        assertThat(anomalies.get(Anomaly.TCP_OVERLAP_MISMATCH)).isZero();
    }

    @Test
    void keepsFirstBytesWhenOverlapDiffers() {
        handshake();
        reassembler.accept(client(ACK, C_ISN + 4, S_ISN + 1, "XYZ", 3));
        reassembler.accept(client(ACK, C_ISN + 1, S_ISN + 1, "abcdefg", 4));

        assertThat(fromClient().text()).isEqualTo("abcXYZg");
        assertThat(anomalies.get(Anomaly.TCP_OVERLAP_MISMATCH)).isEqualTo(1);

        // Two held segments overlapping each other with different bytes.
        reassembler.accept(client(ACK, C_ISN + 12, S_ISN + 1, "12345", 5));
        reassembler.accept(client(ACK, C_ISN + 14, S_ISN + 1, "ab", 6));
        reassembler.accept(client(ACK, C_ISN + 8, S_ISN + 1, "hijk", 7));
        assertThat(fromClient().text()).isEqualTo("abcXYZghijk12345");
        assertThat(anomalies.get(Anomaly.TCP_OVERLAP_MISMATCH)).isEqualTo(2);
    }

    @Test
    void followsSequenceWrapAt2To32() {
        long isn = 0xFFFF_FFFAL; // data starts at 0xFFFFFFFB, wraps after 5 bytes
        reassembler.accept(client(SYN, isn, 0, "", 0));
        reassembler.accept(client(ACK, 0x0000_0003L, 0, "456", 1)); // bytes 8..10
        reassembler.accept(client(ACK, 0xFFFF_FFFBL, 0, "ABCDE", 2)); // bytes 0..4, up to 0xFFFFFFFF
        reassembler.accept(client(ACK, 0x0000_0000L, 0, "123", 3)); // bytes 5..7
        reassembler.accept(client(ACK | FIN, 0x0000_0006L, 0, "789", 4));

        assertThat(fromClient().events).containsExactly("data:ABCDE", "data:123", "data:456", "data:789", "close");
        assertThat(anomalies.nonZero()).isEmpty();
    }

    @Test
    void picksUpMidStreamWithoutSyn() {
        reassembler.accept(client(ACK | PSH, 700_000, 9_000, "INVITE", 1));
        reassembler.accept(client(ACK | PSH, 699_990, 9_000, "0123456789", 2)); // older than pick-up
        reassembler.accept(client(ACK | PSH, 700_006, 9_000, " sip:", 3));

        assertThat(fromClient().text()).isEqualTo("INVITE sip:");
        TcpDirection d = opened.get(0);
        assertThat(d.rolesKnown()).isFalse();
        assertThat(d.fromClient()).isTrue(); // port 40000 > 5060: the ephemeral side
        assertThat(reassembler.openConnections()).isEqualTo(1);
    }

    @Test
    void reportsExactGapWhenPeerAcknowledgesTheHole() {
        handshake();
        reassembler.accept(client(ACK, C_ISN + 1, S_ISN + 1, "0123456789", 3));
        // bytes 10..19 lost before capture
        reassembler.accept(client(ACK, C_ISN + 21, S_ISN + 1, "KLMNO", 4));
        assertThat(fromClient().events).containsExactly("data:0123456789");
        reassembler.accept(server(ACK, S_ISN + 1, C_ISN + 26, "", 5));

        assertThat(fromClient().events).containsExactly("data:0123456789", "gap:10", "data:KLMNO");
        assertThat(anomalies.get(Anomaly.TCP_GAP)).isEqualTo(1);
        // The lost bytes, retransmitted late, are not delivered twice.
        reassembler.accept(client(ACK, C_ISN + 11, S_ISN + 1, "abcdefghij", 6));
        reassembler.accept(client(ACK, C_ISN + 26, S_ISN + 1, "P", 7));
        assertThat(fromClient().events).containsExactly("data:0123456789", "gap:10", "data:KLMNO", "data:P");
    }

    @Test
    void givesUpHoleWhenAckAlreadyPassedIt() {
        handshake();
        reassembler.accept(server(ACK, S_ISN + 1, C_ISN + 31, "", 3)); // ACK seen before the data
        reassembler.accept(client(ACK, C_ISN + 1, S_ISN + 1, "abc", 4));
        reassembler.accept(client(ACK, C_ISN + 21, S_ISN + 1, "0123456789", 5));

        assertThat(fromClient().events).containsExactly("data:abc", "gap:17", "data:0123456789");
    }

    @Test
    void skipsAheadWhenOutOfOrderBufferIsFull() {
        reassembler = new TcpReassembler(this::open, anomalies, new TcpLimits(8, 10, 300 * SECOND, 30 * SECOND));
        handshake();
        reassembler.accept(client(ACK, C_ISN + 1, S_ISN + 1, "ab", 3));
        reassembler.accept(client(ACK, C_ISN + 5, S_ISN + 1, "efgh", 4)); // hole "cd"
        reassembler.accept(client(ACK, C_ISN + 11, S_ISN + 1, "klm", 5)); // hole "ij"
        assertThat(fromClient().text()).isEqualTo("ab");
        reassembler.accept(client(ACK, C_ISN + 16, S_ISN + 1, "pq", 6)); // 4+3+2 > 8

        assertThat(anomalies.get(Anomaly.TCP_BUFFER_FULL)).isEqualTo(1);
        assertThat(fromClient().events).containsExactly("data:ab", "gap:2", "data:efgh");
        // A segment larger than the whole buffer is delivered after the holes before it.
        reassembler.accept(client(ACK, C_ISN + 30, S_ISN + 1, "0123456789", 7));
        assertThat(fromClient().events).containsExactly("data:ab", "gap:2", "data:efgh",
                "gap:2", "data:klm", "gap:2", "data:pq", "gap:12", "data:0123456789");
        assertThat(fromClient().missing).isEqualTo(18);
    }

    @Test
    void evictsOldestIdleConnectionWhenTableIsFull() {
        reassembler = new TcpReassembler(this::open, anomalies, new TcpLimits(1 << 20, 2, 300 * SECOND, 30 * SECOND));
        byte[] a = {10, 0, 0, 1};
        byte[] b = {10, 0, 0, 2};
        reassembler.accept(Segments.segment(a, 1001, b, 5060, ACK, 1, 1, "one".getBytes(), 1));
        reassembler.accept(Segments.segment(a, 1002, b, 5060, ACK, 1, 1, "two".getBytes(), 2));
        reassembler.accept(Segments.segment(b, 5060, a, 1001, ACK, 1, 4, new byte[0], 3)); // 1001 is now the fresher
        reassembler.accept(Segments.segment(a, 1003, b, 5060, ACK, 1, 1, "three".getBytes(), 4));

        assertThat(reassembler.openConnections()).isEqualTo(2);
        assertThat(anomalies.get(Anomaly.TCP_TABLE_FULL)).isEqualTo(1);
        assertThat(handlers.get("10.0.0.1:1002 -> 10.0.0.2:5060").events).containsExactly("data:two", "close");
        assertThat(handlers.get("10.0.0.1:1001 -> 10.0.0.2:5060").closes).isZero();
        // The evicted connection's next packet starts a new one (and evicts again).
        reassembler.accept(Segments.segment(a, 1002, b, 5060, ACK, 4, 1, "more".getBytes(), 5));
        assertThat(anomalies.get(Anomaly.TCP_TABLE_FULL)).isEqualTo(2);
        assertThat(handlers.get("10.0.0.1:1002 -> 10.0.0.2:5060").events).containsExactly("data:more");
    }

    @Test
    void closesAfterFinOnlyWhenAllDataArrived() {
        handshake();
        reassembler.accept(client(ACK | FIN, C_ISN + 4, S_ISN + 1, "def", 3)); // FIN overtook "abc"
        assertThat(fromClient().closes).isZero();
        reassembler.accept(client(ACK, C_ISN + 1, S_ISN + 1, "abc", 4));

        assertThat(fromClient().events).containsExactly("data:abc", "data:def", "close");
        assertThat(fromClient().closeTs).isEqualTo(4);
    }

    @Test
    void acknowledgedFinGivesUpTheHoleBeforeIt() {
        handshake();
        reassembler.accept(client(ACK, C_ISN + 1, S_ISN + 1, "abc", 3));
        reassembler.accept(client(ACK | FIN, C_ISN + 8, S_ISN + 1, "", 4)); // bytes 3..6 lost
        reassembler.accept(server(ACK | FIN, S_ISN + 1, C_ISN + 9, "", 5));

        assertThat(fromClient().events).containsExactly("data:abc", "gap:4", "close");
    }

    @Test
    void resetClosesBothDirectionsAndFlushesHeldData() {
        handshake();
        reassembler.accept(server(ACK, S_ISN + 1, C_ISN + 1, "200", 3));
        reassembler.accept(client(ACK, C_ISN + 1, S_ISN + 4, "ab", 4));
        reassembler.accept(client(ACK, C_ISN + 6, S_ISN + 4, "fg", 5));
        reassembler.accept(server(RST, S_ISN + 4, 0, "", 6));

        assertThat(fromClient().events).containsExactly("data:ab", "gap:3", "data:fg", "close");
        assertThat(fromServer().events).containsExactly("data:200", "close");
        // Later segments of the reset connection are ignored, not a new stream.
        reassembler.accept(client(ACK, C_ISN + 8, S_ISN + 4, "late", 7));
        assertThat(handlers).hasSize(2);
        assertThat(fromClient().events).endsWith("close");
    }

    @Test
    void expiresIdleConnectionsOnPacketTime() {
        handshake();
        reassembler.accept(client(ACK, C_ISN + 1, S_ISN + 1, "abc", SECOND));
        reassembler.expire(300 * SECOND);
        assertThat(fromClient().closes).isZero();
        reassembler.expire(301 * SECOND);

        assertThat(fromClient().events).containsExactly("data:abc", "close");
        assertThat(fromClient().closeTs).isEqualTo(301 * SECOND);
        assertThat(reassembler.openConnections()).isZero();
    }

    @Test
    void forgetsClosedConnectionsAfterShortTimeout() {
        handshake();
        reassembler.accept(client(ACK | FIN, C_ISN + 1, S_ISN + 1, "bye", SECOND));
        assertThat(fromClient().closes).isEqualTo(1);
        reassembler.expire(30 * SECOND);
        assertThat(reassembler.openConnections()).isEqualTo(1);
        reassembler.expire(31 * SECOND);
        assertThat(reassembler.openConnections()).isZero();
        assertThat(fromClient().closes).isEqualTo(1);
    }

    @Test
    void closeAllFlushesHeldDataWithGaps() {
        handshake();
        reassembler.accept(client(ACK, C_ISN + 1, S_ISN + 1, "abc", 3));
        reassembler.accept(client(ACK, C_ISN + 10, S_ISN + 1, "jkl", 4));
        reassembler.accept(server(ACK, S_ISN + 1, C_ISN + 4, "xyz", 5));
        reassembler.closeAll(99);

        assertThat(fromClient().events).containsExactly("data:abc", "gap:6", "data:jkl", "close");
        assertThat(fromServer().events).containsExactly("data:xyz", "close");
        assertThat(fromClient().closeTs).isEqualTo(99);
        assertThat(reassembler.openConnections()).isZero();
    }

    @Test
    void ignoredDirectionIsNeverBufferedOrCalled() {
        List<TcpDirection> asked = new ArrayList<>();
        reassembler = new TcpReassembler((d, p) -> {
            asked.add(d);
            return null;
        }, anomalies, TcpLimits.DEFAULTS);
        handshake();
        reassembler.accept(client(ACK, C_ISN + 5, S_ISN + 1, "later", 3));
        reassembler.accept(client(ACK, C_ISN + 1, S_ISN + 1, "abcd", 4));
        reassembler.closeAll(5);

        assertThat(asked).hasSize(1);
        assertThat(anomalies.nonZero()).isEmpty();
    }

    @Test
    void strayAcksDoNotCreateConnections() {
        reassembler.accept(client(ACK, 1, 1, "", 1));
        reassembler.accept(client(ACK | FIN, 1, 1, "", 2));
        reassembler.accept(client(RST, 1, 1, "", 3));
        DecodedPacket udp = client(0, 0, 0, "data", 4);
        udp.protocol = DecodedPacket.PROTO_UDP;
        reassembler.accept(udp);

        assertThat(reassembler.openConnections()).isZero();
        assertThat(handlers).isEmpty();
    }

    @Test
    void newSynAfterCloseStartsNewStream() {
        handshake();
        reassembler.accept(client(ACK | FIN, C_ISN + 1, S_ISN + 1, "one", 3));
        reassembler.accept(server(ACK | FIN, S_ISN + 1, C_ISN + 5, "", 4));
        RecordingHandler first = fromClient();
        reassembler.accept(client(SYN, 77_000, 0, "", 5));
        reassembler.accept(client(ACK, 77_001, 1, "two", 6));

        assertThat(first.events).containsExactly("data:one", "close");
        assertThat(fromClient()).isNotSameAs(first);
        assertThat(fromClient().events).containsExactly("data:two");
        assertThat(reassembler.openConnections()).isEqualTo(1);
    }

    @Test
    void tracksIpv6ConnectionsApartFromIpv4() {
        byte[] a = new byte[16];
        byte[] b = new byte[16];
        a[0] = 0x20;
        a[1] = 0x01;
        a[15] = 1;
        b[0] = 0x20;
        b[1] = 0x01;
        b[15] = 2;
        reassembler.accept(Segments.segment(a, 40000, b, 5060, ACK, 10, 1, "v6".getBytes(), 1));
        reassembler.accept(client(ACK, 10, 1, "v4", 2));

        assertThat(reassembler.openConnections()).isEqualTo(2);
        assertThat(handlers).containsKeys("[2001:0:0:0:0:0:0:1]:40000 -> [2001:0:0:0:0:0:0:2]:5060", "10.0.0.1:40000 -> 10.0.0.2:5060");
        assertThat(opened.get(0).srcAddr()).hasSize(16);
    }

    @Test
    void ignoresDataBeyondAnyWindow() {
        handshake();
        reassembler.accept(client(ACK, C_ISN + 1 + (1L << 31) - 10, S_ISN + 1, "far", 3));
        reassembler.accept(client(ACK, C_ISN + 1, S_ISN + 1, "near", 4));

        assertThat(fromClient().events).containsExactly("data:near");
        assertThat(anomalies.get(Anomaly.TCP_OUT_OF_WINDOW)).isEqualTo(1);
    }

    @Test
    void synWithDataStartsOneAfterIsn() {
        reassembler.accept(client(SYN, C_ISN, 0, "fast-open", 1));
        reassembler.accept(client(ACK, C_ISN + 10, 1, "!", 2));

        assertThat(fromClient().text()).isEqualTo("fast-open!");
    }
}
