package org.callscope.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.callscope.engine.scenario.SipScenario.MS;
import static org.callscope.engine.scenario.SipScenario.T0;

import java.util.List;
import org.callscope.engine.cdr.RtcpSummary;
import org.callscope.engine.cdr.RtpStreamReport;
import org.junit.jupiter.api.Test;

/** Receiver reports about the caller's stream, with LSR/DLSR chosen for known round trips. */
class RtcpScenarioTest {
    static final HostPort CALLER_MEDIA = HostPort.of("10.0.0.1", 40_000);
    static final HostPort CALLEE_MEDIA = HostPort.of("10.0.0.2", 50_000);
    static final HostPort CALLER_RTCP = CALLER_MEDIA.withPort(40_001);
    static final HostPort CALLEE_RTCP = CALLEE_MEDIA.withPort(50_001);
    static final long SSRC_A = 0xcafe_0001L;
    static final long SSRC_B = 0xcafe_0002L;
    /** DLSR of 0.5 s in units of 1/65536 s (RFC 3550 §6.4.1). */
    static final long HALF_SECOND = 32_768;

    @Test
    void reportBlocksGiveLossJitterAndRoundTrip() {
        SipScenario s = SipScenario.call("rtcp-1@10.0.0.1")
                .invite(Sdp.audio(CALLER_MEDIA).rtpmap(0, "PCMU/8000")).respond(100)
                .respond(200, Sdp.audio(CALLEE_MEDIA).rtpmap(0, "PCMU/8000")).ack();
        long media = T0 + 100 * MS;
        s.rtp(CALLER_MEDIA, CALLEE_MEDIA, RtpTrain.of(SSRC_A, 0).start(media).count(200));
        s.rtp(CALLEE_MEDIA, CALLER_MEDIA, RtpTrain.of(SSRC_B, 0).start(media + 5 * MS).count(200));
        // Two SRs from the caller; each RR answers one, 0.5 s later by its DLSR, arriving 40 and 60 ms after that.
        long sr1 = media + 1_000 * MS + 123_456L;
        long sr2 = media + 2_000 * MS + 777_777L;
        s.rtcp(CALLER_RTCP, CALLEE_RTCP, sr1, Rtcp.senderReport(SSRC_A, Rtcp.ntp(sr1), 0, 50, 8000, List.of()));
        s.rtcp(CALLER_RTCP, CALLEE_RTCP, sr2, Rtcp.senderReport(SSRC_A, Rtcp.ntp(sr2), 0, 100, 16000, List.of()));
        // fraction 26/256, 5 lost, jitter 80 units = 10 ms at 8 kHz.
        s.rtcp(CALLEE_RTCP, CALLER_RTCP, sr1 + 540 * MS, Rtcp.receiverReport(SSRC_B, List.of(
                new Rtcp.ReportBlock(SSRC_A, 26, 5, 1070, 80, Rtcp.middle32(Rtcp.ntp(sr1)), HALF_SECOND))));
        // fraction 13/256, 7 lost, jitter 40 units = 5 ms.
        s.rtcp(CALLEE_RTCP, CALLER_RTCP, sr2 + 560 * MS, Rtcp.receiverReport(SSRC_B, List.of(
                new Rtcp.ReportBlock(SSRC_A, 13, 7, 1120, 40, Rtcp.middle32(Rtcp.ntp(sr2)), HALF_SECOND))));
        s.at(media + 4_100 * MS).bye(true).respond(200);

        ScenarioRun run = ScenarioRun.of(s.packets());

        RtpStreamReport a = ScenarioRun.stream(run.onlyCall(), SSRC_A, CALLER_MEDIA);
        RtcpSummary rtcp = a.rtcp();
        assertThat(rtcp).isNotNull();
        assertThat(rtcp.reports()).isEqualTo(2);
        assertThat(rtcp.fractionLostMax()).isEqualTo(26 / 256.0);
        assertThat(rtcp.cumulativeLost()).isEqualTo(7);
        assertThat(rtcp.jitterMaxMs()).isEqualTo(10.0);
        // LSR and arrival are truncated to 1/65536 s: allow two ticks (0.03 ms).
        assertThat(rtcp.rttAvgMs()).isCloseTo(50.0, within(0.031));
        assertThat(rtcp.rttMaxMs()).isCloseTo(60.0, within(0.031));
        // Nothing reported about the callee's stream.
        assertThat(ScenarioRun.stream(run.onlyCall(), SSRC_B, CALLEE_MEDIA).rtcp()).isNull();
        assertThat(a.packets()).isEqualTo(200);
    }

