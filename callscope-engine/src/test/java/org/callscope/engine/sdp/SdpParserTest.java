package org.callscope.engine.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.callscope.engine.sip.SipMessage;
import org.callscope.engine.sip.SipParser;
import org.callscope.engine.testsupport.SharedTestData;
import org.junit.jupiter.api.Test;

class SdpParserTest {
    /** RFC 8866 §5, the example session description. */
    private static final String RFC8866_EXAMPLE = """
            v=0\r
            o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1\r
            s=Call to John Smith\r
            i=SDP Offer #1\r
            u=http://www.jdoe.example.com/home.html\r
            e=Jane Doe <jane@jdoe.example.com>\r
            p=+1 617 555-6011\r
            c=IN IP4 198.51.100.1\r
            t=0 0\r
            m=audio 49170 RTP/AVP 0\r
            m=audio 49180 RTP/AVP 0\r
            m=video 51372 RTP/AVP 99\r
            c=IN IP6 2001:db8::2\r
            a=rtpmap:99 h263-1998/90000\r
            """;

    /** RFC 4568 §9.1 example (the RFC folds the crypto lines for display only), plus rtcp-mux. */
    private static final String RFC4568_OFFER = """
            v=0
            o=sam 2890844526 2890842807 IN IP4 10.47.16.5
            s=SRTP Discussion
            i=A discussion of Secure RTP
            u=http://www.example.com/seminars/srtp.pdf
            e=marge@example.com (Marge Simpson)
            c=IN IP4 168.2.17.12
            t=2873397496 2873404696
            m=audio 49170 RTP/SAVP 0
            a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4 FEC_ORDER=FEC_SRTP
            a=crypto:2 F8_128_HMAC_SHA1_80 inline:MTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5QUJjZGVm|2^20|1:4;inline:QUJjZGVmMTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5|2^20|2:4 FEC_ORDER=FEC_SRTP
            a=rtcp-mux
            a=ptime:20
            """;

    private static final String WEBRTC = """
            v=0\r
            o=- 4611731400430051336 2 IN IP4 127.0.0.1\r
            s=-\r
            t=0 0\r
            a=group:BUNDLE 0 1\r
            a=fingerprint:sha-256 19:E2:1C:3B:4B:9F:81:E6:B8:5C:F4:A5:A8:D8:73:04:BB:05:2F:70:9F:04:A9:0E:05:E9:26:33:E8:70:88:A2\r
            a=msid-semantic: WMS\r
            m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126\r
            c=IN IP4 0.0.0.0\r
            a=rtcp:9 IN IP4 0.0.0.0\r
            a=candidate:1467250027 1 udp 2122260223 192.168.0.196 46243 typ host generation 0\r
            a=candidate:1853887674 1 udp 1518280447 47.61.61.61 36768 typ srflx raddr 192.168.0.196 rport 36768 generation 0\r
            a=ice-ufrag:HB9m\r
            a=ice-pwd:2cq6kTFyyWgoYkUWeMJxNk4X\r
            a=setup:actpass\r
            a=mid:0\r
            a=sendrecv\r
            a=rtcp-mux\r
            a=rtpmap:111 opus/48000/2\r
            a=fmtp:111 minptime=10;useinbandfec=1\r
            a=rtpmap:63 red/48000/2\r
            a=rtpmap:126 telephone-event/8000\r
            a=maxptime:120\r
            m=video 9 UDP/TLS/RTP/SAVPF 96 97\r
            c=IN IP4 0.0.0.0\r
            a=setup:active\r
            a=fingerprint:SHA-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB\r
            a=mid:1\r
            a=recvonly\r
            a=rtcp-mux\r
            a=rtpmap:96 VP8/90000\r
            a=rtpmap:97 rtx/90000\r
            a=fmtp:97 apt=96\r
            """;

