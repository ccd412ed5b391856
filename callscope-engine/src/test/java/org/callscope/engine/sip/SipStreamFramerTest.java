package org.callscope.engine.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.junit.jupiter.api.Test;

class SipStreamFramerTest {
    private static final String BODY = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n";
    private static final String INVITE = "INVITE sip:bob@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/TCP 192.0.2.1;branch=z9hG4bK1\r\n"
            + "To: <sip:bob@example.com>\r\n"
            + "From: <sip:alice@example.com>;tag=1\r\n"
            + "Call-ID: first@192.0.2.1\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: " + BODY.length() + "\r\n"
            + "\r\n" + BODY;
    private static final String OK = "SIP/2.0 200 OK\r\n"
            + "Via: SIP/2.0/TCP 192.0.2.1;branch=z9hG4bK1\r\n"
            + "To: <sip:bob@example.com>;tag=2\r\n"
            + "From: <sip:alice@example.com>;tag=1\r\n"
            + "Call-ID: second@192.0.2.1\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "l: 0\r\n"
            + "\r\n";

    private final List<SipMessage> got = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();
    private final AnomalyCounters anomalies = new AnomalyCounters();
    private final SipStreamFramer framer = new SipStreamFramer((m, ts) -> {
        got.add(m);
        times.add(ts);
    }, anomalies);

