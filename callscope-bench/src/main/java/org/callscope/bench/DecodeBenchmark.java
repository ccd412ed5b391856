package org.callscope.bench;

import java.util.concurrent.TimeUnit;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.decode.DecodeStatus;
import org.callscope.engine.decode.DecodedPacket;
import org.callscope.engine.decode.PacketDecoder;
import org.callscope.engine.defrag.IpDefragmenter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link PacketDecoder} alone on Ethernet/IPv4/UDP RTP frames: the layer-peeling share of the hot
 * path. One operation is one frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseParallelGC"})
public class DecodeBenchmark {
    static final int CALLS = 100;
    static final int SECONDS = 2;
    static final int FRAMES = CALLS * 2 * SECONDS * SyntheticCall.PACKETS_PER_SECOND;

    private CapturedPacket[] rtp;
    private PacketDecoder decoder;
    private final DecodedPacket packet = new DecodedPacket();

    @Setup(Level.Trial)
    public void generate() {
        rtp = InMemoryCorpus.generate(new CorpusSpec(CALLS, SECONDS, 0, 1)).rtp();
        AnomalyCounters anomalies = new AnomalyCounters();
        decoder = new PacketDecoder(anomalies, new IpDefragmenter(anomalies));
        if (rtp.length != FRAMES || decoder.decode(rtp[0], packet) != DecodeStatus.UDP) {
            throw new IllegalStateException("generated frames do not decode to UDP");
        }
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void decode(Blackhole bh) {
        for (CapturedPacket p : rtp) {
            bh.consume(decoder.decode(p, packet));
            bh.consume(packet.dstPort);
        }
    }
}
