package org.callscope.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.scenario.SipScenario.MS;
import static org.callscope.engine.scenario.SipScenario.T0;

import org.callscope.engine.cdr.Cdr;
import org.callscope.engine.cdr.RtpStreamReport;
import org.junit.jupiter.api.Test;

/** Where SDP offers and answers travel (RFC 3264, 3311), and calls that never connect. */
class OfferAnswerScenarioTest {
    static final HostPort CALLER_MEDIA = HostPort.of("10.0.0.1", 40_000);
    static final HostPort CALLEE_MEDIA = HostPort.of("10.0.0.2", 50_000);

    static Sdp pcmu(HostPort media) {
        return Sdp.audio(media).rtpmap(0, "PCMU/8000");
    }

    @Test
    void lateOfferInTheOkAndAnswerInTheAck() {
        SipScenario s = SipScenario.call("late-1@10.0.0.1")
                .invite(null).respond(100).respond(200, pcmu(CALLEE_MEDIA)).ack(pcmu(CALLER_MEDIA));
        long media = T0 + 100 * MS;
        // Only the callee talks, from a port it never announced, so its stream can only be found
        // through the caller's SDP in the ACK.
        s.rtp(CALLEE_MEDIA.withPort(50_100), CALLER_MEDIA, RtpTrain.of(0xb0L, 0).start(media).count(20));
        s.at(media + 500 * MS).bye(true).respond(200);

        Cdr cdr = ScenarioRun.of(s.packets()).onlyCall();

        assertThat(cdr.rtp()).singleElement().satisfies(r -> {
            assertThat(r.direction()).isEqualTo("b");
            assertThat(r.packets()).isEqualTo(20);
        });
    }

    @Test
    void answerInTheOkToAnUpdateMovesTheCalleesMedia() {
        HostPort calleeMoved = CALLEE_MEDIA.withPort(52_000);
        // The caller sends from a port it never announced (asymmetric RTP), so only the callee's
        // answer in the 200 to UPDATE can tie the caller's packets to the call.
        HostPort callerSource = CALLER_MEDIA.withPort(40_100);
        SipScenario s = SipScenario.call("update-1@10.0.0.1")
                .invite(pcmu(CALLER_MEDIA)).respond(100).respond(183, pcmu(CALLEE_MEDIA))
                .update(true, pcmu(CALLER_MEDIA)).respond(200, pcmu(calleeMoved))
                .respondTo("INVITE", 200, null).ack();
        long media = T0 + 100 * MS;
        s.rtp(callerSource, calleeMoved, RtpTrain.of(0xa0L, 0).start(media).count(20));
        s.at(media + 500 * MS).bye(true).respond(200);

        ScenarioRun run = ScenarioRun.of(s.packets());

        assertThat(run.onlyCall().rtp()).singleElement().satisfies(r -> {
            assertThat(r.direction()).isEqualTo("a");
            assertThat(r.dport()).isEqualTo(52_000);
            assertThat(r.packets()).isEqualTo(20);
        });
        assertThat(run.unassociated).isEmpty();
    }

    @Test
    void retransmittedInfoGivesItsDigitOnce() {
        SipScenario s = SipScenario.call("info-1@10.0.0.1")
                .invite(pcmu(CALLER_MEDIA)).respond(200, pcmu(CALLEE_MEDIA)).ack()
                .info(true, "application/dtmf-relay", "Signal=7\r\nDuration=250\r\n").retransmitLast().respond(200)
                .info(false, "application/dtmf-relay", "Signal=11\r\nDuration=250\r\n").respond(200)
                .bye(true).respond(200);

        Cdr cdr = ScenarioRun.of(s.packets()).onlyCall();

        // Signal 11 is '#' in the dtmf-relay convention (10 is '*').
        assertThat(cdr.dtmf()).isEqualTo("7#");
        assertThat(cdr.sipMessages()).isEqualTo(10);
        assertThat(cdr.retransmissions()).isEqualTo(1);
    }

    @Test
    void busyIsRejected() {
        SipScenario s = SipScenario.call("busy-1@10.0.0.1")
                .invite(pcmu(CALLER_MEDIA)).respond(100).respond(486).ack();

        Cdr cdr = ScenarioRun.of(s.packets()).onlyCall();

        assertThat(cdr.answered()).isFalse();
        assertThat(cdr.lastSipResponseNum()).isEqualTo(486);
        assertThat(cdr.lastSipResponse()).isEqualTo("Busy Here");
        assertThat(cdr.endReason()).isEqualTo("rejected");
        assertThat(cdr.whohanged()).isNull();
        assertThat(cdr.sipMessages()).isEqualTo(4);
    }

    @Test
    void cancelledWhileRinging() {
        SipScenario s = SipScenario.call("cancel-1@10.0.0.1")
                .invite(pcmu(CALLER_MEDIA)).respond(100).respond(180, pcmu(CALLEE_MEDIA))
                .cancel().respondTo("CANCEL", 200, null).respondTo("INVITE", 487, null).ack();
        s.rtp(CALLEE_MEDIA, CALLER_MEDIA, RtpTrain.of(0xb0L, 0).start(T0 + 3 * MS).count(2));

        Cdr cdr = ScenarioRun.of(s.packets()).onlyCall();

        assertThat(cdr.answered()).isFalse();
        assertThat(cdr.lastSipResponseNum()).isEqualTo(487);
        assertThat(cdr.endReason()).isEqualTo("cancel");
        assertThat(cdr.sipMessages()).isEqualTo(7);
        RtpStreamReport early = cdr.rtp().get(0);
        assertThat(early.direction()).isEqualTo("b");
    }
}
