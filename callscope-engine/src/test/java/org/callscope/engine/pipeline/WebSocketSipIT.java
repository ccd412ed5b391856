package org.callscope.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.callscope.engine.call.SipEvent;
import org.callscope.engine.cdr.Cdr;
import org.callscope.engine.config.AnalyzerSettings;
import org.callscope.engine.testsupport.SharedTestData;
import org.junit.jupiter.api.Test;

/** SIP over plain WebSocket (RFC 7118) on port 10080, found by its HTTP upgrade, not by port. */
class WebSocketSipIT {

    @Test
    void recoversTheElevenSipMessagesAndTheCall() throws Exception {
        AnalyzerRun run = AnalyzerRun.of(new AnalyzerSettings(),
                SharedTestData.file("lekensteyn-wireshark-notes/websocket-sip.pcapng"));
        List<String> firstLines = run.sip.stream().map(WebSocketSipIT::firstLine).toList();
        assertThat(firstLines).containsExactly(
                "REGISTER sip:tryit.jssip.net SIP/2.0",
                "SIP/2.0 200 OK",
                "MESSAGE sip:9f86ae43@tryit.jssip.net SIP/2.0",
                "SIP/2.0 200 OK",
                "INVITE sip:9f86ae43@tryit.jssip.net SIP/2.0",
                "SIP/2.0 100 Trying",
                "SIP/2.0 180 Ringing",
                "SIP/2.0 200 OK",
                "ACK sip:9f86ae43@tryit.jssip.net;gr=urn:uuid:40facdfe-5fbc-43db-a7ff-6749bbefecf8 SIP/2.0",
                "BYE sip:o73pngp9@il96p275flie.invalid;transport=ws;ov-ob=a16ae5b631 SIP/2.0",
                "SIP/2.0 200 OK");
        assertThat(run.sip).allSatisfy(e -> assertThat(e.transport()).isEqualTo("ws"));
        Cdr call = run.calls.stream().filter(c -> c.callId().equals("gp0t3doop8tud9c8lr4j")).findFirst().orElseThrow();
        assertThat(call.transport()).isEqualTo("ws");
        assertThat(call.answered()).isTrue();
        assertThat(call.whohanged()).isEqualTo("callee");
        assertThat(call.sipMessages()).isEqualTo(7);
        assertThat(run.registrations).singleElement().satisfies(r -> assertThat(r.state()).isEqualTo("ok"));
        assertThat(run.otherMethods).containsEntry("MESSAGE", 1L);
    }

    private static String firstLine(SipEvent e) {
        var m = e.message();
        return m.isRequest() ? m.method() + " " + m.requestUri() + " " + m.sipVersion()
                : m.sipVersion() + " " + m.statusCode() + " " + m.reasonPhrase();
    }
}
