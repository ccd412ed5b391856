package org.callscope.engine.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random and mutated SDP: never throws, every accessor answers. */
class SdpFuzzTest {
    private static final String SEED_SDP = "v=0\r\no=- 1 2 IN IP6 2001:db8::1\r\ns=-\r\nc=IN IP4 224.2.1.1/127/3\r\n"
            + "t=0 0\r\na=recvonly\r\nm=audio 49170/2 RTP/SAVPF 0 96 101\r\nc=IN IP6 ::1\r\n"
            + "a=rtpmap:96 opus/48000/2\r\na=fmtp:101 0-16\r\na=ptime:20.5\r\na=rtcp:49171 IN IP4 192.0.2.1\r\n"
            + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4 KDR=1\r\n"
            + "a=fingerprint:sha-256 AA:BB\r\na=setup:passive\r\na=mid:a\r\na=candidate:1 1 udp 1 192.0.2.1 1 typ host\r\n";

    private static void exercise(SessionDescription sd) {
        sd.origin();
        sd.connection();
        sd.direction();
        sd.problems();
        for (MediaDescription m : sd.media()) {
            for (int pt : m.payloadTypes()) {
                m.encodingName(pt);
                m.clockRate(pt);
                m.fmtp(pt);
            }
            m.encodingName(200);
            m.clockRate(-5);
            m.connectionAddress();
            m.direction();
            m.setup();
            m.fingerprint();
            m.cryptos().forEach(c -> c.firstInlineKey());
            m.rtcp();
        }
    }

    @Test
    void mutatedAndRandomSdpNeverThrows() {
        Random r = new Random(0x5D9_2026L);
        byte[] seed = SEED_SDP.getBytes(StandardCharsets.US_ASCII);
        assertThat(SdpParser.parse(seed, 0, seed.length).problems()).isEmpty();
        String alphabet = "vocmat=:/ IN IP4 6 RTP/AVP 0123456789\r\n;|^";
        for (int i = 0; i < 5000; i++) {
            byte[] b;
            if (i % 2 == 0) {
                b = seed.clone();
                for (int e = 0; e < 1 + r.nextInt(10); e++) {
                    b[r.nextInt(b.length)] = (byte) alphabet.charAt(r.nextInt(alphabet.length()));
                }
                b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1));
            } else {
                b = new byte[r.nextInt(400)];
                r.nextBytes(b);
            }
            exercise(SdpParser.parse(b, 0, b.length));
            exercise(SdpParser.parse(new String(b, StandardCharsets.ISO_8859_1)));
        }
    }
}
