package org.callscope.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.scenario.SipScenario.MS;
import static org.callscope.engine.scenario.SipScenario.T0;

import java.util.stream.Stream;
import org.callscope.engine.cdr.Cdr;
import org.callscope.engine.cdr.RtpStreamReport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The same call on every link encapsulation the decoder opens gives the same CDR facts. */
class EncapsulationScenarioTest {
    static final long SSRC_A = 0x5151L;
    static final long SSRC_B = 0x5252L;

    static Stream<Arguments> links() {
        return Stream.of(
                Arguments.of("ethernet", FrameBuilder.ethernet(), false),
                Arguments.of("802.1Q", FrameBuilder.ethernet().vlan(42), false),
                Arguments.of("QinQ", FrameBuilder.ethernet().qinq(100, 42), false),
                Arguments.of("GRE", FrameBuilder.ethernet().gre("192.0.2.1", "192.0.2.2"), false),
                Arguments.of("ERSPAN II", FrameBuilder.ethernet().erspanII("192.0.2.1", "192.0.2.2", 7), false),
                Arguments.of("VXLAN", FrameBuilder.ethernet().vxlan("192.0.2.1", "192.0.2.2", 5001), false),
                Arguments.of("IP-in-IP", FrameBuilder.ethernet().ipInIp("192.0.2.1", "192.0.2.2"), false),
                Arguments.of("802.1Q over VXLAN outer", FrameBuilder.ethernet().vlan(7).vxlan("192.0.2.1", "192.0.2.2", 9), false),
                Arguments.of("IPv6", FrameBuilder.ethernet(), true),
                Arguments.of("IPv6 in GRE", FrameBuilder.ethernet().gre("192.0.2.1", "192.0.2.2"), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("links")
    void sameFactsOnEveryEncapsulation(String name, FrameBuilder link, boolean ipv6) {
        String callerIp = ipv6 ? "2001:db8::a" : "10.0.0.1";
        String calleeIp = ipv6 ? "2001:db8::b" : "10.0.0.2";
        HostPort callerMedia = HostPort.of(callerIp, 40_000);
        HostPort calleeMedia = HostPort.of(calleeIp, 50_000);
        SipScenario s = SipScenario.call("encap-1@example.com").link(link)
                .caller("1001", HostPort.of(callerIp, 5060)).callee("2002", HostPort.of(calleeIp, 5060))
                .invite(Sdp.audio(callerMedia).rtpmap(0, "PCMU/8000")).respond(100).respond(180)
                .respond(200, Sdp.audio(calleeMedia).rtpmap(0, "PCMU/8000")).ack();
        long media = T0 + 100 * MS;
        s.rtp(callerMedia, calleeMedia, RtpTrain.of(SSRC_A, 0).start(media).count(60).drop(17));
        s.rtp(calleeMedia, callerMedia, RtpTrain.of(SSRC_B, 0).start(media + 5 * MS).count(55).drop(3).drop(40));
        s.at(media + 1_300 * MS).bye(true).respond(200);

        ScenarioRun run = ScenarioRun.of(s.packets());

        Cdr cdr = run.onlyCall();
        assertThat(cdr.caller()).isEqualTo("1001");
        assertThat(cdr.called()).isEqualTo("2002");
        // Addresses are printed as InetAddress does: IPv6 uncompressed.
        assertThat(cdr.sipcallerip()).isEqualTo(ipv6 ? "2001:db8:0:0:0:0:0:a" : callerIp);
        assertThat(cdr.transport()).isEqualTo("udp");
        assertThat(cdr.sipMessages()).isEqualTo(7);
        assertThat(cdr.answered()).isTrue();
        assertThat(cdr.rtp()).hasSize(2);
        RtpStreamReport a = ScenarioRun.stream(cdr, SSRC_A, HostPort.of(cdr.sipcallerip(), 40_000));
        RtpStreamReport b = cdr.rtp().stream().filter(r -> r.ssrc() == SSRC_B).findFirst().orElseThrow();
        assertThat(a.direction()).isEqualTo("a");
        assertThat(a.packets()).isEqualTo(59);
        assertThat(a.lost()).isEqualTo(1);
        assertThat(b.direction()).isEqualTo("b");
        assertThat(b.packets()).isEqualTo(53);
        assertThat(b.lost()).isEqualTo(2);
    }
}
