package org.callscope.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.scenario.SipScenario.MS;
import static org.callscope.engine.scenario.SipScenario.T0;

import org.callscope.engine.cdr.Cdr;
import org.callscope.engine.config.AnalyzerSettings;
import org.junit.jupiter.api.Test;

/** The same call written the other legal ways: compact header names, bare-LF SDP, non-standard SIP ports. */
class SipSpellingScenarioTest {
    static final HostPort CALLER_MEDIA = HostPort.of("10.0.0.1", 40_000);
    static final HostPort CALLEE_MEDIA = HostPort.of("10.0.0.2", 50_000);

    private static SipScenario call(SipScenario s, Sdp offer, Sdp answer) {
        s.invite(offer).respond(100).respond(180).respond(200, answer).ack();
        long media = T0 + 100 * MS;
        // Each side sends from a port it never announced, so only the SDP can tie media to the call.
        s.rtp(CALLER_MEDIA.withPort(40_100), CALLEE_MEDIA, RtpTrain.of(0xa0L, 0).start(media).count(30));
        s.rtp(CALLEE_MEDIA.withPort(50_100), CALLER_MEDIA, RtpTrain.of(0xb0L, 0).start(media + 5 * MS).count(30));
        s.at(media + 800 * MS).bye(false).respond(200);
        return s;
    }

    private static void check(Cdr cdr) {
        assertThat(cdr.caller()).isEqualTo("1001");
        assertThat(cdr.called()).isEqualTo("2002");
        assertThat(cdr.callername()).isEqualTo("Alice");
        assertThat(cdr.sipMessages()).isEqualTo(7);
        assertThat(cdr.lastSipResponseNum()).isEqualTo(200);
        assertThat(cdr.whohanged()).isEqualTo("callee");
        assertThat(cdr.userAgentCaller()).isEqualTo("CallerPhone/1.0");
        assertThat(cdr.userAgentCalled()).isEqualTo("CalleePhone/2.0");
        assertThat(cdr.rtp()).extracting(r -> r.direction() + r.packets()).containsExactlyInAnyOrder("a30", "b30");
    }

    @Test
    void compactHeaderNames() {
        SipScenario s = call(SipScenario.call("compact-1@10.0.0.1").compactHeaders(),
                Sdp.audio(CALLER_MEDIA).rtpmap(0, "PCMU/8000"), Sdp.audio(CALLEE_MEDIA).rtpmap(0, "PCMU/8000"));
        check(ScenarioRun.of(s.packets()).onlyCall());
    }

    @Test
    void sdpWithBareLineFeeds() {
        String offer = "v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nc=IN IP4 10.0.0.1\nt=0 0\nm=audio 40000 RTP/AVP 0\n";
        String answer = "v=0\no=- 2 1 IN IP4 10.0.0.2\ns=-\nc=IN IP4 10.0.0.2\nt=0 0\nm=audio 50000 RTP/AVP 0\n";
        SipScenario s = call(SipScenario.call("lf-1@10.0.0.1"), Sdp.exact(offer), Sdp.exact(answer));
        check(ScenarioRun.of(s.packets()).onlyCall());
    }

    @Test
    void sipOnPortsFoundByTheHeuristic() {
        SipScenario s = call(SipScenario.call("ports-1@10.0.0.1")
                        .caller("1001", HostPort.of("10.0.0.1", 15_070)).callee("2002", HostPort.of("10.0.0.2", 15_080)),
                Sdp.audio(CALLER_MEDIA).rtpmap(0, "PCMU/8000"), Sdp.audio(CALLEE_MEDIA).rtpmap(0, "PCMU/8000"));
        AnalyzerSettings settings = new AnalyzerSettings();
        assertThat(settings.sipHeuristic()).isTrue();
        Cdr cdr = ScenarioRun.of(s.packets()).onlyCall();
        check(cdr);
        assertThat(cdr.sipcalledport()).isEqualTo(15_080);
    }
}
