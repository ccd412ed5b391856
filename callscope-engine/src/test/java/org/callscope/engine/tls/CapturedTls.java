package org.callscope.engine.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.capture.CaptureFiles;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.capture.PacketSource;
import org.callscope.engine.decode.DecodeStatus;
import org.callscope.engine.decode.DecodedPacket;
import org.callscope.engine.decode.PacketDecoder;
import org.callscope.engine.defrag.IpDefragmenter;
import org.callscope.engine.tcp.TcpDirection;
import org.callscope.engine.tcp.TcpLimits;
import org.callscope.engine.tcp.TcpReassembler;
import org.callscope.engine.tcp.TcpStreamHandler;
import org.callscope.engine.tls.handshake.HandshakeListener;
import org.callscope.engine.tls.handshake.HandshakeReassembler;
import org.callscope.engine.tls.record.ContentType;
import org.callscope.engine.tls.record.TlsRecordListener;
import org.callscope.engine.tls.record.TlsRecordReader;

/**
 * A capture read the way the pipeline reads TLS: every frame through {@link PacketDecoder}, TCP
 * through {@link TcpReassembler}, each direction's byte stream through a {@link TlsRecordReader},
 * and its cleartext handshake records (those before its ChangeCipherSpec) through a
 * {@link HandshakeReassembler}. UDP payloads are kept as they are, for DTLS.
 */
public final class CapturedTls {
    /** A record as delivered: the frame whose bytes completed it, its header fields and stream offset. */
    public record Record(long frame, int type, int version, int length, long streamOffset) {
    }

    /** A cleartext handshake message and the frame whose bytes completed it. */
    public record Message(long frame, int type, byte[] body, byte[] transcript) {
    }

    public record Datagram(long frame, String src, int srcPort, String dst, int dstPort, byte[] payload) {
    }

    /** One direction of a TCP connection and what was read from it. */
    public static final class Direction implements TcpStreamHandler, TlsRecordListener, HandshakeListener {
        public final String src;
        public final int srcPort;
        public final String dst;
        public final int dstPort;
        public final boolean fromClient;
        public final List<Record> records = new ArrayList<>();
        public final List<Message> handshakes = new ArrayList<>();
        public final List<String> unframeable = new ArrayList<>();
        public final List<String> handshakeErrors = new ArrayList<>();
        /** The first bytes of the stream, for the detectors. */
        public final ByteArrayOutputStream head = new ByteArrayOutputStream();
        public long gapBytes;
        public boolean closed;
        private final CapturedTls capture;
        private final TlsRecordReader reader = new TlsRecordReader(this);
        private final HandshakeReassembler handshake = new HandshakeReassembler(this);
        private boolean changeCipherSpecSeen;

        Direction(CapturedTls capture, TcpDirection d) {
            this.capture = capture;
            this.src = d.srcAddress();
            this.srcPort = d.srcPort();
            this.dst = d.dstAddress();
            this.dstPort = d.dstPort();
            this.fromClient = d.fromClient();
        }

        /** "src:port>dst:port", as {@link TsharkPdml.Packet#direction()} names it. */
        public String key() {
            return src + ":" + srcPort + ">" + dst + ":" + dstPort;
        }

        public byte[] headBytes() {
            return head.toByteArray();
        }

        public List<Integer> handshakeTypes() {
            return handshakes.stream().map(Message::type).toList();
        }

        @Override
        public void onData(byte[] buf, int off, int len, long tsNanos) {
            head.write(buf, off, Math.min(len, Math.max(0, 64 - head.size())));
            reader.feed(buf, off, len, tsNanos);
        }

        @Override
        public void onGap(long missingBytes, long tsNanos) {
            gapBytes += missingBytes;
            reader.onGap(missingBytes, tsNanos);
        }

        @Override
        public void onClose(long tsNanos) {
            closed = true;
        }

        @Override
        public void onRecord(int contentType, int version, byte[] buf, int off, int len, long tsNanos) {
            records.add(new Record(capture.frame, contentType, version, len, reader.recordStreamOffset()));
            if (contentType == ContentType.CHANGE_CIPHER_SPEC) {
                changeCipherSpecSeen = true;
            } else if (contentType == ContentType.HANDSHAKE && !changeCipherSpecSeen) {
                handshake.feed(buf, off, len, tsNanos);
            }
        }

        @Override
        public void onUnframeable(String reason, long tsNanos) {
            unframeable.add(reason);
        }

        @Override
        public void onHandshake(int type, byte[] body, byte[] transcriptBytes, long tsNanos) {
            handshakes.add(new Message(capture.frame, type, body, transcriptBytes));
        }

        @Override
        public void onHandshakeError(String reason, long tsNanos) {
            handshakeErrors.add(reason);
        }
    }

    public final List<Direction> directions = new ArrayList<>();
    public final List<Datagram> datagrams = new ArrayList<>();
    private long frame;

    private CapturedTls() {
    }

    public static CapturedTls read(Path file) throws IOException {
        CapturedTls capture = new CapturedTls();
        AnomalyCounters anomalies = new AnomalyCounters();
        PacketDecoder decoder = new PacketDecoder(anomalies, new IpDefragmenter(anomalies));
        TcpReassembler tcp = new TcpReassembler((d, first) -> {
            Direction direction = new Direction(capture, d);
            capture.directions.add(direction);
            return direction;
        }, anomalies, TcpLimits.DEFAULTS);
        DecodedPacket packet = new DecodedPacket();
        long lastTs = 0;
        try (PacketSource source = CaptureFiles.open(file)) {
            CapturedPacket frame = new CapturedPacket();
            while (source.next(frame)) {
                capture.frame = frame.frameNumber;
                lastTs = frame.tsNanos;
                DecodeStatus status = decoder.decode(frame, packet);
                if (status == DecodeStatus.TCP) {
                    tcp.accept(packet);
                } else if (status == DecodeStatus.UDP) {
                    capture.datagrams.add(new Datagram(frame.frameNumber, packet.srcAddrString(), packet.srcPort,
                            packet.dstAddrString(), packet.dstPort, Arrays.copyOfRange(packet.payload,
                            packet.payloadOffset, packet.payloadOffset + packet.payloadLength)));
                }
            }
            if (source.damage() != null) {
                throw new IOException(file + " is damaged: " + source.damage());
            }
        }
        tcp.closeAll(lastTs);
        return capture;
    }

    /** The directions from which records were read or which were found unframeable. */
    public List<Direction> tlsDirections() {
        return directions.stream().filter(d -> !d.records.isEmpty() || !d.unframeable.isEmpty()).toList();
    }

    public Direction direction(String key) {
        return directions.stream().filter(d -> d.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no TCP direction " + key + " among "
                        + directions.stream().map(Direction::key).toList()));
    }
}
