package org.callscope.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.scenario.SipScenario.MS;
import static org.callscope.engine.scenario.SipScenario.T0;

import org.callscope.engine.cdr.Cdr;
import org.callscope.engine.cdr.RtpStreamReport;
import org.junit.jupiter.api.Test;

/**
 * The callee sits behind NAT: its SDP names a private address, its RTP comes from a public
 * address and port, and the caller answers to that source (symmetric RTP, RFC 4961).
 */
class NatScenarioTest {
    static final HostPort CALLER_SIP = HostPort.of("203.0.113.10", 5060);
    static final HostPort CALLEE_SIP = HostPort.of("198.51.100.20", 5060);
    static final HostPort CALLER_MEDIA = HostPort.of("203.0.113.10", 40_000);
    static final HostPort CALLEE_ANNOUNCED = HostPort.of("192.168.1.20", 30_000);
    static final HostPort CALLEE_PUBLIC = HostPort.of("198.51.100.20", 61_000);
    static final long SSRC_A = 0xa0a0L;
    static final long SSRC_B = 0xb0b0L;

    @Test
    void calleeSpeaksFirstFromItsPublicAddress() {
        Cdr cdr = run(5 * MS, 0);
        check(cdr);
    }

    @Test
    void callerSpeaksFirstToThePublicAddress() {
        Cdr cdr = run(0, 5 * MS);
        check(cdr);
    }

    @Test
    void eventsSentToTheLearnedPublicAddressUseTheCalleesPayloadTypes() {
        // Each side numbers telephone-event differently (caller 101, callee 96); the caller sends
        // digit 7 with the callee's number to the callee's public address, which no SDP named.
        SipScenario s = SipScenario.call("nat-2@203.0.113.10").caller("1001", CALLER_SIP).callee("2002", CALLEE_SIP)
                .invite(Sdp.audio(CALLER_MEDIA).rtpmap(0, "PCMU/8000").rtpmap(101, "telephone-event/8000"))
                .respond(100)
                .respond(200, Sdp.audio(CALLEE_ANNOUNCED).rtpmap(0, "PCMU/8000").rtpmap(96, "telephone-event/8000"))
                .ack();
        long media = T0 + 100 * MS;
        s.rtp(CALLEE_PUBLIC, CALLER_MEDIA, RtpTrain.of(SSRC_B, 0).start(media).count(40).event(20, 4, 6, 101));
        s.rtp(CALLER_MEDIA, CALLEE_PUBLIC, RtpTrain.of(SSRC_A, 0).start(media + 5 * MS).count(40).event(10, 7, 6, 96));
        s.at(media + 1_000 * MS).bye(false).respond(200);
        Cdr cdr = ScenarioRun.of(s.packets()).onlyCall();
        assertThat(cdr.dtmf()).isEqualTo("74");
        assertThat(ScenarioRun.stream(cdr, SSRC_A, CALLER_MEDIA).codec()).isEqualTo("PCMU");
    }

    private static Cdr run(long callerOffset, long calleeOffset) {
        SipScenario s = SipScenario.call("nat-1@203.0.113.10").caller("1001", CALLER_SIP).callee("2002", CALLEE_SIP)
                .invite(Sdp.audio(CALLER_MEDIA).rtpmap(8, "PCMA/8000")).respond(100)
                .respond(200, Sdp.audio(CALLEE_ANNOUNCED).rtpmap(8, "PCMA/8000")).ack();
        long media = T0 + 100 * MS;
        s.rtp(CALLEE_PUBLIC, CALLER_MEDIA, RtpTrain.of(SSRC_B, 8).start(media + calleeOffset).count(40));
        s.rtp(CALLER_MEDIA, CALLEE_PUBLIC, RtpTrain.of(SSRC_A, 8).start(media + callerOffset).count(40));
        s.at(media + 1_000 * MS).bye(false).respond(200);
        ScenarioRun run = ScenarioRun.of(s.packets());
        assertThat(run.unassociated).isEmpty();
        return run.onlyCall();
    }

    private static void check(Cdr cdr) {
        assertThat(cdr.rtp()).hasSize(2);
        RtpStreamReport a = ScenarioRun.stream(cdr, SSRC_A, CALLER_MEDIA);
        RtpStreamReport b = ScenarioRun.stream(cdr, SSRC_B, CALLEE_PUBLIC);
        assertThat(a.direction()).isEqualTo("a");
        assertThat(a.daddr()).isEqualTo(CALLEE_PUBLIC.ip());
        assertThat(a.packets()).isEqualTo(40);
        assertThat(b.direction()).isEqualTo("b");
        assertThat(b.daddr()).isEqualTo(CALLER_MEDIA.ip());
        assertThat(b.packets()).isEqualTo(40);
        assertThat(a.codec()).isEqualTo("PCMA");
        assertThat(cdr.whohanged()).isEqualTo("callee");
    }
}