    @Test
    void parsesTheRfc8866Example() {
        SessionDescription sd = SdpParser.parse(RFC8866_EXAMPLE);
        assertThat(sd.problems()).isEmpty();
        assertThat(sd.version()).isZero();
        assertThat(sd.origin()).isEqualTo(new SdpOrigin("jdoe", "3724394400", "3724394405", "IN", "IP4", "198.51.100.1"));
        assertThat(sd.sessionName()).isEqualTo("Call to John Smith");
        assertThat(sd.connection()).isEqualTo(new SdpConnection("IN", "IP4", "198.51.100.1"));
        assertThat(sd.media()).hasSize(3);
        MediaDescription a1 = sd.media().get(0);
        assertThat(a1.mediaType()).isEqualTo("audio");
        assertThat(a1.port()).isEqualTo(49170);
        assertThat(a1.proto()).isEqualTo("RTP/AVP");
        assertThat(a1.payloadTypes()).containsExactly(0);
        assertThat(a1.connectionAddress()).isEqualTo("198.51.100.1");
        assertThat(a1.encodingName(0)).isEqualTo("PCMU");
        assertThat(a1.clockRate(0)).isEqualTo(8000);
        assertThat(a1.direction()).isEqualTo(MediaDirection.SENDRECV);
        MediaDescription video = sd.media().get(2);
        assertThat(video.connection().isIpv6()).isTrue();
        assertThat(video.connectionAddress()).isEqualTo("2001:db8::2");
        assertThat(video.encodingName(99)).isEqualTo("h263-1998");
        assertThat(video.clockRate(99)).isEqualTo(90000);
        assertThat(video.rtpmap(99).channels()).isEqualTo(1);
    }

    @Test
    void parsesCryptoOfferWithRtcpMux() {
        SessionDescription sd = SdpParser.parse(RFC4568_OFFER);
        assertThat(sd.problems()).isEmpty();
        MediaDescription m = sd.media().get(0);
        assertThat(m.proto()).isEqualTo("RTP/SAVP");
        assertThat(m.rtcpMux()).isTrue();
        assertThat(m.ptime()).isEqualTo(20);
        assertThat(m.connectionAddress()).isEqualTo("168.2.17.12");
        assertThat(m.cryptos()).hasSize(2);
        SdpCrypto c1 = m.cryptos().get(0);
        assertThat(c1.tag()).isEqualTo(1);
        assertThat(c1.suite()).isEqualTo("AES_CM_128_HMAC_SHA1_80");
        assertThat(c1.keyParams()).containsExactly("inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4");
        assertThat(c1.firstInlineKey()).isEqualTo("WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4");
        assertThat(c1.sessionParams()).containsExactly("FEC_ORDER=FEC_SRTP");
        assertThat(c1.toString()).doesNotContain("WVNf");
        SdpCrypto c2 = m.cryptos().get(1);
        assertThat(c2.tag()).isEqualTo(2);
        assertThat(c2.suite()).isEqualTo("F8_128_HMAC_SHA1_80");
        assertThat(c2.keyParams()).containsExactly("inline:MTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5QUJjZGVm|2^20|1:4",
                "inline:QUJjZGVmMTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5|2^20|2:4");
    }

    @Test
    void parsesWebRtcOffer() {
        SessionDescription sd = SdpParser.parse(WEBRTC);
        assertThat(sd.problems()).isEmpty();
        assertThat(sd.fingerprint().hashFunction()).isEqualTo("sha-256");
        assertThat(sd.fingerprint().value()).startsWith("19:E2:1C").endsWith("88:A2");
        MediaDescription audio = sd.media().get(0);
        assertThat(audio.proto()).isEqualTo("UDP/TLS/RTP/SAVPF");
        assertThat(audio.payloadTypes()).containsExactly(111, 63, 9, 0, 8, 13, 110, 126);
        assertThat(audio.rtcp().port()).isEqualTo(9);
        assertThat(audio.rtcp().connection().address()).isEqualTo("0.0.0.0");
        assertThat(audio.candidates()).hasSize(2).first().asString()
                .isEqualTo("candidate:1467250027 1 udp 2122260223 192.168.0.196 46243 typ host generation 0");
        assertThat(audio.setup()).isEqualTo(SetupRole.ACTPASS);
        assertThat(audio.mid()).isEqualTo("0");
        assertThat(audio.rtcpMux()).isTrue();
        assertThat(audio.fingerprint()).isSameAs(sd.fingerprint());
        assertThat(audio.rtpmap(111)).isEqualTo(new Rtpmap(111, "opus", 48000, 2));
        assertThat(audio.fmtp(111)).isEqualTo("minptime=10;useinbandfec=1");
        assertThat(audio.encodingName(9)).isEqualTo("G722");
        assertThat(audio.encodingName(110)).isNull();
        assertThat(audio.clockRate(110)).isEqualTo(-1);
        assertThat(audio.maxptime()).isEqualTo(120);
        assertThat(audio.ptime()).isEqualTo(-1);
        MediaDescription video = sd.media().get(1);
        assertThat(video.setup()).isEqualTo(SetupRole.ACTIVE);
        assertThat(video.fingerprint().hashFunction()).isEqualTo("sha-1");
        assertThat(video.direction()).isEqualTo(MediaDirection.RECVONLY);
        assertThat(video.fmtp(97)).isEqualTo("apt=96");
    }

