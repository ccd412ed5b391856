package org.callscope.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.scenario.SipScenario.MS;
import static org.callscope.engine.scenario.SipScenario.T0;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.callscope.engine.call.CallRecorder;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.cdr.Cdr;
import org.callscope.engine.config.AnalyzerSettings;
import org.junit.jupiter.api.Test;

/**
 * SIP over TCP framed by Content-Length (RFC 3261 §18.3): a message cut over three segments, two
 * messages in one segment, segments out of order.
 */
class SipOverTcpScenarioTest {
    static final HostPort CALLER_MEDIA = HostPort.of("10.0.0.1", 40_000);
    static final HostPort CALLEE_MEDIA = HostPort.of("10.0.0.2", 50_000);

    /** Keeps every call's frames as a per-call capture would receive them. */
    static final class Recorders implements CallRecorder.Factory {
        final Map<String, List<CapturedPacket>> sip = new HashMap<>();
        final Map<String, List<CapturedPacket>> rtp = new HashMap<>();
        final List<String> closed = new ArrayList<>();

        @Override
        public CallRecorder open(String callId) {
            List<CapturedPacket> s = sip.computeIfAbsent(callId, k -> new ArrayList<>());
            List<CapturedPacket> r = rtp.computeIfAbsent(callId, k -> new ArrayList<>());
            return new CallRecorder() {
                @Override
                public void sip(CapturedPacket frame) {
                    s.add(CapturedPacket.copyOf(frame));
                }

                @Override
                public void rtp(CapturedPacket frame) {
                    r.add(CapturedPacket.copyOf(frame));
                }

                @Override
                public void close() {
                    closed.add(callId);
                }
            };
        }
    }

    private static SipScenario scenario(boolean reorder) {
        return scenario(reorder, false);
    }

    /** With {@code straddle}, the callee's first segment ends in the middle of the 180. */
    private static SipScenario scenario(boolean reorder, boolean straddle) {
        SipScenario s = SipScenario.call("tcp-1@10.0.0.1").overTcp().tcpBatch()
                .invite(Sdp.audio(CALLER_MEDIA).rtpmap(0, "PCMU/8000"));
        int invite = s.batchedLengths(true).get(0);
        // The INVITE in three segments: [0,100) [100,300) [300,end); sent 0, 2, 1 when reordered.
        s.tcpFlush(true, new int[]{100, 300}, reorder ? new int[]{0, 2, 1} : new int[]{0, 1, 2});
        assertThat(invite).isGreaterThan(300);
        s.tcpBatch().respond(100).respond(180).respond(200, Sdp.audio(CALLEE_MEDIA).rtpmap(0, "PCMU/8000"));
        List<Integer> lengths = s.batchedLengths(false);
        // 100 and 180 together in one segment, the 200 alone; the 200 first when reordered.
        int cut = straddle ? lengths.get(0) + lengths.get(1) / 2 : lengths.get(0) + lengths.get(1);
        s.tcpFlush(false, new int[]{cut}, reorder ? new int[]{1, 0} : new int[]{0, 1});
        s.ack();
        long media = T0 + 100 * MS;
        s.rtp(CALLER_MEDIA, CALLEE_MEDIA, RtpTrain.of(0x77L, 0).start(media).count(40));
        s.rtp(CALLEE_MEDIA, CALLER_MEDIA, RtpTrain.of(0x88L, 0).start(media + 5 * MS).count(40));
        s.at(media + 1_000 * MS).bye(true).respond(200);
        return s;
    }

    @Test
    void inOrderSegmentsGiveEveryMessage() {
        check(scenario(false));
    }

    @Test
    void reorderedSegmentsGiveEveryMessage() {
        check(scenario(true));
    }

