package org.callscope.engine.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.callscope.engine.call.CallRecorder;
import org.callscope.engine.call.SipEvent;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.cdr.Cdr;
import org.callscope.engine.cdr.CdrSink;
import org.callscope.engine.cdr.RegistrationRecord;
import org.callscope.engine.cdr.RtpStreamReport;
import org.callscope.engine.config.AnalyzerSettings;
import org.callscope.engine.pipeline.Analyzer;

/** Feeds crafted frames through a real {@link Analyzer} and keeps what it reports. */
final class ScenarioRun implements CdrSink {
    final List<Cdr> calls = new ArrayList<>();
    final List<RtpStreamReport> unassociated = new ArrayList<>();
    final List<SipEvent> sip = new ArrayList<>();
    final Map<String, Long> otherMethods = new TreeMap<>();
    Analyzer analyzer;

    static ScenarioRun of(List<CapturedPacket> frames) {
        return of(new AnalyzerSettings(), id -> CallRecorder.NONE, frames);
    }

    static ScenarioRun of(AnalyzerSettings settings, CallRecorder.Factory recorders, List<CapturedPacket> frames) {
        ScenarioRun run = new ScenarioRun();
        run.analyzer = new Analyzer(settings, run, recorders, List.of(run.sip::add));
        frames.forEach(run.analyzer::onFrame);
        run.analyzer.finish();
        return run;
    }

    /** The only call reported. */
    Cdr onlyCall() {
        if (calls.size() != 1) {
            throw new AssertionError("expected one call, got " + calls.stream().map(Cdr::callId).toList());
        }
        return calls.get(0);
    }

    Cdr call(String callId) {
        return calls.stream().filter(c -> c.callId().equals(callId)).findFirst()
                .orElseThrow(() -> new AssertionError("no call " + callId + " among " + calls.stream().map(Cdr::callId).toList()));
    }

    /** The call's stream with this SSRC sent from {@code src}. */
    static RtpStreamReport stream(Cdr cdr, long ssrc, HostPort src) {
        return cdr.rtp().stream()
                .filter(s -> s.ssrc() == ssrc && s.saddr().equals(src.ip()) && s.sport() == src.port())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no stream " + Long.toHexString(ssrc) + " from " + src + " in "
                        + cdr.rtp().stream().map(s -> Long.toHexString(s.ssrc()) + "@" + s.saddr() + ":" + s.sport()
                        + ">" + s.daddr() + ":" + s.dport()).toList()));
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
        unassociated.add(stream);
    }

    @Override
    public void onOtherMethods(Map<String, Long> countsByMethod) {
        otherMethods.putAll(countsByMethod);
    }
}
