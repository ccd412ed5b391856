package org.callscope.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.scenario.SipScenario.MS;
import static org.callscope.engine.scenario.SipScenario.T0;

import java.time.Instant;
import org.callscope.engine.cdr.Cdr;
import org.junit.jupiter.api.Test;

/** Ringback as early media: 183 with SDP (RFC 3960), RTP before the 200 OK. */
class EarlyMediaScenarioTest {
    static final HostPort CALLER_MEDIA = HostPort.of("10.0.0.1", 40_000);
    static final HostPort CALLEE_MEDIA = HostPort.of("10.0.0.2", 50_000);

    @Test
    void earlyStreamsBelongToTheCallAnsweredAtTheTwoHundred() {
        Sdp answerSdp = Sdp.audio(CALLEE_MEDIA).rtpmap(8, "PCMA/8000");
        SipScenario s = SipScenario.call("early-1@10.0.0.1")
                .invite(Sdp.audio(CALLER_MEDIA).rtpmap(8, "PCMA/8000")).respond(100)
                .respond(183, answerSdp);
        long early = s.now() + 10 * MS;
        // 2 s of ringback from the callee, 1 s of caller media into it, then the answer.
        s.rtp(CALLEE_MEDIA, CALLER_MEDIA, RtpTrain.of(0xbbL, 8).start(early).count(100 + 50));
        s.rtp(CALLER_MEDIA, CALLEE_MEDIA, RtpTrain.of(0xaaL, 8).start(early + 1_005 * MS).count(50 + 50));
        long answer = early + 2_010 * MS;
        s.at(answer).respond(200, answerSdp).ack();
        s.at(early + 3_100 * MS).bye(true).respond(200);

        ScenarioRun run = ScenarioRun.of(s.packets());

        Cdr cdr = run.onlyCall();
        assertThat(cdr.connectTime()).isEqualTo(Instant.ofEpochSecond(0, answer));
        assertThat(cdr.lastSipResponseNum()).isEqualTo(200);
        assertThat(ScenarioRun.stream(cdr, 0xbbL, CALLEE_MEDIA).direction()).isEqualTo("b");
        assertThat(ScenarioRun.stream(cdr, 0xbbL, CALLEE_MEDIA).packets()).isEqualTo(150);
        assertThat(ScenarioRun.stream(cdr, 0xaaL, CALLER_MEDIA).direction()).isEqualTo("a");
        assertThat(ScenarioRun.stream(cdr, 0xaaL, CALLER_MEDIA).packets()).isEqualTo(100);
        assertThat(cdr.rtp()).hasSize(2);
        // connect_duration counts from the answer; duration from the INVITE.
        assertThat(cdr.connectDurationSeconds()).isLessThan(cdr.durationSeconds() - 2.0);
    }
}