    private static Cdr check(SipScenario s) {
        ScenarioRun run = ScenarioRun.of(new AnalyzerSettings(), new Recorders(), s.packets());
        Cdr cdr = run.onlyCall();
        assertThat(run.sip).extracting(e -> e.message().isRequest() ? e.message().method()
                : Integer.toString(e.message().statusCode()))
                .containsExactly("INVITE", "100", "180", "200", "ACK", "BYE", "200");
        assertThat(cdr.transport()).isEqualTo("tcp");
        assertThat(cdr.sipMessages()).isEqualTo(7);
        assertThat(cdr.lastSipResponseNum()).isEqualTo(200);
        assertThat(cdr.whohanged()).isEqualTo("caller");
        assertThat(cdr.caller()).isEqualTo("1001");
        assertThat(cdr.called()).isEqualTo("2002");
        assertThat(cdr.sipcallerport()).isEqualTo(5060);
        assertThat(cdr.rtp()).hasSize(2);
        return cdr;
    }

    @Test
    void messageStraddlingTwoSegments() {
        check(scenario(false, true));
    }

    @Test
    void perCallCaptureHoldsExactlyTheFramesThatCarriedItsMessagesInOrder() {
        perCallCapture(scenario(false));
    }

    @Test
    void perCallCaptureHoldsEachFrameOnceWhenMessagesStraddleSegments() {
        perCallCapture(scenario(false, true));
    }

    @Test
    void perCallCaptureHoldsTheFramesOfReorderedSegments() {
        SipScenario s = scenario(true);
        Recorders recorders = new Recorders();
        List<CapturedPacket> frames = s.packets();
        ScenarioRun.of(new AnalyzerSettings(), recorders, frames);
        List<Long> expected = new ArrayList<>();
        List<SipScenario.Sent> sent = s.sent();
        for (int i = 0; i < sent.size(); i++) {
            if (sent.get(i).kind() == SipScenario.Kind.SIP) {
                expected.add(frames.get(i).frameNumber);
            }
        }
        // Held segments are written when their message completes, so only the set is fixed.
        assertThat(recorders.sip.get("tcp-1@10.0.0.1")).extracting(p -> p.frameNumber)
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    private static void perCallCapture(SipScenario s) {
        Recorders recorders = new Recorders();
        List<CapturedPacket> frames = s.packets();
        ScenarioRun.of(new AnalyzerSettings(), recorders, frames);

        List<Long> expected = new ArrayList<>();
        List<SipScenario.Sent> sent = s.sent();
        for (int i = 0; i < sent.size(); i++) {
            if (sent.get(i).kind() == SipScenario.Kind.SIP) {
                expected.add(frames.get(i).frameNumber);
            }
        }
        assertThat(recorders.sip.get("tcp-1@10.0.0.1")).extracting(p -> p.frameNumber).containsExactlyElementsOf(expected);
        assertThat(recorders.rtp.get("tcp-1@10.0.0.1")).hasSize(80);
        assertThat(recorders.closed).containsExactly("tcp-1@10.0.0.1");
    }

    @Test
    void ipv6OnAVlanWithReorderedSegments() {
        HostPort callerMedia = HostPort.of("2001:db8::1", 40_000);
        HostPort calleeMedia = HostPort.of("2001:db8::2", 50_000);
        SipScenario s = SipScenario.call("tcp6-1@example.com").link(FrameBuilder.ethernet().vlan(30)).overTcp()
                .caller("1001", HostPort.of("2001:db8::1", 5060)).callee("2002", HostPort.of("2001:db8::2", 5060))
                .tcpBatch().invite(Sdp.audio(callerMedia).rtpmap(0, "PCMU/8000"));
        s.tcpFlush(true, new int[]{50, 250}, new int[]{2, 1, 0});
        s.respond(100).respond(200, Sdp.audio(calleeMedia).rtpmap(0, "PCMU/8000")).ack();
        s.rtp(callerMedia.withPort(40_100), calleeMedia, RtpTrain.of(0x61L, 0).start(T0 + 100 * MS).count(20));
        s.at(T0 + 600 * MS).bye(false).respond(200);

        Cdr cdr = ScenarioRun.of(s.packets()).onlyCall();

        assertThat(cdr.transport()).isEqualTo("tcp");
        assertThat(cdr.sipMessages()).isEqualTo(6);
        assertThat(cdr.sipcallerip()).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(cdr.rtp()).singleElement().satisfies(r -> assertThat(r.direction()).isEqualTo("a"));
    }
}