    private void feed(String s, long ts) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        framer.feed(b, 0, b.length, ts);
    }

    private List<String> callIds() {
        return got.stream().map(SipMessage::callId).toList();
    }

    @Test
    void cutsTwoMessagesFromOneFeed() {
        feed(INVITE + OK, 42);
        assertThat(callIds()).containsExactly("first@192.0.2.1", "second@192.0.2.1");
        assertThat(got.get(0).body()).asString(StandardCharsets.US_ASCII).isEqualTo(BODY);
        assertThat(got.get(0).problems()).isEmpty();
        assertThat(got.get(1).statusCode()).isEqualTo(200);
        assertThat(times).containsExactly(42L, 42L);
        assertThat(framer.buffered()).isZero();
        assertThat(anomalies.nonZero()).isEmpty();
    }

    @Test
    void reassemblesAMessageSplitAtEveryPosition() {
        byte[] all = (INVITE + OK).getBytes(StandardCharsets.ISO_8859_1);
        for (int cut = 1; cut < all.length; cut++) {
            got.clear();
            SipStreamFramer f = new SipStreamFramer((m, ts) -> got.add(m), anomalies);
            f.feed(all, 0, cut, 1);
            f.feed(all, cut, all.length - cut, 2);
            assertThat(callIds()).as("cut %d", cut).containsExactly("first@192.0.2.1", "second@192.0.2.1");
            assertThat(got.get(0).bodyLength()).isEqualTo(BODY.length());
        }
        got.clear();
        SipStreamFramer bytewise = new SipStreamFramer((m, ts) -> got.add(m), anomalies);
        for (int i = 0; i < all.length; i++) {
            bytewise.feed(all, i, 1, i);
        }
        assertThat(callIds()).containsExactly("first@192.0.2.1", "second@192.0.2.1");
        assertThat(anomalies.nonZero()).isEmpty();
    }

    @Test
    void timestampIsThatOfTheBytesCompletingTheMessage() {
        feed(INVITE.substring(0, 50), 1);
        feed(INVITE.substring(50), 2);
        assertThat(times).containsExactly(2L);
    }

    @Test
    void skipsCrlfKeepAlives() {
        // RFC 5626 §3.5.1: CRLFCRLF ping from the client, CRLF pong from the server.
        feed("\r\n\r\n", 1);
        feed("\r\n", 2);
        feed(INVITE, 3);
        feed("\r\n\r\n", 4);
        feed(OK, 5);
        assertThat(callIds()).containsExactly("first@192.0.2.1", "second@192.0.2.1");
        assertThat(anomalies.nonZero()).isEmpty();
        assertThat(framer.buffered()).isZero();
    }

    @Test
    void resynchronisesAfterGarbage() {
        feed("\u0016\u0003\u0001garbage that is not SIP\r\nmore junk\r\n" + INVITE, 1);
        assertThat(callIds()).containsExactly("first@192.0.2.1");
        assertThat(anomalies.get(Anomaly.SIP_STREAM_RESYNC)).isEqualTo(1);
        feed("junk without newline", 2);
        feed("\r\n" + OK, 3);
        assertThat(callIds()).containsExactly("first@192.0.2.1", "second@192.0.2.1");
        assertThat(anomalies.get(Anomaly.SIP_STREAM_RESYNC)).isEqualTo(2);
    }

    @Test
    void dropsThePartialMessageOnAGap() {
        feed(INVITE.substring(0, 80), 1);
        framer.onGap(500);
        assertThat(framer.buffered()).isZero();
        // The stream resumes mid-message, then a whole message follows.
        feed(INVITE.substring(120) + OK, 2);
        assertThat(callIds()).containsExactly("second@192.0.2.1");
        assertThat(anomalies.get(Anomaly.SIP_STREAM_RESYNC)).isEqualTo(1);
    }

    @Test
    void resumesAtOnceWhenTheGapEndsOnAMessageBoundary() {
        feed(INVITE.substring(0, 80), 1);
        framer.onGap(100);
        feed(OK, 2);
        assertThat(callIds()).containsExactly("second@192.0.2.1");
    }

    @Test
    void skipsAnOversizeMessageByItsContentLength() {
        int size = SipParser.MAX_MESSAGE_SIZE + 1000;
        String head = "MESSAGE sip:a@b SIP/2.0\r\nCall-ID: huge\r\nContent-Length: " + size + "\r\n\r\n";
        feed(head, 1);
        byte[] chunk = new byte[4096];
        java.util.Arrays.fill(chunk, (byte) 'x');
        for (int sent = 0; sent < size; sent += chunk.length) {
            framer.feed(chunk, 0, Math.min(chunk.length, size - sent), 2);
            assertThat(framer.buffered()).isLessThanOrEqualTo(SipParser.MAX_MESSAGE_SIZE);
        }
        feed(OK, 3);
        assertThat(callIds()).containsExactly("second@192.0.2.1");
        assertThat(anomalies.get(Anomaly.SIP_MESSAGE_TOO_LARGE)).isEqualTo(1);
    }

    @Test
    void boundsHeadersThatNeverEnd() {
        feed("OPTIONS sip:a@b SIP/2.0\r\n", 1);
        for (int i = 0; i < 3000; i++) {
            feed("X-Pad: 0123456789012345678901234567890123456789\r\n", 2);
            assertThat(framer.buffered()).isLessThanOrEqualTo(SipParser.MAX_MESSAGE_SIZE);
        }
        assertThat(anomalies.get(Anomaly.SIP_MESSAGE_TOO_LARGE)).isEqualTo(1);
        feed("\r\n" + OK, 3);
        assertThat(callIds()).containsExactly("second@192.0.2.1");
    }

    @Test
    void boundsAnEndlessGarbageLine() {
        byte[] junk = new byte[10_000];
        java.util.Arrays.fill(junk, (byte) 'z');
        for (int i = 0; i < 20; i++) {
            framer.feed(junk, 0, junk.length, i);
            assertThat(framer.buffered()).isLessThanOrEqualTo(SipParser.MAX_MESSAGE_SIZE);
        }
        feed("\r\n" + OK, 30);
        assertThat(callIds()).containsExactly("second@192.0.2.1");
    }

    @Test
    void cutsAtTheBlankLineWhenContentLengthIsMissingOrBad() {
        feed(OK.replace("l: 0\r\n", "") + OK.replace("l: 0", "l: -5"), 1);
        assertThat(got).hasSize(2);
        assertThat(got.get(0).problems()).containsExactly(SipProblem.MISSING_CONTENT_LENGTH);
        assertThat(got.get(1).problems()).contains(SipProblem.BAD_CONTENT_LENGTH);
    }

    @Test
    void readsAFoldedContentLength() {
        feed(INVITE.replace("Content-Length: ", "Content-Length:\r\n  ") + OK, 1);
        assertThat(callIds()).containsExactly("first@192.0.2.1", "second@192.0.2.1");
        assertThat(got.get(0).bodyLength()).isEqualTo(BODY.length());
        assertThat(got.get(0).problems()).isEmpty();
    }

    @Test
    void ignoresBadArguments() {
        framer.feed(null, 0, 5, 1);
        framer.feed(new byte[3], 2, 5, 1);
        framer.feed(new byte[3], -1, 1, 1);
        assertThat(framer.buffered()).isZero();
        assertThat(got).isEmpty();
    }
}
