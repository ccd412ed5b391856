package org.callscope.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.callscope.engine.call.CallRecorder;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.config.AnalyzerSettings;
import org.callscope.engine.pipeline.Analyzer;
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
 * {@link Analyzer#onFrame} for RTP of calls already set up: the per-packet cost of the whole engine
 * (decode, media endpoint lookup, stream statistics) on the path that dominates real traffic. One
 * operation is one frame, so the score is frames per second on one thread.
 *
 * <p>The SIP of {@value #CALLS} calls is fed before measuring; then the same {@value #SECONDS} s of
 * their RTP is replayed again and again, each pass moved on in capture time, RTP sequence number and
 * RTP timestamp so the streams look continuous (that patching, three field updates a frame, is inside
 * the measurement). Every iteration starts again from a new analyzer and the frames as generated:
 * carried over, the capture time would run so far past the SIP that the calls' RTP timeout (300 s of
 * packet time without media) closed them before their first packet. Within an iteration media is
 * continuous, so no timeout fires.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseParallelGC"})
public class RtpHotPathBenchmark {
    static final int CALLS = 500;
    static final int SECONDS = 2;
    static final int PACKETS_PER_DIRECTION = SECONDS * SyntheticCall.PACKETS_PER_SECOND;
    static final int FRAMES = CALLS * 2 * PACKETS_PER_DIRECTION;
    private static final int RTP_OFFSET = UdpFrameBuilder.HEADERS;

    private CapturedPacket[] rtp;
    private byte[][] generatedData;
    private long[] generatedTimes;
    private CapturedPacket[] setup;
    private Analyzer analyzer;
    private CountingSink sink;

    @Setup(Level.Trial)
    public void generate() {
        InMemoryCorpus corpus = InMemoryCorpus.generate(new CorpusSpec(CALLS, SECONDS, 0, 1));
        setup = corpus.setup();
        rtp = corpus.rtp();
        if (rtp.length != FRAMES) {
            throw new IllegalStateException("expected " + FRAMES + " RTP frames, generated " + rtp.length);
        }
        generatedData = new byte[rtp.length][];
        generatedTimes = new long[rtp.length];
        for (int i = 0; i < rtp.length; i++) {
            generatedData[i] = rtp[i].data.clone();
            generatedTimes[i] = rtp[i].tsNanos;
        }
    }

    @Setup(Level.Iteration)
    public void setUpCalls() {
        for (int i = 0; i < rtp.length; i++) {
            System.arraycopy(generatedData[i], 0, rtp[i].data, 0, generatedData[i].length);
            rtp[i].tsNanos = generatedTimes[i];
        }
        sink = new CountingSink();
        analyzer = new Analyzer(new AnalyzerSettings(), sink, id -> CallRecorder.NONE, List.of());
        for (CapturedPacket p : setup) {
            analyzer.onFrame(p);
        }
    }

    @TearDown(Level.Iteration)
    public void checkMediaWasMatched() {
        analyzer.finish();
        // Every stream must have been bound to its call through the SDP; otherwise we timed the wrong path.
        if (sink.calls != CALLS || sink.callStreams != 2L * CALLS || sink.unassociatedStreams != 0) {
            throw new IllegalStateException("media not matched to calls: " + sink);
        }
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void onFrame() {
        Analyzer a = analyzer;
        for (CapturedPacket p : rtp) {
            nextPass(p);
            a.onFrame(p);
        }
    }

    /** Moves a frame one pass later: capture time, RTP sequence number and RTP timestamp. */
    private static void nextPass(CapturedPacket p) {
        p.tsNanos += SECONDS * 1_000_000_000L;
        byte[] d = p.data;
        int seq = ((d[RTP_OFFSET + 2] & 0xff) << 8 | (d[RTP_OFFSET + 3] & 0xff)) + PACKETS_PER_DIRECTION;
        d[RTP_OFFSET + 2] = (byte) (seq >>> 8);
        d[RTP_OFFSET + 3] = (byte) seq;
        int ts = ((d[RTP_OFFSET + 4] & 0xff) << 24 | (d[RTP_OFFSET + 5] & 0xff) << 16
                | (d[RTP_OFFSET + 6] & 0xff) << 8 | (d[RTP_OFFSET + 7] & 0xff))
                + PACKETS_PER_DIRECTION * SyntheticCall.PAYLOAD_BYTES;
        d[RTP_OFFSET + 4] = (byte) (ts >>> 24);
        d[RTP_OFFSET + 5] = (byte) (ts >>> 16);
        d[RTP_OFFSET + 6] = (byte) (ts >>> 8);
        d[RTP_OFFSET + 7] = (byte) ts;
    }
}
