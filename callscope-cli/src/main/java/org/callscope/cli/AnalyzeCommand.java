package org.callscope.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.call.CallRecorder;
import org.callscope.engine.cdr.CdrSink;
import org.callscope.engine.cdr.JsonWriter;
import org.callscope.engine.config.AnalyzerSettings;
import org.callscope.engine.dtlssrtp.DtlsSrtpStats;
import org.callscope.engine.pipeline.Analyzer;
import org.callscope.engine.pipeline.AnalyzerStats;
import org.callscope.engine.spool.CallPcapSpool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code callscope analyze}: captures in, one CDR per call out. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Reads captures and prints one call detail record per call.",
                "Exit status: 0 ok, 1 bad configuration, 2 bad usage, 3 damaged input (everything before the damage was analysed), 4 unreadable file."})
final class AnalyzeCommand implements Callable<Integer> {
    @Mixin
    CaptureOptions capture;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "json (one object per line), table or csv; default ${DEFAULT-VALUE}")
    OutputFormat format;

    @Option(names = "--pcap-dir", paramLabel = "DIR",
            description = "write <Call-ID>.sip.pcap and <Call-ID>.rtp.pcap per call into DIR")
    Path pcapDir;

    @Option(names = "--registrations", description = "also print registration records")
    boolean registrations;

    @Option(names = "--unassociated", description = "also print RTP streams that no call's SDP announced")
    boolean unassociated;

    @Option(names = "--summary", description = {"print counters, other SIP methods and anomalies at the end:",
            "with --format json as a \"type\":\"summary\" line on stdout, otherwise on stderr"})
    boolean summary;

    private final PrintStream out;
    private final PrintStream err;

    AnalyzeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        AnalyzerSettings settings = capture.settingsOrReport(err);
        if (settings == null) {
            return CaptureOptions.EXIT_CONFIG;
        }
        if (pcapDir != null) {
            settings.setPcapDir(pcapDir);
        }
        CdrSink sink = format.newSink(out, registrations, unassociated);
        CallRecorder.Factory recorders = settings.pcapDir() == null
                ? id -> CallRecorder.NONE
                : new CallPcapSpool(settings.pcapDir(), settings.saveSip(), settings.saveRtp(), err::println);
        Analyzer[] made = new Analyzer[1];
        int status = capture.run(settings, err,
                keys -> made[0] = new Analyzer(settings, sink, recorders, List.of(), keys, (c, r) -> { }));
        Analyzer analyzer = made[0];
        if (analyzer == null) {
            return status;
        }
        if (sink instanceof AutoCloseable c) {
            c.close();
        }
        out.flush();
        if (summary) {
            if (format == OutputFormat.json) {
                out.println(summaryJson(analyzer, sink));
            } else {
                printSummary(analyzer, sink);
            }
        }
        out.flush();
        return status;
    }

    private void printSummary(Analyzer analyzer, CdrSink sink) {
        AnalyzerStats s = analyzer.stats();
        err.printf("frames %d, udp %d, tcp %d, sip messages %d, calls %d, malformed %d%n",
                s.frames, s.udpDatagrams, s.tcpSegments, s.sipMessages, s.callsClosed, s.malformed);
        if (s.tlsConnections > 0 || s.keysFromCapture > 0) {
            err.printf("tls connections %d, decrypted %d, keys from the capture %d%n",
                    s.tlsConnections, s.tlsDecryptedConnections, s.keysFromCapture);
        }
        DtlsSrtpStats d = analyzer.dtlsStats();
        if (d.handshakesSeen() > 0) {
            err.printf("dtls-srtp handshakes %d, keys %d, expired %d, dropped %d, failures %s%n",
                    d.handshakesSeen(), d.completed(), d.expired(), d.dropped(), d.failures());
        }
        if (sink instanceof OtherMethodsAware m && !m.otherMethods().isEmpty()) {
            err.println("other SIP requests " + m.otherMethods());
        }
        for (Map.Entry<Anomaly, Long> e : analyzer.anomalyCounters().nonZero().entrySet()) {
            err.printf("anomaly %s %d%n", e.getKey(), e.getValue());
        }
    }

    private static String summaryJson(Analyzer analyzer, CdrSink sink) {
        AnalyzerStats s = analyzer.stats();
        StringBuilder sb = new StringBuilder(256);
        JsonWriter w = new JsonWriter(sb).beginObject()
                .field("type", "summary")
                .field("frames", s.frames)
                .field("udp", s.udpDatagrams)
                .field("tcp", s.tcpSegments)
                .field("sip_messages", s.sipMessages)
                .field("calls", s.callsClosed)
                .field("malformed", s.malformed)
                .field("tls_connections", s.tlsConnections)
                .field("tls_decrypted", s.tlsDecryptedConnections)
                .field("keys_from_capture", s.keysFromCapture);
        DtlsSrtpStats d = analyzer.dtlsStats();
        w.beginObject("dtls_srtp")
                .field("handshakes", d.handshakesSeen())
                .field("keys", d.completed())
                .field("expired", d.expired())
                .field("dropped", d.dropped())
                .field("not_followed", d.notFollowed());
        w.beginObject("failures");
        d.failures().forEach(w::field);
        w.endObject().endObject();
        w.beginObject("other_methods");
        if (sink instanceof OtherMethodsAware m) {
            m.otherMethods().forEach(w::field);
        }
        w.endObject();
        w.beginObject("anomalies");
        analyzer.anomalyCounters().nonZero().forEach((a, n) -> w.field(a.name(), n));
        w.endObject();
        w.endObject();
        return sb.toString();
    }
}
