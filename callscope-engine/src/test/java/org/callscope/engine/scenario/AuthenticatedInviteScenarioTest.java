package org.callscope.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.scenario.SipScenario.MS;
import static org.callscope.engine.scenario.SipScenario.T0;

import java.time.Instant;
import org.callscope.engine.cdr.Cdr;
import org.junit.jupiter.api.Test;

/** A digest challenge (RFC 3261 §22.2) followed by the authenticated INVITE on the same Call-ID. */
class AuthenticatedInviteScenarioTest {
    static final HostPort CALLER_MEDIA = HostPort.of("10.0.0.1", 40_000);
    static final HostPort CALLEE_MEDIA = HostPort.of("10.0.0.2", 50_000);

    @Test
    void challengedThenAnsweredIsOneCall() {
        Sdp offer = Sdp.audio(CALLER_MEDIA).rtpmap(0, "PCMU/8000");
        SipScenario s = SipScenario.call("auth-1@10.0.0.1")
                .invite(offer)
                .respond(401, null, "WWW-Authenticate: Digest realm=\"example.com\", nonce=\"5f2a\", algorithm=MD5")
                .ack()
                .invite(offer, "Authorization: Digest username=\"1001\", realm=\"example.com\", nonce=\"5f2a\", "
                        + "uri=\"sip:2002@10.0.0.2:5060\", response=\"6629fae49393a05397450978507c4ef1\"")
                .respond(100).respond(180);
        long answer = s.now();
        s.respond(200, Sdp.audio(CALLEE_MEDIA).rtpmap(0, "PCMU/8000")).ack();
        long media = T0 + 100 * MS;
        s.rtp(CALLER_MEDIA, CALLEE_MEDIA, RtpTrain.of(0x11L, 0).start(media).count(30));
        s.rtp(CALLEE_MEDIA, CALLER_MEDIA, RtpTrain.of(0x22L, 0).start(media + 5 * MS).count(30));
        s.at(media + 800 * MS).bye(false).respond(200);

        ScenarioRun run = ScenarioRun.of(s.packets());

        Cdr cdr = run.onlyCall();
        assertThat(cdr.lastSipResponseNum()).isEqualTo(200);
        assertThat(cdr.lastSipResponse()).isEqualTo("OK");
        assertThat(cdr.connectTime()).isEqualTo(Instant.ofEpochSecond(0, answer));
        assertThat(cdr.calldate()).isEqualTo(Instant.ofEpochSecond(0, T0));
        // INVITE 401 ACK, INVITE 100 180 200 ACK, BYE 200.
        assertThat(cdr.sipMessages()).isEqualTo(10);
        assertThat(cdr.retransmissions()).isZero();
        assertThat(cdr.whohanged()).isEqualTo("callee");
        assertThat(cdr.endReason()).isEqualTo("bye");
        assertThat(cdr.rtp()).hasSize(2);
    }
}
