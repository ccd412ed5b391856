package org.callscope.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.scenario.SipScenario.MS;
import static org.callscope.engine.scenario.SipScenario.T0;

import org.callscope.engine.cdr.Cdr;
import org.junit.jupiter.api.Test;

/** An INVITE bigger than the MTU arrives as IPv4 fragments, last fragment first. */
class FragmentedInviteScenarioTest {
    static final HostPort CALLER_MEDIA = HostPort.of("10.0.0.1", 40_000);
    static final HostPort CALLEE_MEDIA = HostPort.of("10.0.0.2", 50_000);

    @Test
    void callIsFoundAndItsSdpBindsMedia() {
        run(FrameBuilder.ethernet());
    }

    @Test
    void fragmentsInsideVxlan() {
        run(FrameBuilder.ethernet().vxlan("192.0.2.1", "192.0.2.2", 77));
    }

    @Test
    void fragmentsInsideGreOnAVlan() {
        run(FrameBuilder.ethernet().vlan(12).gre("192.0.2.1", "192.0.2.2"));
    }

    private static void run(FrameBuilder link) {
        Sdp offer = Sdp.audio(CALLER_MEDIA).rtpmap(0, "PCMU/8000");
        for (int i = 0; i < 60; i++) {
            offer.attribute("x-padding-" + i + ":" + "p".repeat(40)); // about 3.5 kB of SDP
        }
        SipScenario s = SipScenario.call("frag-1@10.0.0.1").link(link).fragmentAbove(1500, true)
                .invite(offer).respond(100).respond(200, Sdp.audio(CALLEE_MEDIA).rtpmap(0, "PCMU/8000")).ack();
        long fragments = s.sent().stream().filter(x -> x.what().equals("INVITE fragment")).count();
        assertThat(fragments).isEqualTo(3);
        long media = T0 + 100 * MS;
        // Only the callee talks, from a port it never announced: its stream can only be found
        // through the caller's endpoint in the fragmented SDP.
        s.rtp(CALLEE_MEDIA.withPort(50_100), CALLER_MEDIA, RtpTrain.of(0xfeedL, 0).start(media).count(25));
        s.at(media + 600 * MS).bye(true).respond(200);

        ScenarioRun run = ScenarioRun.of(s.packets());

        Cdr cdr = run.onlyCall();
        assertThat(cdr.callId()).isEqualTo("frag-1@10.0.0.1");
        assertThat(cdr.caller()).isEqualTo("1001");
        // The datagram is complete when its third fragment arrives, 0.2 ms after the first.
        assertThat(cdr.calldate()).isEqualTo(java.time.Instant.ofEpochSecond(0, T0 + 200_000L));
        assertThat(cdr.sipMessages()).isEqualTo(6);
        assertThat(cdr.rtp()).singleElement().satisfies(r -> {
            assertThat(r.direction()).isEqualTo("b");
            assertThat(r.packets()).isEqualTo(25);
        });
        assertThat(run.unassociated).isEmpty();
    }
}