    @Test
    void mediaDirectionOverridesSessionDirection() {
        SessionDescription sd = SdpParser.parse("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\n"
                + "a=sendonly\nm=audio 4000 RTP/AVP 0\nm=audio 4002 RTP/AVP 8\na=inactive\n");
        assertThat(sd.direction()).isEqualTo(MediaDirection.SENDONLY);
        assertThat(sd.media().get(0).direction()).isEqualTo(MediaDirection.SENDONLY);
        assertThat(sd.media().get(1).direction()).isEqualTo(MediaDirection.INACTIVE);
        assertThat(sd.media().get(1).encodingName(8)).isEqualTo("PCMA");
    }

    @Test
    void mediaWithoutConnectionFallsBackOrHasNone() {
        SessionDescription withSession = SdpParser.parse("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\n"
                + "c=IN IP4 224.2.1.1/127/3\nt=0 0\nm=audio 4000/2 RTP/AVP 0\n");
        MediaDescription m = withSession.media().get(0);
        assertThat(m.connection()).isNull();
        assertThat(m.connectionAddress()).isEqualTo("224.2.1.1");
        assertThat(m.numberOfPorts()).isEqualTo(2);
        SessionDescription none = SdpParser.parse("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nt=0 0\nm=audio 4000 RTP/AVP 0\n");
        assertThat(none.media().get(0).connectionAddress()).isNull();
        assertThat(none.problems()).isEmpty();
    }

    @Test
    void readsIpv6MediaFromTheRfc5118Message() throws IOException {
        byte[] bytes = Files.readAllBytes(SharedTestData.file("rfc5118-sip-ipv6-torture/ipv6-in-sdp.sip"));
        SipMessage msg = SipParser.parse(bytes, 0, bytes.length);
        SessionDescription sd = SdpParser.parse(msg.raw(), msg.bodyOffset(), msg.bodyLength());
        assertThat(sd.problems()).isEmpty();
        assertThat(sd.origin().addrType()).isEqualTo("IP6");
        assertThat(sd.connection()).isEqualTo(new SdpConnection("IN", "IP6", "2001:db8::20"));
        assertThat(sd.media()).extracting(MediaDescription::port).containsExactly(6000, 6024);
        assertThat(sd.media().get(0).encodingName(2)).isEqualTo("G726-32");
        assertThat(sd.media().get(1).rtpmap(107).clockRate()).isEqualTo(90000);
        assertThat(sd.media().get(1).connectionAddress()).isEqualTo("2001:db8::20");

        byte[] mult = Files.readAllBytes(SharedTestData.file("rfc5118-sip-ipv6-torture/mult-ip-in-sdp.sip"));
        SipMessage m2 = SipParser.parse(mult, 0, mult.length);
        SessionDescription sd2 = SdpParser.parse(m2.raw(), m2.bodyOffset(), m2.bodyLength());
        assertThat(sd2.media().get(0).connectionAddress()).isEqualTo("192.0.2.1");
        assertThat(sd2.media().get(1).connectionAddress()).isEqualTo("2001:db8::1");
    }

