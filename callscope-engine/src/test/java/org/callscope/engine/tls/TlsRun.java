package org.callscope.engine.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.callscope.engine.call.CallRecorder;
import org.callscope.engine.call.SipEvent;
import org.callscope.engine.capture.CaptureFiles;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.capture.PacketSource;
import org.callscope.engine.cdr.Cdr;
import org.callscope.engine.cdr.CdrSink;
import org.callscope.engine.cdr.RegistrationRecord;
import org.callscope.engine.cdr.RtpStreamReport;
import org.callscope.engine.config.AnalyzerSettings;
import org.callscope.engine.pipeline.Analyzer;
import org.callscope.engine.tls.session.TlsConnection;
import org.callscope.engine.tls.session.TlsConnectionListener;
import org.callscope.engine.tls.session.TlsConnectionReport;
import org.callscope.engine.tls.session.TlsKeySources;

/** Runs a capture through the analyzer with TLS keys and keeps every connection's report and plaintext. */
final class TlsRun implements TlsConnectionListener, CdrSink {
    /** Per connection (by "client -> server"), in the order connections started. */
    final Map<String, Connection> connections = new LinkedHashMap<>();
    final List<Cdr> calls = new ArrayList<>();
    final List<SipEvent> sip = new ArrayList<>();
    Analyzer analyzer;

    static final class Connection {
        TlsConnectionReport report;
        final ByteArrayOutputStream fromClient = new ByteArrayOutputStream();
        final ByteArrayOutputStream fromServer = new ByteArrayOutputStream();

        String clientText() {
            return fromClient.toString(StandardCharsets.ISO_8859_1);
        }

        String serverText() {
            return fromServer.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return String.valueOf(report);
        }
    }

    static TlsRun of(Path capture, TlsKeySources keys) throws IOException {
        return of(capture, keys, new AnalyzerSettings(), f -> true);
    }

    /** Only the frames {@code keep} accepts are analysed (to cut captures in tests). */
    static TlsRun of(Path capture, TlsKeySources keys, AnalyzerSettings settings, java.util.function.Predicate<CapturedPacket> keep)
            throws IOException {
        TlsRun run = new TlsRun();
        return run.analyse(capture, new Analyzer(settings, run, id -> CallRecorder.NONE, List.of(run.sip::add), keys, run), keep);
    }

    /** Through {@link Analyzer#tlsOnly}: connections and their plaintext, no SIP, no calls. */
    static TlsRun tlsOnly(Path capture, TlsKeySources keys, AnalyzerSettings settings) throws IOException {
        TlsRun run = new TlsRun();
        return run.analyse(capture, Analyzer.tlsOnly(settings, keys, run), frame -> true);
    }

    private TlsRun analyse(Path capture, Analyzer analyzer, java.util.function.Predicate<CapturedPacket> keep) throws IOException {
        this.analyzer = analyzer;
        try (PacketSource source = CaptureFiles.open(capture)) {
            CapturedPacket frame = new CapturedPacket();
            while (source.next(frame)) {
                if (keep.test(frame)) {
                    analyzer.onFrame(frame);
                }
            }
        }
        analyzer.finish();
        return this;
    }

    List<Connection> list() {
        return new ArrayList<>(connections.values());
    }

    List<TlsConnectionReport> reports() {
        return connections.values().stream().map(c -> c.report).toList();
    }

    private Connection connection(String clientIp, int clientPort, String serverIp, int serverPort) {
        return connections.computeIfAbsent(clientIp + ":" + clientPort + " -> " + serverIp + ":" + serverPort, k -> new Connection());
    }

    @Override
    public void onClosed(TlsConnection c, TlsConnectionReport report) {
        connection(report.clientIp(), report.clientPort(), report.serverIp(), report.serverPort()).report = report;
    }

    @Override
    public void onApplicationData(TlsConnection c, boolean fromClient, String clientIp, int clientPort, String serverIp,
                                  int serverPort, byte[] buf, int off, int len, long tsNanos) {
        Connection conn = connection(clientIp, clientPort, serverIp, serverPort);
        (fromClient ? conn.fromClient : conn.fromServer).write(buf, off, len);
    }

    @Override
    public void onCall(Cdr cdr) {
        calls.add(cdr);
    }

    @Override
    public void onRegistration(RegistrationRecord registration) {
    }

    @Override
    public void onUnassociatedStream(RtpStreamReport stream) {
    }

}
