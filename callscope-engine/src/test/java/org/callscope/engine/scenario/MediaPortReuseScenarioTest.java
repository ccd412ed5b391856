package org.callscope.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.scenario.SipScenario.MS;
import static org.callscope.engine.scenario.SipScenario.T0;

import org.callscope.engine.cdr.Cdr;
import org.callscope.engine.cdr.RtpStreamReport;
import org.junit.jupiter.api.Test;

/** Two calls one after the other on the same media ports: each keeps only its own packets. */
class MediaPortReuseScenarioTest {
    static final HostPort CALLER_MEDIA = HostPort.of("10.0.0.1", 40_000);
    static final HostPort CALLEE_MEDIA = HostPort.of("10.0.0.2", 50_000);

    private static SipScenario call(String callId, long start, long ssrcA, long ssrcB, int packets) {
        SipScenario s = SipScenario.call(callId).tags("from-" + callId, "to-" + callId).at(start)
                .invite(Sdp.audio(CALLER_MEDIA).rtpmap(0, "PCMU/8000")).respond(100)
                .respond(200, Sdp.audio(CALLEE_MEDIA).rtpmap(0, "PCMU/8000")).ack();
        long media = start + 100 * MS;
        s.rtp(CALLER_MEDIA, CALLEE_MEDIA, RtpTrain.of(ssrcA, 0).start(media).count(packets));
        s.rtp(CALLEE_MEDIA, CALLER_MEDIA, RtpTrain.of(ssrcB, 0).start(media + 5 * MS).count(packets));
        s.at(media + packets * 20 * MS + 50 * MS).bye(true).respond(200);
        return s;
    }

    @Test
    void secondCallInsideTheFirstCallsGraceTimeGetsItsOwnPackets() {
        // The second INVITE comes 1 s after the first call's BYE, well inside its closing grace.
        SipScenario first = call("reuse-1@10.0.0.1", T0, 0x1000L, 0x2000L, 50);
        SipScenario second = call("reuse-2@10.0.0.1", first.now() + 1_000 * MS, 0x3000L, 0x4000L, 70);

        ScenarioRun run = ScenarioRun.of(SipScenario.merge(first, second));

        assertThat(run.calls).hasSize(2);
        check(run.call("reuse-1@10.0.0.1"), 0x1000L, 0x2000L, 50);
        check(run.call("reuse-2@10.0.0.1"), 0x3000L, 0x4000L, 70);
        assertThat(run.unassociated).isEmpty();
    }

    @Test
    void secondCallReusingPortsAndSsrcsInsideTheGraceTimeGetsItsOwnPackets() {
        // Same ports and the same SSRCs: only the new SDP tells the packets apart.
        SipScenario first = call("reuse-5@10.0.0.1", T0, 0x1000L, 0x2000L, 50);
        SipScenario second = call("reuse-6@10.0.0.1", first.now() + 1_000 * MS, 0x1000L, 0x2000L, 70);

        ScenarioRun run = ScenarioRun.of(SipScenario.merge(first, second));

        check(run.call("reuse-5@10.0.0.1"), 0x1000L, 0x2000L, 50);
        check(run.call("reuse-6@10.0.0.1"), 0x1000L, 0x2000L, 70);
    }

    @Test
    void secondCallLongAfterTheFirstGetsItsOwnPackets() {
        SipScenario first = call("reuse-3@10.0.0.1", T0, 0x1000L, 0x2000L, 50);
        SipScenario second = call("reuse-4@10.0.0.1", first.now() + 30_000 * MS, 0x3000L, 0x4000L, 70);

        ScenarioRun run = ScenarioRun.of(SipScenario.merge(first, second));

        check(run.call("reuse-3@10.0.0.1"), 0x1000L, 0x2000L, 50);
        check(run.call("reuse-4@10.0.0.1"), 0x3000L, 0x4000L, 70);
    }

    private static void check(Cdr cdr, long ssrcA, long ssrcB, int packets) {
        assertThat(cdr.rtp()).hasSize(2);
        RtpStreamReport a = ScenarioRun.stream(cdr, ssrcA, CALLER_MEDIA);
        RtpStreamReport b = ScenarioRun.stream(cdr, ssrcB, CALLEE_MEDIA);
        assertThat(a.packets()).isEqualTo(packets);
        assertThat(b.packets()).isEqualTo(packets);
        assertThat(a.direction()).isEqualTo("a");
        assertThat(b.direction()).isEqualTo("b");
        assertThat(cdr.endReason()).isEqualTo("bye");
    }
}
