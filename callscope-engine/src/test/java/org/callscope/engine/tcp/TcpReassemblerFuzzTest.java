package org.callscope.engine.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.decode.DecodedPacket;
import org.junit.jupiter.api.Test;

/**
 * Random segmentation, reordering, loss and duplication of a known stream: every byte position is
 * accounted for exactly once (delivered or in a gap) and every delivered byte is the original one.
 */
class TcpReassemblerFuzzTest {
    private static final byte[] CLIENT = {10, 0, 0, 1};
    private static final byte[] SERVER = {10, 0, 0, 2};

    @Test
    void reconstructsStreamWithGapsAccountedFor() {
        Random random = new Random(6455);
        for (int round = 0; round < 300; round++) {
            int total = 1 + random.nextInt(6000);
            byte[] stream = new byte[total];
            random.nextBytes(stream);
            // ISNs near the 2^32 wrap in a third of the rounds.
            long isn = random.nextInt(3) == 0 ? 0xFFFF_FFFFL - random.nextInt(3000) : random.nextLong() & 0xffffffffL;
            int maxBuffered = random.nextBoolean() ? 1 << 20 : 1 + random.nextInt(2000);
            AnomalyCounters anomalies = new AnomalyCounters();
            RecordingHandler handler = new RecordingHandler();
            boolean[] asked = new boolean[1];
            TcpReassembler reassembler = new TcpReassembler((d, p) -> {
                asked[0] = true;
                return handler;
            }, anomalies,
                    new TcpLimits(maxBuffered, 16, 300_000_000_000L, 30_000_000_000L));

            List<DecodedPacket> packets = new ArrayList<>();
            for (int pos = 0; pos < total;) {
                int len = Math.min(total - pos, 1 + random.nextInt(400));
                int dice = random.nextInt(10);
                if (dice != 0) { // one in ten lost before capture
                    packets.add(data(isn, stream, pos, len));
                }
                if (dice == 1) { // duplicate, sometimes resegmented
                    int from = pos + random.nextInt(len);
                    packets.add(data(isn, stream, from, 1 + random.nextInt(total - from)));
                }
                if (dice == 2) { // a peer ACK somewhere at or before what was sent
                    packets.add(peerAck(isn, random.nextInt(pos + len + 1)));
                }
                pos += len;
            }
            // Local reordering: swap neighbours at random.
            for (int i = 0; i + 1 < packets.size(); i++) {
                if (random.nextInt(4) == 0) {
                    Collections.swap(packets, i, i + 1 + random.nextInt(Math.min(5, packets.size() - i - 1)));
                }
            }
            reassembler.accept(Segments.segment(CLIENT, 40000, SERVER, 5060, Segments.SYN, isn, 0, new byte[0], 0));
            packets.forEach(reassembler::accept);
            if (random.nextBoolean()) {
                reassembler.accept(fin(isn, total));
                reassembler.accept(peerAck(isn, total + 1));
            } else {
                reassembler.accept(fin(isn, total));
                reassembler.closeAll(1);
            }

            boolean anyData = packets.stream().anyMatch(p -> p.payloadLength > 0);
            assertThat(asked[0]).as("round %d", round).isEqualTo(anyData);
            if (!anyData) {
                continue; // every data segment was lost: no stream was ever opened
            }
            assertThat(handler.closes).as("round %d", round).isEqualTo(1);
            assertThat(handler.positions).as("round %d", round).hasSize(total);
            for (int i = 0; i < total; i++) {
                int got = handler.positions.get(i);
                if (got >= 0) {
                    assertThat((byte) got).as("round %d byte %d", round, i).isEqualTo(stream[i]);
                }
            }
            assertThat(handler.data.size() + handler.missing).isEqualTo(total);
            assertThat(anomalies.get(Anomaly.TCP_OVERLAP_MISMATCH)).isZero();
            assertThat(reassembler.openConnections()).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void survivesRandomSegmentsOnManyConnections() {
        Random random = new Random(793);
        AnomalyCounters anomalies = new AnomalyCounters();
        List<RecordingHandler> handlers = new ArrayList<>();
        TcpReassembler reassembler = new TcpReassembler((d, p) -> {
            RecordingHandler h = new RecordingHandler();
            h.trackPositions = false;
            handlers.add(h);
            return random.nextInt(5) == 0 ? null : h;
        }, anomalies, new TcpLimits(3000, 50, 5_000_000L, 1_000_000L));
        byte[] payload = new byte[1500];
        for (int i = 0; i < 50_000; i++) {
            random.nextBytes(payload);
            byte[] src = {10, 0, 0, (byte) random.nextInt(8)};
            byte[] dst = {10, 0, 1, (byte) random.nextInt(8)};
            int srcPort = random.nextBoolean() ? 5060 : 40000 + random.nextInt(20);
            int dstPort = random.nextBoolean() ? 5060 : 40000 + random.nextInt(20);
            byte[] data = Arrays.copyOf(payload, random.nextInt(4) == 0 ? 0 : random.nextInt(1500));
            long seq = random.nextBoolean() ? random.nextLong() & 0xffffffffL : random.nextInt(20_000);
            long ack = random.nextBoolean() ? random.nextLong() & 0xffffffffL : random.nextInt(20_000);
            reassembler.accept(Segments.segment(src, srcPort, dst, dstPort, random.nextInt(64), seq, ack, data, i * 1000L));
            if (i % 100 == 0) {
                reassembler.expire(i * 1000L);
            }
            assertThat(reassembler.openConnections()).isLessThanOrEqualTo(50);
        }
        reassembler.closeAll(Long.MAX_VALUE);
        assertThat(reassembler.openConnections()).isZero();
        assertThat(handlers).allSatisfy(h -> assertThat(h.closes).isLessThanOrEqualTo(1));
    }

    private static DecodedPacket data(long isn, byte[] stream, int pos, int len) {
        return Segments.segment(CLIENT, 40000, SERVER, 5060, Segments.ACK, isn + 1 + pos, 1,
                Arrays.copyOfRange(stream, pos, pos + len), 0);
    }

    private static DecodedPacket fin(long isn, int total) {
        return Segments.segment(CLIENT, 40000, SERVER, 5060, Segments.ACK | Segments.FIN, isn + 1 + total, 1,
                new byte[0], 0);
    }

    private static DecodedPacket peerAck(long isn, int position) {
        return Segments.segment(SERVER, 5060, CLIENT, 40000, Segments.ACK, 1, isn + 1 + position, new byte[0], 0);
    }
}
