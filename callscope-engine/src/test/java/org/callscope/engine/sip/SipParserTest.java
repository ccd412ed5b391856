package org.callscope.engine.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SipParserTest {
    private static final String SDP = "v=0\r\n"
            + "o=alice 2890844526 2890844526 IN IP4 192.0.2.10\r\n"
            + "s=-\r\n"
            + "c=IN IP4 192.0.2.10\r\n"
            + "t=0 0\r\n"
            + "m=audio 49170 RTP/AVP 0 8 101\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\n";

    private static final String INVITE = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n"
            + "Via: SIP/2.0/UDP proxy.atlanta.example.com;branch=z9hG4bK2d4790.1\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: Bob <sip:bob@biloxi.example.com>\r\n"
            + "From: \"Alice A.\" <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
            + "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
            + "CSeq: 314159 INVITE\r\n"
            + "Contact: <sip:alice@pc33.atlanta.example.com>\r\n"
            + "User-Agent: softphone/1.0\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: " + SDP.length() + "\r\n"
            + "\r\n"
            + SDP;

    static SipMessage parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return SipParser.parse(b, 0, b.length);
    }

    @Test
    void parsesInviteWithSdpBody() {
        SipMessage m = parse(INVITE);
        assertThat(m.problems()).isEmpty();
        assertThat(m.isRequest()).isTrue();
        assertThat(m.method()).isEqualTo("INVITE");
        assertThat(m.sipMethod()).isEqualTo(SipMethod.INVITE);
        assertThat(m.requestUri()).isEqualTo("sip:bob@biloxi.example.com");
        assertThat(m.sipVersion()).isEqualTo("SIP/2.0");
        assertThat(m.statusCode()).isEqualTo(-1);
        assertThat(m.reasonPhrase()).isNull();
        assertThat(m.callId()).isEqualTo("a84b4c76e66710@pc33.atlanta.example.com");
        assertThat(m.cseqNumber()).isEqualTo(314159);
        assertThat(m.from().displayName()).isEqualTo("Alice A.");
        assertThat(m.from().tag()).isEqualTo("1928301774");
        assertThat(m.from().uri().user()).isEqualTo("alice");
        assertThat(m.to().displayName()).isEqualTo("Bob");
        assertThat(m.to().tag()).isNull();
        assertThat(m.viaBranch()).isEqualTo("z9hG4bK776asdhds");
        assertThat(m.headers("via")).hasSize(2);
        assertThat(m.userAgent()).isEqualTo("softphone/1.0");
        assertThat(m.contentType()).isEqualTo("application/sdp");
        assertThat(m.contentLength()).isEqualTo(SDP.length());
        assertThat(new String(m.body(), StandardCharsets.US_ASCII)).isEqualTo(SDP);
        assertThat(new String(m.raw(), m.bodyOffset(), m.bodyLength(), StandardCharsets.US_ASCII)).isEqualTo(SDP);
        assertThat(m.messageLength()).isEqualTo(INVITE.length());
        assertThat(m.headerNames()).startsWith("Via", "Max-Forwards", "To", "From");
    }

    @Test
    void compactHeadersAnswerToBothNames() {
        SipMessage m = parse("BYE sip:bob@192.0.2.4 SIP/2.0\r\n"
                + "v: SIP/2.0/TCP 192.0.2.1;branch=z9hG4bKnashds7\r\n"
                + "f: <sip:alice@atlanta.example.com>;tag=a\r\n"
                + "t: <sip:bob@biloxi.example.com>;tag=b\r\n"
                + "i: compact@192.0.2.1\r\n"
                + "CSeq: 2 BYE\r\n"
                + "m: <sip:alice@192.0.2.1>\r\n"
                + "k: timer\r\n"
                + "x: 1800;refresher=uac\r\n"
                + "l: 0\r\n\r\n");
        assertThat(m.problems()).isEmpty();
        assertThat(m.callId()).isEqualTo("compact@192.0.2.1");
        assertThat(m.header("i")).isEqualTo("compact@192.0.2.1");
        assertThat(m.header("CALL-ID")).isEqualTo("compact@192.0.2.1");
        assertThat(m.header("Contact")).isEqualTo("<sip:alice@192.0.2.1>");
        assertThat(m.header("Supported")).isEqualTo("timer");
        assertThat(m.header("Session-Expires")).isEqualTo("1800;refresher=uac");
        assertThat(m.from().tag()).isEqualTo("a");
        assertThat(m.to().tag()).isEqualTo("b");
        assertThat(m.contentLength()).isZero();
        assertThat(m.viaBranch()).isEqualTo("z9hG4bKnashds7");
    }

    @Test
    void unfoldsContinuationLinesIntoOneSpace() {
        SipMessage m = parse("OPTIONS sip:a@b SIP/2.0\r\n"
                + "Subject: I know you're there,\r\n"
                + "\tpick up the phone\r\n"
                + "   and talk to me!\r\n"
                + "Via  :  SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
                + "To: <sip:a@b>\r\nFrom: <sip:c@d>;tag=1\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
        assertThat(m.header("subject")).isEqualTo("I know you're there, pick up the phone and talk to me!");
        assertThat(m.header("s")).isEqualTo(m.header("Subject"));
        assertThat(m.header("Via")).isEqualTo("SIP/2.0/UDP h;branch=z9hG4bK1");
        assertThat(m.problems()).isEmpty();
    }

    @Test
    void keepsCommaSeparatedValuesAsOneValuePerLine() {
        SipMessage m = parse("SIP/2.0 200 OK\r\n"
                + "Via: SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/UDP b;branch=z9hG4bK2\r\n"
                + "Via: SIP/2.0/UDP c;branch=z9hG4bK3\r\n"
                + "Server: pbx/2.1\r\nUser-Agent: ignored\r\n"
                + "To: <sip:a@b>;tag=9\r\nFrom: <sip:c@d>;tag=1\r\nCall-ID: x\r\nCSeq: 7 REGISTER\r\nContent-Length: 0\r\n\r\n");
        assertThat(m.headers("Via")).containsExactly("SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/UDP b;branch=z9hG4bK2",
                "SIP/2.0/UDP c;branch=z9hG4bK3");
        assertThat(m.viaBranch()).isEqualTo("z9hG4bK1");
        assertThat(m.userAgent()).isEqualTo("pbx/2.1");
        assertThat(m.method()).isEqualTo("REGISTER");
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.reasonPhrase()).isEqualTo("OK");
    }

    @Test
    void responseWithoutReasonPhraseIsFlaggedButParsed() {
        SipMessage m = parse("SIP/2.0 180\r\nCall-ID: x\r\nContent-Length: 0\r\n\r\n");
        assertThat(m.statusCode()).isEqualTo(180);
        assertThat(m.reasonPhrase()).isEmpty();
        assertThat(m.problems()).contains(SipProblem.MALFORMED_START_LINE);
        SipMessage empty = parse("SIP/2.0 180 \r\nVia: SIP/2.0/UDP h\r\nTo: <sip:a@b>\r\nFrom: <sip:a@b>;tag=1\r\n"
                + "Call-ID: x\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
        assertThat(empty.reasonPhrase()).isEmpty();
        assertThat(empty.problems()).isEmpty();
    }

    @Test
    void withoutContentLengthOnUdpTheBodyIsTheRestOfTheDatagram() {
        String msg = "MESSAGE sip:a@b SIP/2.0\nVia: SIP/2.0/UDP h\nTo: <sip:a@b>\nFrom: <sip:c@d>;tag=1\n"
                + "Call-ID: lf\nCSeq: 1 MESSAGE\n\nhello";
        SipMessage m = parse(msg);
        assertThat(m.contentLength()).isEqualTo(-1);
        assertThat(new String(m.body(), StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(m.messageLength()).isEqualTo(msg.length());
        assertThat(m.problems()).isEmpty();
        byte[] b = msg.getBytes(StandardCharsets.US_ASCII);
        assertThat(SipParser.parse(b, 0, b.length, true).problems()).contains(SipProblem.MISSING_CONTENT_LENGTH);
    }

    @Test
    void parsesAtAnOffsetAndSkipsLeadingCrlf() {
        byte[] inner = ("\r\n" + INVITE).getBytes(StandardCharsets.US_ASCII);
        byte[] buf = new byte[inner.length + 20];
        System.arraycopy(inner, 0, buf, 7, inner.length);
        SipMessage m = SipParser.parse(buf, 7, inner.length);
        assertThat(m.method()).isEqualTo("INVITE");
        assertThat(m.messageLength()).isEqualTo(inner.length);
        assertThat(m.raw()).hasSize(INVITE.length());
    }

    @Test
    void rejectsWhatIsNotAStartLine() {
        assertThat(parse("HTTP/1.1 200 OK\r\n\r\n")).isNull();
        assertThat(parse("GET / HTTP/1.1\r\nHost: x\r\n\r\n")).isNull();
        assertThat(parse("INVITE sip:a@b\r\n\r\n")).isNull();
        assertThat(parse("INVITE SIP/2.0\r\n\r\n")).isNull();
        assertThat(parse("SIP/2.0\r\n")).isNull();
        assertThat(parse("SIP/2.0 OK\r\n")).isNull();
        assertThat(parse("\r\n\r\n")).isNull();
        assertThat(parse("\u0000\u0001binary")).isNull();
        assertThat(SipParser.parse(new byte[4], 2, 5)).isNull();
        assertThat(SipParser.parse(null, 0, 1)).isNull();
        assertThat(SipParser.parse(new byte[4], -1, 2)).isNull();
        assertThat(SipParser.parse(new byte[4], 0, 0)).isNull();
    }

    @Test
    void truncatedMessagesStillParseWithWhatIsThere() {
        for (int cut = 1; cut < INVITE.length(); cut++) {
            byte[] b = INVITE.substring(0, cut).getBytes(StandardCharsets.US_ASCII);
            SipMessage m = SipParser.parse(b, 0, b.length);
            if (cut < "INVITE sip:bob@biloxi.example.com SIP/2".length()) {
                assertThat(m).isNull();
            } else {
                assertThat(m).isNotNull();
                assertThat(m.messageLength()).isLessThanOrEqualTo(cut);
                assertThat(m.method()).isEqualTo("INVITE");
                if (cut > INVITE.indexOf("Content-Length")) {
                    // cut inside the Content-Length line or body: the body cannot be all there
                    assertThat(m.problems()).containsAnyOf(SipProblem.CONTENT_LENGTH_EXCEEDS_DATA,
                            SipProblem.BAD_CONTENT_LENGTH, SipProblem.MALFORMED_HEADER);
                }
            }
        }
    }

    @Test
    void boundsLinesHeadersAndSize() {
        String head = "OPTIONS sip:a@b SIP/2.0\r\nCall-ID: big\r\n";
        SipMessage longLine = parse(head + "X-Long: " + "a".repeat(SipParser.MAX_LINE_LENGTH + 10) + "\r\nCSeq: 1 OPTIONS\r\n\r\n");
        assertThat(longLine.problems()).contains(SipProblem.LINE_TOO_LONG);
        assertThat(longLine.header("X-Long")).isNull();
        assertThat(longLine.cseqNumber()).isEqualTo(1);

        StringBuilder many = new StringBuilder(head);
        for (int i = 0; i < SipParser.MAX_HEADERS + 10; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        SipMessage tooMany = parse(many.append("\r\n").toString());
        assertThat(tooMany.problems()).contains(SipProblem.TOO_MANY_HEADERS);
        assertThat(tooMany.headerCount()).isEqualTo(SipParser.MAX_HEADERS);

        String body = "b".repeat(SipParser.MAX_MESSAGE_SIZE);
        SipMessage huge = parse(head + "Content-Length: " + body.length() + "\r\n\r\n" + body);
        assertThat(huge.problems()).contains(SipProblem.MESSAGE_TOO_LARGE);
        assertThat(huge.raw().length).isLessThanOrEqualTo(SipParser.MAX_MESSAGE_SIZE);

        StringBuilder endless = new StringBuilder(head);
        while (endless.length() < SipParser.MAX_MESSAGE_SIZE + 100) {
            endless.append("X-Pad: 0123456789012345678901234567890123456789\r\n");
        }
        SipMessage unterminated = parse(endless.toString());
        assertThat(unterminated.problems()).contains(SipProblem.MESSAGE_TOO_LARGE);
    }

    @Test
    void flagsScalarAndContentLengthFaults() {
        String base = "INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nTo: <sip:a@b>\r\n"
                + "From: <sip:c@d>;tag=1\r\nCall-ID: x\r\n";
        assertThat(parse(base + "CSeq: 2147483648 INVITE\r\nContent-Length: 0\r\n\r\n").problems())
                .containsExactly(SipProblem.SCALAR_OVERFLOW);
        assertThat(parse(base + "CSeq: 2147483647 INVITE\r\nContent-Length: 0\r\n\r\n").cseqNumber())
                .isEqualTo(2147483647L);
        assertThat(parse(base + "CSeq: abc INVITE\r\nContent-Length: 0\r\n\r\n").problems())
                .containsExactly(SipProblem.BAD_CSEQ);
        assertThat(parse(base + "CSeq: 1 INVITE\r\nMax-Forwards: 256\r\nContent-Length: 0\r\n\r\n").problems())
                .containsExactly(SipProblem.SCALAR_OVERFLOW);
        assertThat(parse(base + "CSeq: 1 INVITE\r\nExpires: 4294967296\r\nContent-Length: 0\r\n\r\n").problems())
                .containsExactly(SipProblem.SCALAR_OVERFLOW);
        assertThat(parse(base + "CSeq: 1 INVITE\r\nContent-Length: 99999999999\r\n\r\n").problems())
                .contains(SipProblem.BAD_CONTENT_LENGTH, SipProblem.SCALAR_OVERFLOW);
        assertThat(parse(base + "CSeq: 1 INVITE\r\nContent-Length: 1x\r\n\r\n").problems())
                .containsExactly(SipProblem.BAD_CONTENT_LENGTH);
        assertThat(parse(base + "CSeq: 1 INVITE\r\nContent-Length: 10\r\n\r\nshort").problems())
                .containsExactly(SipProblem.CONTENT_LENGTH_EXCEEDS_DATA);
        assertThat(parse(base + "CSeq: 1 INVITE\r\nNo colon here\r\nContent-Length: 0\r\n\r\n").problems())
                .containsExactly(SipProblem.MALFORMED_HEADER);
        assertThat(parse(base + "CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n").isValid()).isTrue();
    }

    @Test
    void problemsMapToAnomalies() {
        assertThat(SipProblem.MESSAGE_TOO_LARGE.anomaly()).isEqualTo(org.callscope.engine.anomaly.Anomaly.SIP_MESSAGE_TOO_LARGE);
        assertThat(SipProblem.BAD_CONTENT_LENGTH.anomaly()).isEqualTo(org.callscope.engine.anomaly.Anomaly.SIP_BAD_CONTENT_LENGTH);
        assertThat(SipProblem.UNTERMINATED_QUOTE.anomaly()).isEqualTo(org.callscope.engine.anomaly.Anomaly.SIP_MALFORMED);
    }
}
