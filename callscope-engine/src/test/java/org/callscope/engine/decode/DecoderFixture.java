package org.callscope.engine.decode;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.defrag.IpDefragmenter;

/** A decoder with its own counters and defragmenter, for one test. */
final class DecoderFixture {
    final AnomalyCounters anomalies = new AnomalyCounters();
    final IpDefragmenter defragmenter = new IpDefragmenter(anomalies);
    final PacketDecoder decoder = new PacketDecoder(anomalies, defragmenter);
    final DecodedPacket out = new DecodedPacket();

    DecodeStatus decode(CapturedPacket frame) {
        return decoder.decode(frame, out);
    }

    DecodeStatus decode(int linkType, String... hex) {
        return decode(TestFrames.frame(linkType, hex));
    }

    long count(Anomaly anomaly) {
        return anomalies.get(anomaly);
    }

    long total() {
        return anomalies.nonZero().values().stream().mapToLong(Long::longValue).sum();
    }
}
