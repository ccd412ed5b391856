package org.callscope.engine.dtlssrtp;

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

/** The UDP datagrams of a capture, read with the engine's capture reader and decoder, in capture order. */
final class UdpCapture {
    /** One datagram: addresses as the decoder gives them (first {@code addrLen} bytes), its payload copied. */
    record Datagram(long frame, long tsNanos, byte[] src, int srcPort, byte[] dst, int dstPort, int addrLen, byte[] payload) {
        String srcText() {
            return Endpoints.format(Arrays.copyOf(src, addrLen), srcPort);
        }

        String dstText() {
            return Endpoints.format(Arrays.copyOf(dst, addrLen), dstPort);
        }

        boolean feed(DtlsSrtpTracker tracker, boolean mediaEndpoint) {
            return tracker.onDatagram(src, srcPort, dst, dstPort, addrLen, mediaEndpoint, tsNanos, payload, 0, payload.length);
        }
    }

    private UdpCapture() {
    }

    static List<Datagram> read(Path file) throws IOException {
        AnomalyCounters anomalies = new AnomalyCounters();
        PacketDecoder decoder = new PacketDecoder(anomalies, new IpDefragmenter(anomalies));
        DecodedPacket packet = new DecodedPacket();
        List<Datagram> out = new ArrayList<>();
        try (PacketSource source = CaptureFiles.open(file)) {
            CapturedPacket frame = new CapturedPacket();
            while (source.next(frame)) {
                if (decoder.decode(frame, packet) == DecodeStatus.UDP) {
                    int n = packet.addrLength();
                    out.add(new Datagram(frame.frameNumber, frame.tsNanos, Arrays.copyOf(packet.srcAddr, 16), packet.srcPort,
                            Arrays.copyOf(packet.dstAddr, 16), packet.dstPort, n, Arrays.copyOfRange(packet.payload,
                            packet.payloadOffset, packet.payloadOffset + packet.payloadLength)));
                }
            }
            if (source.damage() != null) {
                throw new IOException(file + " is damaged: " + source.damage());
            }
        }
        return out;
    }
}
