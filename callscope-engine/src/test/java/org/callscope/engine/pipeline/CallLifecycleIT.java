package org.callscope.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.callscope.engine.call.CallRecorder;
import org.callscope.engine.capture.CaptureFiles;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.capture.PacketSource;
import org.callscope.engine.cdr.Cdr;
import org.callscope.engine.config.AnalyzerSettings;
import org.callscope.engine.testsupport.Fixtures;
import org.callscope.engine.testsupport.SharedTestData;
import org.junit.jupiter.api.Test;

/** How calls end and how repeated SIP is counted, on real captures. */
class CallLifecycleIT {

    @Test
    void callWithMediaIsKeptAliveByItsRtpAndRingingCallWaitsForSipTimeout() throws Exception {
        AnalyzerSettings settings = new AnalyzerSettings();
        settings.setRtpTimeoutSeconds(3);
        AnalyzerRun run = AnalyzerRun.of(settings,
                SharedTestData.file("wireshark-wiki-samples/SIP_CALL_RTP_G711.pcap"));
        // One stream pauses 5.8 s, the other at most 1.6 s (silence suppression): the call stays up to the end.
        assertThat(run.call("12013223@200.57.7.195").endReason()).isEqualTo("end_of_input");
        assertThat(run.call("12015624@200.57.7.195").endReason()).isEqualTo("end_of_input");
        AnalyzerSettings strict = new AnalyzerSettings();
        strict.setRtpTimeoutSeconds(1);
        AnalyzerRun cut = AnalyzerRun.of(strict, SharedTestData.file("wireshark-wiki-samples/SIP_CALL_RTP_G711.pcap"));
        assertThat(cut.call("12013223@200.57.7.195").endReason()).isEqualTo("rtp_timeout");
    }

    @Test
    void callThatNeverHadMediaIsClosedBySipTimeoutOnPacketTime() throws Exception {
        AnalyzerSettings settings = new AnalyzerSettings();
        // The ringing call's last packet is 10.2 s before the end; the answered call waited 8.4 s for its 200 OK.
        settings.setSipWithoutRtpTimeoutSeconds(9);
        AnalyzerRun run = AnalyzerRun.of(settings,
                SharedTestData.file("wireshark-wiki-samples/SIP_CALL_RTP_G711.pcap"));
        Cdr ringing = run.call("12015624@200.57.7.195");
        assertThat(ringing.endReason()).isEqualTo("sip_timeout");
        assertThat(ringing.answered()).isFalse();
        assertThat(run.call("12013223@200.57.7.195").endReason()).isEqualTo("end_of_input");
    }

    @Test
    void retransmittedSipIsCountedNotDoubled() throws Exception {
        AnalyzerSettings settings = new AnalyzerSettings();
        settings.setSipPorts(List.of(5070, 5080));
        List<CapturedPacket> frames = read(Fixtures.capture("answered-udp.pcap"));
        AnalyzerRun plain = run(settings, frames);
        List<CapturedPacket> withRepeat = new ArrayList<>(frames);
        withRepeat.add(1, frames.get(0)); // the INVITE again, as a UAC retransmits it
        AnalyzerRun repeated = run(settings, withRepeat);
        Cdr a = plain.calls.get(0);
        Cdr b = repeated.calls.get(0);
        assertThat(b.sipMessages()).isEqualTo(a.sipMessages() + 1);
        assertThat(b.retransmissions()).isEqualTo(a.retransmissions() + 1);
        assertThat(b.rtp()).hasSameSizeAs(a.rtp());
        assertThat(b.lastSipResponseNum()).isEqualTo(a.lastSipResponseNum());
    }

    private static AnalyzerRun run(AnalyzerSettings settings, List<CapturedPacket> frames) {
        AnalyzerRun run = new AnalyzerRun();
        run.analyzer = new Analyzer(settings, run, id -> CallRecorder.NONE, List.of(run.sip::add));
        frames.forEach(run.analyzer::onFrame);
        run.analyzer.finish();
        return run;
    }

    private static List<CapturedPacket> read(Path file) throws Exception {
        List<CapturedPacket> frames = new ArrayList<>();
        try (PacketSource source = CaptureFiles.open(file)) {
            CapturedPacket p = new CapturedPacket();
            while (source.next(p)) {
                CapturedPacket copy = new CapturedPacket();
                copy.copyFrom(p);
                frames.add(copy);
            }
        }
        return frames;
    }
}
