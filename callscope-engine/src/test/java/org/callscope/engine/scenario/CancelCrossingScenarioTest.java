package org.callscope.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.scenario.SipScenario.MS;
import static org.callscope.engine.scenario.SipScenario.T0;

import org.callscope.engine.cdr.Cdr;
import org.junit.jupiter.api.Test;

/**
 * The caller cancels while the callee answers: the 200 OK to the INVITE wins (RFC 3261 §9.2: a
 * CANCEL has no effect on an INVITE that already got a final response), so the call is answered.
 */
class CancelCrossingScenarioTest {
    static final HostPort CALLER_MEDIA = HostPort.of("10.0.0.1", 40_000);
    static final HostPort CALLEE_MEDIA = HostPort.of("10.0.0.2", 50_000);

    private static SipScenario crossing(String callId) {
        SipScenario s = SipScenario.call(callId)
                .invite(Sdp.audio(CALLER_MEDIA).rtpmap(0, "PCMU/8000")).respond(100).respond(180)
                .cancel()
                .respondTo("INVITE", 200, Sdp.audio(CALLEE_MEDIA).rtpmap(0, "PCMU/8000"))
                .respondTo("CANCEL", 200, null)
                .ack();
        long media = T0 + 100 * MS;
        s.rtp(CALLER_MEDIA, CALLEE_MEDIA, RtpTrain.of(0x1L, 0).start(media).count(40));
        s.rtp(CALLEE_MEDIA, CALLER_MEDIA, RtpTrain.of(0x2L, 0).start(media + 5 * MS).count(40));
        return s;
    }

    @Test
    void answeredDespiteCancelAndEndedByBye() {
        SipScenario s = crossing("cross-1@10.0.0.1");
        s.at(T0 + 1_000 * MS).bye(true).respond(200);

        Cdr cdr = ScenarioRun.of(s.packets()).onlyCall();

        assertThat(cdr.answered()).isTrue();
        assertThat(cdr.lastSipResponseNum()).isEqualTo(200);
        assertThat(cdr.whohanged()).isEqualTo("caller");
        assertThat(cdr.endReason()).isEqualTo("bye");
        // INVITE 100 180 CANCEL 200(INVITE) 200(CANCEL) ACK BYE 200.
        assertThat(cdr.sipMessages()).isEqualTo(9);
        assertThat(cdr.rtp()).hasSize(2);
    }

    @Test
    void answeredDespiteCancelIsNotReportedAsCancelled() {
        SipScenario s = crossing("cross-2@10.0.0.1");

        Cdr cdr = ScenarioRun.of(s.packets()).onlyCall();

        assertThat(cdr.answered()).isTrue();
        assertThat(cdr.endReason()).isEqualTo("end_of_input");
    }
}