    @Test
    void reportBlocksBeforeTrailingBytesStillCount() {
        SipScenario s = SipScenario.call("rtcp-trail@10.0.0.1")
                .invite(Sdp.audio(CALLER_MEDIA).rtpmap(0, "PCMU/8000")).respond(100)
                .respond(200, Sdp.audio(CALLEE_MEDIA).rtpmap(0, "PCMU/8000")).ack();
        long media = T0 + 100 * MS;
        s.rtp(CALLER_MEDIA, CALLEE_MEDIA, RtpTrain.of(SSRC_A, 0).start(media).count(100));
        s.rtp(CALLEE_MEDIA, CALLER_MEDIA, RtpTrain.of(SSRC_B, 0).start(media + 5 * MS).count(100));
        // A valid RR followed by two bytes no RTCP header explains, as some phones send.
        byte[] rr = Rtcp.receiverReport(SSRC_B, List.of(new Rtcp.ReportBlock(SSRC_A, 51, 9, 1100, 24, 0, 0)));
        byte[] trailing = java.util.Arrays.copyOf(rr, rr.length + 2);
        s.rtcp(CALLEE_RTCP, CALLER_RTCP, media + 1_000 * MS, trailing);
        s.at(media + 2_100 * MS).bye(true).respond(200);

        ScenarioRun run = ScenarioRun.of(s.packets());
        RtcpSummary rtcp = ScenarioRun.stream(run.onlyCall(), SSRC_A, CALLER_MEDIA).rtcp();
        assertThat(rtcp.reports()).isEqualTo(1);
        assertThat(rtcp.cumulativeLost()).isEqualTo(9);
        assertThat(run.analyzer.anomalyCounters().get(org.callscope.engine.anomaly.Anomaly.RTCP_MALFORMED)).isEqualTo(1);
    }

    @Test
    void extendedReportVoipMetricsReachTheStream() {
        SipScenario s = SipScenario.call("rtcp-xr@10.0.0.1")
                .invite(Sdp.audio(CALLER_MEDIA).rtpmap(0, "PCMU/8000")).respond(100)
                .respond(200, Sdp.audio(CALLEE_MEDIA).rtpmap(0, "PCMU/8000")).ack();
        long media = T0 + 100 * MS;
        s.rtp(CALLER_MEDIA, CALLEE_MEDIA, RtpTrain.of(SSRC_A, 0).start(media).count(100));
        s.rtp(CALLEE_MEDIA, CALLER_MEDIA, RtpTrain.of(SSRC_B, 0).start(media + 5 * MS).count(100));
        // The callee says about the caller's stream: 8/256 lost, 4/256 discarded, 42 ms round trip, MOS 4.1 / 3.9.
        s.rtcp(CALLEE_RTCP, CALLER_RTCP, media + 1_000 * MS, Rtcp.voipMetrics(SSRC_B, SSRC_A, 8, 4, 42, 41, 39));
        s.at(media + 2_100 * MS).bye(true).respond(200);

        RtcpSummary rtcp = ScenarioRun.stream(ScenarioRun.of(s.packets()).onlyCall(), SSRC_A, CALLER_MEDIA).rtcp();
        assertThat(rtcp).isNotNull();
        assertThat(rtcp.reports()).isZero();
        assertThat(rtcp.xrReports()).isEqualTo(1);
        assertThat(rtcp.xrLossRate()).isEqualTo(8 / 256.0);
        assertThat(rtcp.xrDiscardRate()).isEqualTo(4 / 256.0);
        assertThat(rtcp.xrRoundTripMs()).isEqualTo(42.0);
        assertThat(rtcp.xrMosLq()).isEqualTo(4.1);
        assertThat(rtcp.xrMosCq()).isEqualTo(3.9);
    }

    /** Callee behind NAT: its RTP and RTCP come from public ports nobody announced. */
    static final HostPort CALLEE_PUBLIC_RTP = HostPort.of("198.51.100.20", 61_000);
    static final HostPort CALLEE_PUBLIC_RTCP = HostPort.of("198.51.100.20", 61_001);

    @Test
    void receiverReportToTheAddressOfAnRtcpAttribute() {
        // RFC 3605 §2.1: the caller's RTCP goes to another host (a relay) named in a=rtcp.
        HostPort relay = HostPort.of("10.0.0.99", 41_000);
        SipScenario s = SipScenario.call("rtcp-2@10.0.0.1")
                .invite(Sdp.audio(CALLER_MEDIA).rtpmap(0, "PCMU/8000").attribute("rtcp:41000 IN IP4 10.0.0.99"))
                .respond(100).respond(200, Sdp.audio(CALLEE_MEDIA).rtpmap(0, "PCMU/8000")).ack();
        long media = T0 + 100 * MS;
        s.rtp(CALLER_MEDIA, CALLEE_PUBLIC_RTP, RtpTrain.of(SSRC_A, 0).start(media).count(100));
        s.rtp(CALLEE_PUBLIC_RTP, CALLER_MEDIA, RtpTrain.of(SSRC_B, 0).start(media + 5 * MS).count(100));
        s.rtcp(CALLEE_PUBLIC_RTCP, relay, media + 1_000 * MS, Rtcp.receiverReport(SSRC_B, List.of(
                new Rtcp.ReportBlock(SSRC_A, 64, 3, 1049, 16, 0, 0))));
        s.at(media + 2_100 * MS).bye(true).respond(200);

        ScenarioRun run = ScenarioRun.of(s.packets());

        RtcpSummary rtcp = ScenarioRun.stream(run.onlyCall(), SSRC_A, CALLER_MEDIA).rtcp();
        assertThat(rtcp).isNotNull();
        assertThat(rtcp.reports()).isEqualTo(1);
        assertThat(rtcp.fractionLostMax()).isEqualTo(0.25);
        assertThat(rtcp.cumulativeLost()).isEqualTo(3);
        assertThat(rtcp.jitterMaxMs()).isEqualTo(2.0);
        assertThat(rtcp.rttAvgMs()).isNaN(); // no LSR: no round trip (RFC 3550 §6.4.1)
    }

