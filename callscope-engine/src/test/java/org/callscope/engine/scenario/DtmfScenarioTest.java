package org.callscope.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.scenario.SipScenario.MS;
import static org.callscope.engine.scenario.SipScenario.T0;

import org.junit.jupiter.api.Test;

/** DTMF from SIP INFO bodies and from RFC 4733 events, merged in time order. */
class DtmfScenarioTest {
    static final HostPort CALLER_MEDIA = HostPort.of("10.0.0.1", 40_000);
    static final HostPort CALLEE_MEDIA = HostPort.of("10.0.0.2", 50_000);
    /** Dynamic payload type the SDPs map to telephone-event (RFC 4733 §7.1.1). */
    static final int TELEPHONE_EVENT = 101;

    @Test
    void infoDigitsAndTelephoneEventsInTimeOrder() {
        SipScenario s = SipScenario.call("dtmf-1@10.0.0.1")
                .invite(sdp(CALLER_MEDIA)).respond(100).respond(200, sdp(CALLEE_MEDIA)).ack();
        long media = T0 + 100 * MS;
        // Caller: event 1 at packet 20 (t+400 ms), event 9 at packet 60 (t+1200 ms).
        s.rtp(CALLER_MEDIA, CALLEE_MEDIA, RtpTrain.of(0xa1L, 0).start(media).count(100)
                .event(20, 1, 6, TELEPHONE_EVENT).event(60, 9, 6, TELEPHONE_EVENT));
        // Callee: event 10 (*) at packet 50 (t+1005 ms).
        s.rtp(CALLEE_MEDIA, CALLER_MEDIA, RtpTrain.of(0xb1L, 0).start(media + 5 * MS).count(100)
                .event(50, 10, 6, TELEPHONE_EVENT));
        s.at(media + 700 * MS).info(true, "application/dtmf-relay", "Signal=5\r\nDuration=160\r\n").respond(200);
        s.at(media + 1_600 * MS).info(true, "application/dtmf", "#").respond(200);
        s.at(media + 2_100 * MS).bye(true).respond(200);

        ScenarioRun run = ScenarioRun.of(s.packets());

        // 1 at 400 ms, 5 at 700, * at 1005, 9 at 1200, # at 1600.
        assertThat(run.onlyCall().dtmf()).isEqualTo("15*9#");
        assertThat(run.onlyCall().sipMessages()).isEqualTo(10);
    }

    static Sdp sdp(HostPort media) {
        return Sdp.audio(media).rtpmap(0, "PCMU/8000").rtpmap(TELEPHONE_EVENT, "telephone-event/8000")
                .attribute("fmtp:101 0-16");
    }

    /**
     * RFC 3264 §5.1: payload type numbers in an SDP are those its author expects to receive. The
     * caller maps telephone-event to 101, the callee to 96; each sends with the other's number.
     */
    @Test
    void eachSideSendsEventsWithThePayloadTypeThePeerAnnounced() {
        SipScenario s = SipScenario.call("dtmf-2@10.0.0.1")
                .invite(Sdp.audio(CALLER_MEDIA).rtpmap(0, "PCMU/8000").rtpmap(101, "telephone-event/8000"))
                .respond(100)
                .respond(200, Sdp.audio(CALLEE_MEDIA).rtpmap(0, "PCMU/8000").rtpmap(96, "telephone-event/8000"))
                .ack();
        long media = T0 + 100 * MS;
        s.rtp(CALLER_MEDIA, CALLEE_MEDIA, RtpTrain.of(0xa2L, 0).start(media).count(60).event(10, 3, 6, 96));
        s.rtp(CALLEE_MEDIA, CALLER_MEDIA, RtpTrain.of(0xb2L, 0).start(media + 5 * MS).count(60).event(30, 4, 6, 101));
        s.at(media + 1_300 * MS).bye(true).respond(200);

        assertThat(ScenarioRun.of(s.packets()).onlyCall().dtmf()).isEqualTo("34");
    }
}
