package org.callscope.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.scenario.SipScenario.MS;
import static org.callscope.engine.scenario.SipScenario.T0;

import org.callscope.engine.cdr.Cdr;
import org.callscope.engine.cdr.RtpStreamReport;
import org.junit.jupiter.api.Test;

/** Loss, duplicates and reordering injected into a stream are counted as injected. */
class RtpFaultsScenarioTest {
    static final HostPort CALLER_MEDIA = HostPort.of("10.0.0.1", 40_000);
    static final HostPort CALLEE_MEDIA = HostPort.of("10.0.0.2", 50_000);

    @Test
    void lossDuplicatesAndReorderingAsBuilt() {
        SipScenario s = SipScenario.call("faults-1@10.0.0.1")
                .invite(Sdp.audio(CALLER_MEDIA).rtpmap(0, "PCMU/8000")).respond(100)
                .respond(200, Sdp.audio(CALLEE_MEDIA).rtpmap(0, "PCMU/8000")).ack();
        long media = T0 + 100 * MS;
        // 100 packets: 3 dropped, 2 duplicated, 2 pairs swapped (none at either end).
        s.rtp(CALLER_MEDIA, CALLEE_MEDIA, RtpTrain.of(0xabcdL, 0).start(media).count(100)
                .drop(10).drop(11).drop(50).duplicate(20).duplicate(80).swapWithNext(30).swapWithNext(70));
        // The other direction is clean, with a sequence number wrap in the middle.
        s.rtp(CALLEE_MEDIA, CALLER_MEDIA, RtpTrain.of(0xdcbaL, 0).firstSeq(65_500).start(media + 5 * MS).count(100));
        s.at(media + 2_100 * MS).bye(true).respond(200);

        Cdr cdr = ScenarioRun.of(s.packets()).onlyCall();

        RtpStreamReport a = ScenarioRun.stream(cdr, 0xabcdL, CALLER_MEDIA);
        assertThat(a.packets()).isEqualTo(100 - 3 + 2);
        // Wireshark's lost: expected (last - first + 1 = 100) minus received, duplicates included.
        assertThat(a.lost()).isEqualTo(100 - (100 - 3 + 2));
        assertThat(a.duplicates()).isEqualTo(2);
        assertThat(a.outOfOrder()).isEqualTo(2);
        RtpStreamReport b = ScenarioRun.stream(cdr, 0xdcbaL, CALLEE_MEDIA);
        assertThat(b.packets()).isEqualTo(100);
        assertThat(b.lost()).isZero();
        assertThat(b.duplicates()).isZero();
        assertThat(b.outOfOrder()).isZero();
    }
}