    @Test
    void receiverReportMultiplexedOnTheRtpPort() {
        // RFC 5761: with rtcp-mux RTCP shares the RTP port; payload types 200/201 tell them apart.
        SipScenario s = SipScenario.call("rtcp-3@10.0.0.1")
                .invite(Sdp.audio(CALLER_MEDIA).rtpmap(0, "PCMU/8000").attribute("rtcp-mux"))
                .respond(100).respond(200, Sdp.audio(CALLEE_MEDIA).rtpmap(0, "PCMU/8000").attribute("rtcp-mux")).ack();
        long media = T0 + 100 * MS;
        s.rtp(CALLER_MEDIA, CALLEE_PUBLIC_RTP, RtpTrain.of(SSRC_A, 0).start(media).count(100));
        s.rtp(CALLEE_PUBLIC_RTP, CALLER_MEDIA, RtpTrain.of(SSRC_B, 0).start(media + 5 * MS).count(100));
        s.rtcp(CALLEE_PUBLIC_RTP, CALLER_MEDIA, media + 1_000 * MS + 10 * MS, Rtcp.receiverReport(SSRC_B, List.of(
                new Rtcp.ReportBlock(SSRC_A, 128, 9, 1049, 160, 0, 0))));
        s.at(media + 2_100 * MS).bye(true).respond(200);

        ScenarioRun run = ScenarioRun.of(s.packets());

        RtpStreamReport a = ScenarioRun.stream(run.onlyCall(), SSRC_A, CALLER_MEDIA);
        assertThat(a.rtcp()).isNotNull();
        assertThat(a.rtcp().fractionLostMax()).isEqualTo(0.5);
        assertThat(a.rtcp().cumulativeLost()).isEqualTo(9);
        assertThat(a.rtcp().jitterMaxMs()).isEqualTo(20.0);
        // The RTCP packet is not an RTP packet of the callee's stream.
        assertThat(ScenarioRun.stream(run.onlyCall(), SSRC_B, CALLEE_PUBLIC_RTP).packets()).isEqualTo(100);
        assertThat(run.onlyCall().rtp()).hasSize(2);
    }

    @Test
    void reportBlockInsideASenderReport() {
        // RFC 3550 §6.4.1: an SR carries report blocks after its 20-byte sender info.
        SipScenario s = SipScenario.call("rtcp-4@10.0.0.1")
                .invite(Sdp.audio(CALLER_MEDIA).rtpmap(0, "PCMU/8000")).respond(100)
                .respond(200, Sdp.audio(CALLEE_MEDIA).rtpmap(0, "PCMU/8000")).ack();
        long media = T0 + 100 * MS;
        s.rtp(CALLER_MEDIA, CALLEE_MEDIA, RtpTrain.of(SSRC_A, 0).start(media).count(100));
        s.rtp(CALLEE_MEDIA, CALLER_MEDIA, RtpTrain.of(SSRC_B, 0).start(media + 5 * MS).count(100));
        long sr = media + 500 * MS;
        s.rtcp(CALLER_RTCP, CALLEE_RTCP, sr, Rtcp.senderReport(SSRC_A, Rtcp.ntp(sr), 0, 25, 4000, List.of()));
        // The callee's SR reports on the caller's stream: sent 0.25 s after the caller's SR, 20 ms on the way back.
        long reply = sr + 270 * MS;
        s.rtcp(CALLEE_RTCP, CALLER_RTCP, reply, Rtcp.senderReport(SSRC_B, Rtcp.ntp(reply), 0, 39, 6240, List.of(
                new Rtcp.ReportBlock(SSRC_A, 0, 0, 1039, 24, Rtcp.middle32(Rtcp.ntp(sr)), 16_384))));
        s.at(media + 2_100 * MS).bye(true).respond(200);

        RtcpSummary rtcp = ScenarioRun.stream(ScenarioRun.of(s.packets()).onlyCall(), SSRC_A, CALLER_MEDIA).rtcp();

        assertThat(rtcp.reports()).isEqualTo(1);
        assertThat(rtcp.fractionLostMax()).isZero();
        assertThat(rtcp.jitterMaxMs()).isEqualTo(3.0);
        assertThat(rtcp.rttMaxMs()).isCloseTo(20.0, within(0.031));
    }
}
