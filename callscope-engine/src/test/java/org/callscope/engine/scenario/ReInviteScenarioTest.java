package org.callscope.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.scenario.SipScenario.MS;
import static org.callscope.engine.scenario.SipScenario.T0;

import org.callscope.engine.cdr.Cdr;
import org.callscope.engine.cdr.RtpStreamReport;
import org.junit.jupiter.api.Test;

/** A re-INVITE from the callee moves its media to a new port in mid-call (RFC 3264 §8.3.1). */
class ReInviteScenarioTest {
    static final HostPort CALLER_MEDIA = HostPort.of("10.0.0.1", 40_000);
    static final HostPort CALLEE_MEDIA = HostPort.of("10.0.0.2", 50_000);
    static final HostPort CALLEE_MOVED = HostPort.of("10.0.0.2", 52_000);
    static final long SSRC_A = 0x1111_1111L;
    static final long SSRC_B = 0x2222_2222L;

    @Test
    void streamsOnOldAndNewPortBelongToTheCallWithTheirDirections() {
        SipScenario s = SipScenario.call("reinvite-1@10.0.0.1")
                .invite(Sdp.audio(CALLER_MEDIA).rtpmap(0, "PCMU/8000"))
                .respond(100).respond(180)
                .respond(200, Sdp.audio(CALLEE_MEDIA).rtpmap(0, "PCMU/8000"))
                .ack();
        long mediaStart = T0 + 100 * MS;
        s.rtp(CALLER_MEDIA, CALLEE_MEDIA, RtpTrain.of(SSRC_A, 0).start(mediaStart).count(50));
        s.rtp(CALLEE_MEDIA, CALLER_MEDIA, RtpTrain.of(SSRC_B, 0).start(mediaStart + 5 * MS).count(50));
        // After 1 s of media the callee re-INVITEs with a new port; the caller keeps its own.
        s.at(mediaStart + 1_010 * MS)
                .reInvite(false, Sdp.audio(CALLEE_MOVED).rtpmap(0, "PCMU/8000"))
                .respond(200, Sdp.audio(CALLER_MEDIA).rtpmap(0, "PCMU/8000"))
                .ack();
        long moved = s.now() + 10 * MS;
        s.rtp(CALLER_MEDIA, CALLEE_MOVED, RtpTrain.of(SSRC_A, 0).firstSeq(1050).firstTimestamp(160_000 + 50 * 160)
                .start(moved).count(30));
        s.rtp(CALLEE_MOVED, CALLER_MEDIA, RtpTrain.of(SSRC_B, 0).firstSeq(1050).firstTimestamp(160_000 + 50 * 160)
                .start(moved + 5 * MS).count(30));
        s.at(moved + 700 * MS).bye(true);
        long byeOk = s.now();
        s.respond(200);

        ScenarioRun run = ScenarioRun.of(s.packets());

        Cdr cdr = run.onlyCall();
        assertThat(run.unassociated).isEmpty();
        assertThat(cdr.rtp()).hasSize(4);
        assertStream(ScenarioRun.stream(cdr, SSRC_A, CALLER_MEDIA), CALLEE_MEDIA, "a", 50);
        assertStream(ScenarioRun.stream(cdr, SSRC_B, CALLEE_MEDIA), CALLER_MEDIA, "b", 50);
        assertStream(ScenarioRun.stream(cdr, SSRC_B, CALLEE_MOVED), CALLER_MEDIA, "b", 30);
        RtpStreamReport movedA = cdr.rtp().stream()
                .filter(r -> r.ssrc() == SSRC_A && r.dport() == CALLEE_MOVED.port()).findFirst().orElseThrow();
        assertThat(movedA.direction()).isEqualTo("a");
        assertThat(movedA.packets()).isEqualTo(30);
        // INVITE 100 180 200 ACK, re-INVITE 200 ACK, BYE 200.
        assertThat(cdr.sipMessages()).isEqualTo(10);
        assertThat(cdr.whohanged()).isEqualTo("caller");
        assertThat(cdr.lastSipResponseNum()).isEqualTo(200);
        // INVITE at T0, 200 OK three messages later (1 ms apart), last packet the 200 to the BYE.
        assertThat(cdr.calldate()).isEqualTo(java.time.Instant.ofEpochSecond(0, T0));
        assertThat(cdr.connectTime()).isEqualTo(java.time.Instant.ofEpochSecond(0, T0 + 3 * MS));
        assertThat(cdr.callend()).isEqualTo(java.time.Instant.ofEpochSecond(0, byeOk));
        assertThat(cdr.endReason()).isEqualTo("bye");
    }

    static void assertStream(RtpStreamReport r, HostPort to, String direction, long packets) {
        assertThat(r.daddr()).isEqualTo(to.ip());
        assertThat(r.dport()).isEqualTo(to.port());
        assertThat(r.direction()).isEqualTo(direction);
        assertThat(r.packets()).isEqualTo(packets);
        assertThat(r.lost()).isZero();
    }
}