    @Test
    void flagsTheMalformedMediaLineOfDblreq() throws IOException {
        byte[] bytes = Files.readAllBytes(SharedTestData.file("rfc4475-sip-torture/dblreq.dat"));
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        String sdp = text.substring(text.indexOf("v=0"));
        SessionDescription sd = SdpParser.parse(sdp);
        // "m =video" is not a line; "a=rtpmap:31 LPC" lacks the clock rate RFC 8866 §6.6 requires.
        assertThat(sd.problems()).containsExactly(SdpProblem.MALFORMED_LINE, SdpProblem.BAD_ATTRIBUTE);
        assertThat(sd.media()).hasSize(1);
        assertThat(sd.media().get(0).payloadTypes()).containsExactly(0, 12);
        assertThat(sd.media().get(0).encodingName(31)).isEqualTo("LPC");
        // no clock rate in the rtpmap: the RFC 3551 static rate of PT 31 applies
        assertThat(sd.media().get(0).clockRate(31)).isEqualTo(90000);
        assertThat(sd.media().get(0).clockRate(12)).isEqualTo(8000);
    }

    @Test
    void garbageGivesProblemsNotExceptions() {
        assertThat(SdpParser.parse("hello world").problems()).contains(SdpProblem.BAD_VERSION, SdpProblem.MALFORMED_LINE);
        assertThat(SdpParser.parse("").problems()).containsExactly(SdpProblem.BAD_VERSION);
        assertThat(SdpParser.parse((String) null).problems()).containsExactly(SdpProblem.BAD_VERSION);
        assertThat(SdpParser.parse(new byte[3], 2, 5).problems()).containsExactly(SdpProblem.BAD_VERSION);
        SessionDescription bad = SdpParser.parse("v=0\no=short\nc=IN\nm=audio x\na=rtpmap:abc\na=crypto:1\n"
                + "a=rtcp:99999\na=setup:sideways\na=fmtp:\na=ptime:fast\n");
        assertThat(bad.problems()).containsExactly(SdpProblem.BAD_ORIGIN, SdpProblem.BAD_CONNECTION,
                SdpProblem.BAD_MEDIA, SdpProblem.BAD_ATTRIBUTE);
        assertThat(bad.media().get(0).port()).isEqualTo(-1);
        assertThat(bad.media().get(0).setup()).isNull();
    }

    @Test
    void boundsLinesMediaAndAttributes() {
        StringBuilder sb = new StringBuilder("v=0\ns=-\na=x:" + "y".repeat(SdpParser.MAX_LINE_LENGTH) + "\n");
        for (int i = 0; i < SdpParser.MAX_MEDIA + 5; i++) {
            sb.append("m=audio ").append(1000 + i).append(" RTP/AVP 0\n");
        }
        for (int i = 0; i < SdpParser.MAX_ATTRIBUTES + 5; i++) {
            sb.append("a=x").append(i).append('\n');
        }
        SessionDescription sd = SdpParser.parse(sb.toString());
        assertThat(sd.media()).hasSize(SdpParser.MAX_MEDIA);
        assertThat(sd.problems()).contains(SdpProblem.LINE_TOO_LONG, SdpProblem.TOO_MANY_MEDIA);
        StringBuilder attrs = new StringBuilder("v=0\nm=audio 1 RTP/AVP 0\n");
        for (int i = 0; i < SdpParser.MAX_ATTRIBUTES + 5; i++) {
            attrs.append("a=x").append(i).append('\n');
        }
        SessionDescription many = SdpParser.parse(attrs.toString());
        assertThat(many.media().get(0).attributes()).hasSize(SdpParser.MAX_ATTRIBUTES);
        assertThat(many.problems()).contains(SdpProblem.TOO_MANY_ATTRIBUTES);
        byte[] huge = new byte[SdpParser.MAX_SIZE + 10];
        assertThat(SdpParser.parse(huge, 0, huge.length).problems()).contains(SdpProblem.TOO_LARGE);
    }
}
