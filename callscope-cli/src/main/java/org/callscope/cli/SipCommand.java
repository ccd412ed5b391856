package org.callscope.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.callscope.engine.call.CallRecorder;
import org.callscope.engine.call.SipEvent;
import org.callscope.engine.cdr.CdrSink;
import org.callscope.engine.cdr.JsonWriter;
import org.callscope.engine.config.AnalyzerSettings;
import org.callscope.engine.pipeline.Analyzer;
import org.callscope.engine.sip.SipMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code callscope sip}: every SIP message recovered from the captures, in capture order. */
@Command(name = "sip", mixinStandardHelpOptions = true,
        description = "Lists every SIP message: time, source and destination, transport, first line, Call-ID, CSeq.")
final class SipCommand implements Callable<Integer> {
    @Mixin
    CaptureOptions capture;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "json (one object per line) or table; default ${DEFAULT-VALUE}")
    String format;

    private final PrintStream out;
    private final PrintStream err;

    SipCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        if (!format.equals("json") && !format.equals("table")) {
            err.println("callscope: --format must be json or table, not '" + format + "'");
            return 2;
        }
        AnalyzerSettings settings = capture.settingsOrReport(err);
        if (settings == null) {
            return CaptureOptions.EXIT_CONFIG;
        }
        boolean json = format.equals("json");
        int status = capture.run(settings, err, keys -> new Analyzer(settings, CdrSink.NONE, id -> CallRecorder.NONE,
                List.of(e -> print(e, json)), keys, (c, r) -> { }));
        out.flush();
        return status;
    }

    private void print(SipEvent e, boolean json) {
        SipMessage m = e.message();
        String firstLine = m.isRequest()
                ? m.method() + " " + m.requestUri() + " " + m.sipVersion()
                : m.sipVersion() + " " + m.statusCode() + " " + m.reasonPhrase();
        String cseq = m.cseqNumber() + " " + (m.cseqMethod() == null ? "" : m.cseqMethod());
        Instant ts = Instant.ofEpochSecond(0, e.tsNanos());
        if (json) {
            StringBuilder sb = new StringBuilder(256);
            new JsonWriter(sb).beginObject()
                    .field("time", ts)
                    .field("src", e.srcIp()).field("sport", e.srcPort())
                    .field("dst", e.dstIp()).field("dport", e.dstPort())
                    .field("transport", e.transport())
                    .field("first_line", firstLine)
                    .field("call_id", m.callId())
                    .field("cseq", cseq.strip())
                    .endObject();
            out.println(sb);
        } else {
            out.printf("%s %s:%d -> %s:%d %s %s | %s | %s%n", JsonWriter.ISO_MILLIS.format(ts), e.srcIp(), e.srcPort(),
                    e.dstIp(), e.dstPort(), e.transport(), firstLine, m.callId(), cseq.strip());
        }
    }
}
