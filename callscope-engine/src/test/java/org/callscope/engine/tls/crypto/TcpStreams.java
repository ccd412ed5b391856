package org.callscope.engine.tls.crypto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.capture.CaptureFiles;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.capture.PacketSource;
import org.callscope.engine.decode.DecodeStatus;
import org.callscope.engine.decode.DecodedPacket;
import org.callscope.engine.decode.PacketDecoder;
import org.callscope.engine.defrag.IpDefragmenter;

/**
 * The TCP connections of a small test capture as two byte streams each, concatenated naively in
 * capture order: the shared TLS captures have no loss or reordering (tshark's tcp.analysis flags
 * none), so only exact retransmissions are dropped, by sequence number.
 */
public final class TcpStreams {
    /** One connection; the client is the side that sent the first SYN (or the first payload). */
    public static final class Connection {
        public final String client;
        public final String server;
        public final ByteArrayOutputStream fromClient = new ByteArrayOutputStream();
        public final ByteArrayOutputStream fromServer = new ByteArrayOutputStream();
        private long nextClientSeq = -1;
        private long nextServerSeq = -1;

        Connection(String client, String server) {
            this.client = client;
            this.server = server;
        }

        @Override
        public String toString() {
            return client + " -> " + server;
        }
    }

    private TcpStreams() {
    }

    public static List<Connection> read(Path capture) throws IOException {
        Map<String, Connection> byKey = new LinkedHashMap<>();
        AnomalyCounters anomalies = new AnomalyCounters();
        PacketDecoder decoder = new PacketDecoder(anomalies, new IpDefragmenter(anomalies));
        CapturedPacket frame = new CapturedPacket();
        DecodedPacket p = new DecodedPacket();
        try (PacketSource source = CaptureFiles.open(capture)) {
            while (source.next(frame)) {
                if (decoder.decode(frame, p) != DecodeStatus.TCP) {
                    continue;
                }
                String src = p.srcAddrString() + ":" + p.srcPort;
                String dst = p.dstAddrString() + ":" + p.dstPort;
                String key = src.compareTo(dst) < 0 ? src + "|" + dst : dst + "|" + src;
                Connection c = byKey.get(key);
                if (c == null) {
                    if (p.payloadLength == 0 && (p.tcpFlags & 0x02) == 0) {
                        continue;
                    }
                    boolean synAck = (p.tcpFlags & 0x12) == 0x12;
                    c = synAck ? new Connection(dst, src) : new Connection(src, dst);
                    byKey.put(key, c);
                }
                boolean fromClient = src.equals(c.client);
                long seq = p.tcpSeq + ((p.tcpFlags & 0x02) != 0 ? 1 : 0);
                if (p.payloadLength == 0) {
                    if ((p.tcpFlags & 0x02) != 0) {
                        if (fromClient) {
                            c.nextClientSeq = seq;
                        } else {
                            c.nextServerSeq = seq;
                        }
                    }
                    continue;
                }
                long expected = fromClient ? c.nextClientSeq : c.nextServerSeq;
                int skip = 0;
                if (expected >= 0) {
                    long behind = (expected - seq) & 0xffffffffL;
                    if (behind < 0x80000000L) {
                        skip = (int) Math.min(behind, p.payloadLength);
                    }
                }
                byte[] bytes = Arrays.copyOfRange(p.payload, p.payloadOffset + skip, p.payloadOffset + p.payloadLength);
                (fromClient ? c.fromClient : c.fromServer).write(bytes);
                long next = (seq + p.payloadLength) & 0xffffffffL;
                if (fromClient) {
                    c.nextClientSeq = next;
                } else {
                    c.nextServerSeq = next;
                }
            }
        }
        return new ArrayList<>(byKey.values());
    }
}
