package org.callscope.engine.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.callscope.engine.config.ConfigException;
import org.callscope.engine.tls.session.TlsKeySources;
import org.callscope.engine.media.MediaPayloadListener;

/** Runs captures through a real {@link Analyzer} and keeps everything it reports, for assertions. */
final class AnalyzerRun implements CdrSink {
    final List<Cdr> calls = new ArrayList<>();
    final List<RegistrationRecord> registrations = new ArrayList<>();
    final List<RtpStreamReport> unassociated = new ArrayList<>();
    final List<SipEvent> sip = new ArrayList<>();
    final Map<String, Long> otherMethods = new TreeMap<>();
    Analyzer analyzer;

    static AnalyzerRun of(Path file) throws IOException {
        return of(new AnalyzerSettings(), file);
    }

    static AnalyzerRun of(AnalyzerSettings settings, Path file) throws IOException {
        return of(settings, id -> CallRecorder.NONE, file);
    }

    static AnalyzerRun of(AnalyzerSettings settings, CallRecorder.Factory recorders, Path file) throws IOException {
        return of(settings, recorders, file, null);
    }

    /** As {@link #of(AnalyzerSettings, CallRecorder.Factory, Path)}, handing readable RTP payloads to {@code payloads}. */
    static AnalyzerRun of(AnalyzerSettings settings, CallRecorder.Factory recorders, Path file,
                          MediaPayloadListener payloads) throws IOException {
        AnalyzerRun run = new AnalyzerRun();
        TlsKeySources keys;
        try {
            keys = TlsKeyLoader.load(settings.tls(), w -> { });
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        run.analyzer = new Analyzer(settings, run, recorders, List.of(run.sip::add), keys, (c, r) -> { });
        run.analyzer.setPayloadListener(payloads);
        try (PacketSource source = CaptureFiles.open(file)) {
            CapturedPacket frame = new CapturedPacket();
            while (source.next(frame)) {
                run.analyzer.onFrame(frame);
            }
        }
        run.analyzer.finish();
        return run;
    }

    Cdr call(String callId) {
        return calls.stream().filter(c -> c.callId().equals(callId)).findFirst()
                .orElseThrow(() -> new AssertionError("no call " + callId + " among " + calls.stream().map(Cdr::callId).toList()));
    }

    /** Every RTP stream reported, in calls and unassociated. */
    List<RtpStreamReport> allStreams() {
        List<RtpStreamReport> all = new ArrayList<>();
        calls.forEach(c -> all.addAll(c.rtp()));
        all.addAll(unassociated);
        return all;
    }

    @Override
    public void onCall(Cdr cdr) {
        calls.add(cdr);
    }

    @Override
    public void onRegistration(RegistrationRecord registration) {
        registrations.add(registration);
    }

    @Override
    public void onUnassociatedStream(RtpStreamReport stream) {
        unassociated.add(stream);
    }

    @Override
    public void onOtherMethods(Map<String, Long> countsByMethod) {
        otherMethods.putAll(countsByMethod);
    }
}
