package org.callscope.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.PriorityQueue;
import org.callscope.bench.FrameSink.FrameKind;
import org.callscope.engine.capture.LinkType;
import org.callscope.engine.spool.PcapWriter;

/**
 * Writes a synthetic capture of concurrent G.711 calls for benchmarks: every call is a complete SIP
 * dialog with SDP and two-way 20 ms PCMU RTP (see {@link SyntheticCall}); call starts are staggered
 * over at most {@link #MAX_STAGGER_NANOS} so all calls overlap, and the frames of all calls are merged
 * into one time-ordered Ethernet pcap.
 *
 * <pre>CorpusGenerator --calls N --seconds D --out FILE [--loss PCT] [--seed S]</pre>
 *
 * <p>Single-threaded; allocates per call, not per frame.
 */
public final class CorpusGenerator {
    /** 1 January 2024, 00:00 UTC: a fixed epoch keeps output byte-identical for a seed. */
    static final long EPOCH_NANOS = 1_704_067_200L * 1_000_000_000L;
    /** All calls start within this window, so with media of a second or more they all overlap. */
    static final long MAX_STAGGER_NANOS = 2_000_000_000L;
    /** Most time between two call starts; a few calls start 10 ms apart rather than all at once. */
    static final long MAX_START_GAP_NANOS = 10_000_000L;
    /** Ethernet frames are never longer than this here; the SIP messages are well under it. */
    static final int SNAPLEN = 65_535;

    private CorpusGenerator() {
    }

    /** Generates the corpus into {@code sink} in time order. */
    public static CorpusSummary generate(CorpusSpec spec, FrameSink sink) throws IOException {
        long gap = Math.min(MAX_START_GAP_NANOS, MAX_STAGGER_NANOS / spec.calls());
        PriorityQueue<SyntheticCall> due = new PriorityQueue<>(spec.calls(),
                Comparator.comparingLong(SyntheticCall::nextTime));
        for (int i = 0; i < spec.calls(); i++) {
            due.add(new SyntheticCall(i, EPOCH_NANOS + i * gap, spec));
        }
        UdpFrameBuilder builder = new UdpFrameBuilder();
        long[] counts = new long[3];
        long[] bytes = new long[1];
        FrameSink counting = (kind, ts, buf, off, len) -> {
            counts[kind == FrameKind.RTP ? 0 : 1]++;
            bytes[0] += len;
            sink.frame(kind, ts, buf, off, len);
        };
        while (!due.isEmpty()) {
            SyntheticCall call = due.poll();
            call.emit(builder, counting);
            if (call.nextTime() != Long.MAX_VALUE) {
                due.add(call);
            }
        }
        return new CorpusSummary(counts[0] + counts[1], counts[1], counts[0], bytes[0]);
    }

    /** Generates the corpus into a pcap file at {@code out}, replacing it. */
    public static CorpusSummary write(CorpusSpec spec, Path out) throws IOException {
        try (PcapWriter writer = new PcapWriter(out, LinkType.ETHERNET, SNAPLEN)) {
            return generate(spec, (kind, ts, buf, off, len) -> writer.write(ts, buf, off, len, len));
        }
    }

    public static void main(String[] args) throws IOException {
        int calls = 200;
        int seconds = 60;
        double loss = 0;
        long seed = 1;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                usage(null);
                return;
            }
            if (i + 1 >= args.length) {
                usage("missing value for " + a);
                return;
            }
            String v = args[++i];
            try {
                switch (a) {
                    case "--calls" -> calls = Integer.parseInt(v);
                    case "--seconds" -> seconds = Integer.parseInt(v);
                    case "--loss" -> loss = Double.parseDouble(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--out" -> out = Path.of(v);
                    default -> {
                        usage("unknown option " + a);
                        return;
                    }
                }
            } catch (NumberFormatException e) {
                usage("not a number for " + a + ": " + v);
                return;
            }
        }
        if (out == null) {
            usage("--out is required");
            return;
        }
        CorpusSpec spec;
        try {
            spec = new CorpusSpec(calls, seconds, loss, seed);
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
            return;
        }
        long started = System.nanoTime();
        CorpusSummary s = write(spec, out);
        double secs = (System.nanoTime() - started) / 1e9;
        System.out.printf("calls=%d seconds=%d loss=%s seed=%d frames=%d sip=%d rtp=%d file_bytes=%d generated_in=%.1fs%n",
                calls, seconds, loss, seed, s.frames(), s.sipFrames(), s.rtpFrames(), Files.size(out), secs);
    }

    private static void usage(String problem) {
        if (problem != null) {
            System.err.println("CorpusGenerator: " + problem);
        }
        System.err.println("usage: CorpusGenerator --calls N --seconds D --out FILE [--loss PCT] [--seed S]");
        if (problem != null) {
            System.exit(2);
        }
    }
}
