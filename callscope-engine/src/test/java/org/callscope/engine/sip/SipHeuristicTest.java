package org.callscope.engine.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SipHeuristicTest {
    private static boolean sniff(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return SipHeuristic.looksLikeSip(b, 0, b.length);
    }

    @Test
    void recognisesRequestsAndResponses() {
        assertThat(sniff("INVITE sip:bob@example.com SIP/2.0\r\nVia: x\r\n")).isTrue();
        assertThat(sniff("OPTIONS sip:x SIP/2.0\n")).isTrue();
        assertThat(sniff("SIP/2.0 200 OK\r\n")).isTrue();
        assertThat(sniff("SIP/2.0 100 \r\n")).isTrue();
    }

    @Test
    void rejectsLookalikes() {
        assertThat(sniff("FOO sip:x SIP/2.0\r\n")).isFalse();
        assertThat(sniff("invite sip:x SIP/2.0\r\n")).isFalse();
        assertThat(sniff("INVITE sip:x SIP/2.0")).isFalse();
        assertThat(sniff("INVITE sip:x HTTP/1.1\r\n")).isFalse();
        assertThat(sniff("GET / HTTP/1.1\r\n")).isFalse();
        assertThat(sniff("SIP/2.0 2x0 OK")).isFalse();
        assertThat(sniff("SIP/2.0 ")).isFalse();
        assertThat(sniff("\u0080\u0001\u0002")).isFalse();
        assertThat(sniff("INVITE SIP/2.0\r\n")).isFalse();
        assertThat(SipHeuristic.looksLikeSip(null, 0, 0)).isFalse();
        assertThat(SipHeuristic.looksLikeSip(new byte[3], 2, 5)).isFalse();
    }

    @Test
    void methodsAreExactCase() {
        assertThat(SipMethod.of("INVITE")).isEqualTo(SipMethod.INVITE);
        assertThat(SipMethod.of("REFER")).isEqualTo(SipMethod.REFER);
        assertThat(SipMethod.of("invite")).isEqualTo(SipMethod.OTHER);
        assertThat(SipMethod.of("NEWMETHOD")).isEqualTo(SipMethod.OTHER);
        assertThat(SipMethod.of(null)).isNull();
    }
}
