package org.callscope.engine.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.sdp.SdpParser;
import org.callscope.engine.testsupport.SharedTestData;
import org.junit.jupiter.api.Test;

/** Random and mutated input into the parser and framer: no exception, bounded memory. */
class SipFuzzTest {
    private static final long SEED = 0x5151_2026L;
    private static final int ROUNDS_PER_SEED = 300;
    private static final String SPECIALS = ":;,<>\"\\ \t\r\n@[]?=/%0";

    private static final String BUILT_IN = "INVITE sip:bob@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\nTo: \"B\" <sip:bob@example.com>\r\n"
            + "From: <sip:alice@[2001:db8::1]:5060>;tag=1\r\nCall-ID: f@x\r\nCSeq: 1 INVITE\r\n"
            + "Contact: <sip:a@b>, \"x\" <sip:c@d>;q=0.5\r\nContent-Length: 24\r\n\r\n"
            + "v=0\r\nm=audio 1 RTP/AVP 0\r\n";

    private static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(BUILT_IN.getBytes(StandardCharsets.ISO_8859_1));
        try {
            for (String f : SipTortureTest.tortureFiles()) {
                seeds.add(SipTortureTest.read(f));
            }
        } catch (Exception e) {
            // third-party corpus absent: fuzz from the built-in message only
        }
        return seeds;
    }

    private static byte[] mutate(byte[] in, Random r) {
        byte[] b = in.clone();
        int edits = 1 + r.nextInt(8);
        for (int i = 0; i < edits && b.length > 0; i++) {
            int pos = r.nextInt(b.length);
            switch (r.nextInt(6)) {
                case 0 -> b[pos] = (byte) r.nextInt(256);
                case 1 -> b[pos] = (byte) SPECIALS.charAt(r.nextInt(SPECIALS.length()));
                case 2 -> b = java.util.Arrays.copyOf(b, pos);
                case 3 -> {
                    int len = Math.min(b.length - pos, 1 + r.nextInt(40));
                    byte[] c = new byte[b.length + len];
                    System.arraycopy(b, 0, c, 0, pos + len);
                    System.arraycopy(b, pos, c, pos + len, b.length - pos);
                    b = c;
                }
                case 4 -> {
                    int len = Math.min(b.length - pos, 1 + r.nextInt(40));
                    byte[] c = new byte[b.length - len];
                    System.arraycopy(b, 0, c, 0, pos);
                    System.arraycopy(b, pos + len, c, pos, b.length - pos - len);
                    b = c;
                }
                default -> b[pos] = (byte) (r.nextBoolean() ? '9' : '-');
            }
        }
        return b;
    }

    private static void exercise(SipMessage m) {
        m.isRequest();
        m.method();
        m.requestUri();
        m.statusCode();
        m.reasonPhrase();
        m.sipVersion();
        m.callId();
        m.cseqNumber();
        m.cseqMethod();
        m.from();
        m.to();
        m.viaBranch();
        m.userAgent();
        m.contentType();
        m.headerNames();
        m.headers("Contact");
        m.body();
        m.problems();
        if (m.requestUri() != null) {
            SipUri.parse(m.requestUri());
        }
        SdpParser.parse(m.raw(), m.bodyOffset(), m.bodyLength());
        assertThat(m.raw().length).isLessThanOrEqualTo(SipParser.MAX_MESSAGE_SIZE);
    }

    @Test
    void mutatedMessagesNeverThrow() {
        Random r = new Random(SEED);
        int parsed = 0;
        for (byte[] seed : seeds()) {
            for (int i = 0; i < ROUNDS_PER_SEED; i++) {
                byte[] b = mutate(seed, r);
                SipHeuristic.looksLikeSip(b, 0, b.length);
                SipMessage m = SipParser.parse(b, 0, b.length);
                if (m != null) {
                    parsed++;
                    exercise(m);
                    assertThat(m.messageLength()).isBetween(1, b.length);
                }
            }
        }
        assertThat(parsed).isPositive();
    }

    @Test
    void randomBytesNeverThrow() {
        Random r = new Random(SEED + 1);
        String alphabet = "INVITE SIP/2.0 sip:@;<>\"\\,:\r\n\t=0123456789";
        for (int i = 0; i < 5000; i++) {
            byte[] b = new byte[r.nextInt(300)];
            boolean text = r.nextBoolean();
            for (int k = 0; k < b.length; k++) {
                b[k] = text ? (byte) alphabet.charAt(r.nextInt(alphabet.length())) : (byte) r.nextInt(256);
            }
            if (r.nextInt(4) == 0 && b.length > 20) {
                System.arraycopy("SIP/2.0 200 OK\r\n".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 16);
            }
            SipHeuristic.looksLikeSip(b, 0, b.length);
            SipMessage m = SipParser.parse(b, 0, b.length);
            if (m != null) {
                exercise(m);
            }
            NameAddr.parse(new String(b, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void framerSurvivesMutatedStreamsWithinItsBound() {
        Random r = new Random(SEED + 2);
        AnomalyCounters anomalies = new AnomalyCounters();
        int[] emitted = {0};
        SipStreamFramer framer = new SipStreamFramer((m, ts) -> {
            emitted[0]++;
            exercise(m);
        }, anomalies);
        List<byte[]> seeds = seeds();
        for (int i = 0; i < 3000; i++) {
            byte[] seed = seeds.get(r.nextInt(seeds.size()));
            byte[] b = r.nextInt(3) == 0 ? seed : mutate(seed, r);
            int p = 0;
            while (p < b.length) {
                int n = Math.min(b.length - p, 1 + r.nextInt(200));
                framer.feed(b, p, n, i);
                p += n;
                assertThat(framer.buffered()).isLessThanOrEqualTo(SipParser.MAX_MESSAGE_SIZE);
            }
            if (r.nextInt(50) == 0) {
                framer.onGap(r.nextInt(1000));
            }
        }
        assertThat(emitted[0]).isPositive();
    }
}
