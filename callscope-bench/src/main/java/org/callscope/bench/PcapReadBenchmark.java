package org.callscope.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.callscope.engine.capture.CaptureFiles;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.capture.PacketSource;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a classic pcap file frame by frame through {@link CaptureFiles}: the capture share of the
 * hot path. The file (about 23 MB) is in the page cache after the first pass, so this is parsing and
 * copying, not disk. One operation is one frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseParallelGC", "--enable-native-access=ALL-UNNAMED"})
public class PcapReadBenchmark {
    static final int CALLS = 100;
    static final int SECONDS = 10;
    static final int FRAMES = CALLS * (SyntheticCall.SIP_MESSAGES + 2 * SECONDS * SyntheticCall.PACKETS_PER_SECOND);

    private Path file;
    private final CapturedPacket packet = new CapturedPacket();

    @Setup(Level.Trial)
    public void writeFile() throws IOException {
        file = Files.createTempFile("callscope-bench", ".pcap");
        CorpusSummary s = CorpusGenerator.write(new CorpusSpec(CALLS, SECONDS, 0, 1), file);
        if (s.frames() != FRAMES) {
            throw new IllegalStateException("expected " + FRAMES + " frames, wrote " + s.frames());
        }
    }

    @TearDown(Level.Trial)
    public void deleteFile() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long readAll() throws IOException {
        long frames = 0;
        long bytes = 0;
        try (PacketSource source = CaptureFiles.open(file)) {
            while (source.next(packet)) {
                frames++;
                bytes += packet.capturedLength;
            }
        }
        if (frames != FRAMES) {
            throw new IllegalStateException("read " + frames + " frames");
        }
        return bytes;
    }
}
