package org.callscope.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.scenario.SipScenario.MS;
import static org.callscope.engine.scenario.SipScenario.T0;

import org.callscope.engine.cdr.Cdr;
import org.callscope.engine.cdr.RtpStreamReport;
import org.junit.jupiter.api.Test;

/** SDP bodies laid out in the less common but legal ways: several media, media-level c=, multipart. */
class SdpLayoutScenarioTest {

    @Test
    void audioAndVideoWithMediaLevelConnection() {
        // RFC 8866 §5.7: a media-level c= overrides the session-level one for that m= section.
        Sdp offer = Sdp.raw("""
                v=0
                o=- 1 1 IN IP4 10.0.0.1
                s=-
                c=IN IP4 10.0.0.1
                t=0 0
                m=audio 40000 RTP/AVP 0
                m=video 40002 RTP/AVP 96
                c=IN IP4 10.0.0.11
                a=rtpmap:96 H264/90000
                """);
        Sdp answer = Sdp.raw("""
                v=0
                o=- 2 1 IN IP4 10.0.0.2
                s=-
                c=IN IP4 10.0.0.2
                t=0 0
                m=audio 50000 RTP/AVP 0
                m=video 50002 RTP/AVP 96
                c=IN IP4 10.0.0.12
                a=rtpmap:96 H264/90000
                """);
        SipScenario s = SipScenario.call("av-1@10.0.0.1").invite(offer).respond(100).respond(200, answer).ack();
        long media = T0 + 100 * MS;
        HostPort callerVideo = HostPort.of("10.0.0.11", 40_002);
        HostPort calleeVideo = HostPort.of("10.0.0.12", 50_002);
        s.rtp(HostPort.of("10.0.0.1", 40_000), HostPort.of("10.0.0.2", 50_000), RtpTrain.of(0xa0L, 0).start(media).count(40));
        // 90 kHz video at 30 frames a second: 3000 ticks every 33.3 ms.
        s.rtp(calleeVideo, callerVideo, RtpTrain.of(0xb1L, 96).start(media).count(24).every(33_333_333L, 3000).payloadLength(900));
        s.at(media + 1_000 * MS).bye(true).respond(200);

        ScenarioRun run = ScenarioRun.of(s.packets());

        Cdr cdr = run.onlyCall();
        assertThat(cdr.rtp()).hasSize(2);
        RtpStreamReport video = ScenarioRun.stream(cdr, 0xb1L, calleeVideo);
        assertThat(video.direction()).isEqualTo("b");
        assertThat(video.codec()).isEqualTo("H264");
        assertThat(video.packets()).isEqualTo(24);
        assertThat(ScenarioRun.stream(cdr, 0xa0L, HostPort.of("10.0.0.1", 40_000)).direction()).isEqualTo("a");
        assertThat(run.unassociated).isEmpty();
    }

    @Test
    void sdpAsTheSecondPartOfAMultipartBody() {
        // RFC 3204 SIP-I: ISUP beside SDP in multipart/mixed (RFC 2046 §5.1.1 boundaries).
        String body = "--unique-boundary-1\r\n"
                + "Content-Type: application/ISUP;version=itu-t92+\r\n"
                + "\r\n"
                + "\u0001\u0002\u0003 isup bytes\r\n"
                + "--unique-boundary-1\r\n"
                + "Content-Type: application/sdp\r\n"
                + "\r\n"
                + Sdp.audio(HostPort.of("10.0.0.1", 40_000)).rtpmap(8, "PCMA/8000")
                + "--unique-boundary-1--\r\n";
        SipScenario s = SipScenario.call("mp-1@10.0.0.1")
                .invite("multipart/mixed;boundary=unique-boundary-1", body).respond(100)
                .respond(200, Sdp.audio(HostPort.of("10.0.0.2", 50_000)).rtpmap(8, "PCMA/8000")).ack();
        // Only the callee talks, from a port it never announced: only the caller's endpoint from
        // the multipart SDP can tie the stream to the call.
        s.rtp(HostPort.of("10.0.0.2", 50_100), HostPort.of("10.0.0.1", 40_000),
                RtpTrain.of(0xb0L, 8).start(T0 + 100 * MS).count(30));
        s.at(T0 + 1_000 * MS).bye(true).respond(200);

        Cdr cdr = ScenarioRun.of(s.packets()).onlyCall();

        assertThat(cdr.rtp()).singleElement().satisfies(r -> {
            assertThat(r.direction()).isEqualTo("b");
            assertThat(r.codec()).isEqualTo("PCMA");
            assertThat(r.packets()).isEqualTo(30);
        });
    }
}
