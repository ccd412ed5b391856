package org.callscope.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.scenario.SipScenario.MS;
import static org.callscope.engine.scenario.SipScenario.T0;

import java.util.Base64;
import java.util.List;
import org.callscope.engine.call.CallRecorder;
import org.callscope.engine.cdr.Cdr;
import org.callscope.engine.cdr.RtpStreamReport;
import org.callscope.engine.config.AnalyzerSettings;
import org.callscope.engine.config.ConfigFileReader;
import org.callscope.engine.srtp.SdesKeys;
import org.callscope.engine.srtp.SrtpPolicy;
import org.callscope.engine.srtp.SrtpProtector;
import org.junit.jupiter.api.Test;

/**
 * SDES-SRTP calls (RFC 4568) through the whole analyzer: each side's stream decrypts with the key
 * that side announced, the offer's line the answer accepted, a re-INVITE's new key; a suite we do
 * not support and a key that does not match are reported, with loss and jitter still counted.
 * The packets are sealed by the test's own SRTP sender, not by the engine.
 */
class SrtpScenarioTest {
    static final HostPort CALLER_MEDIA = HostPort.of("10.0.0.1", 40_000);
    static final HostPort CALLEE_MEDIA = HostPort.of("10.0.0.2", 50_000);
    static final String KEY_A1 = inline(1);
    static final String KEY_A2 = inline(2);
    static final String KEY_B = inline(3);
    static final String KEY_A3 = inline(4);

    @Test
    void eachSideDecryptsWithTheLineTheAnswerAccepted() throws Exception {
        SipScenario s = SipScenario.call("srtp-1@10.0.0.1")
                .invite(sdp(CALLER_MEDIA, "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY_A1,
                        "2 AES_CM_128_HMAC_SHA1_32 inline:" + KEY_A2))
                .respond(100).respond(200, sdp(CALLEE_MEDIA, "2 AES_CM_128_HMAC_SHA1_32 inline:" + KEY_B)).ack();
        long media = T0 + 100 * MS;
        s.rtp(CALLER_MEDIA, CALLEE_MEDIA, RtpTrain.of(0xa1L, 0).start(media).count(100).drop(40)
                .event(20, 1, 6, 101).event(60, 9, 6, 101), protect("AES_CM_128_HMAC_SHA1_32", KEY_A2));
        s.rtp(CALLEE_MEDIA, CALLER_MEDIA, RtpTrain.of(0xb1L, 0).start(media + 5 * MS).count(100),
                protect("AES_CM_128_HMAC_SHA1_32", KEY_B));
        s.at(media + 2_100 * MS).bye(true).respond(200);

        Cdr cdr = ScenarioRun.of(s.packets()).onlyCall();

        RtpStreamReport a = ScenarioRun.stream(cdr, 0xa1L, CALLER_MEDIA);
        RtpStreamReport b = ScenarioRun.stream(cdr, 0xb1L, CALLEE_MEDIA);
        for (RtpStreamReport r : List.of(a, b)) {
            assertThat(r.srtp()).isTrue();
            assertThat(r.decrypted()).isTrue();
            assertThat(r.decryptError()).isNull();
            assertThat(r.srtpDetail().suite()).isEqualTo("AES_CM_128_HMAC_SHA1_32");
            assertThat(r.srtpDetail().keySource()).isEqualTo("sdes");
            assertThat(r.srtpDetail().authFailures()).isZero();
        }
        assertThat(a.srtpDetail().decrypted()).isEqualTo(99);
        assertThat(a.lost()).isEqualTo(1);
        assertThat(b.srtpDetail().decrypted()).isEqualTo(100);
        // The events are only readable decrypted.
        assertThat(cdr.dtmf()).isEqualTo("19");
    }

    @Test
    void mediaSentBeforeTheAnswerIsReadOnceTheAnswerBringsItsKey() throws Exception {
        long media = T0 + 100 * MS;
        SipScenario s = SipScenario.call("srtp-6@10.0.0.1")
                .invite(sdp(CALLER_MEDIA, "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY_A1)).respond(100);
        // The callee starts sending (with an event in its third packet) 300 ms before its answer.
        s.rtp(CALLEE_MEDIA, CALLER_MEDIA, RtpTrain.of(0xb6L, 0).start(media).count(60).event(2, 7, 4, 101),
                protect("AES_CM_128_HMAC_SHA1_80", KEY_B));
        s.at(media + 300 * MS).respond(200, sdp(CALLEE_MEDIA, "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY_B)).ack();
        s.at(media + 1_300 * MS).bye(true).respond(200);

        Cdr cdr = ScenarioRun.of(s.packets()).onlyCall();

        RtpStreamReport b = ScenarioRun.stream(cdr, 0xb6L, CALLEE_MEDIA);
        assertThat(b.packets()).isEqualTo(60);
        assertThat(b.srtpDetail().decrypted()).isEqualTo(60);
        assertThat(b.srtpDetail().withoutKey()).isZero();
        assertThat(cdr.dtmf()).isEqualTo("7");
    }

    @Test
    void aSuiteWeDoNotSupportIsNamedAndTheHeadersStillCount() {
        SipScenario s = SipScenario.call("srtp-2@10.0.0.1")
                .invite(sdp(CALLER_MEDIA, "1 F8_128_HMAC_SHA1_80 inline:" + KEY_A1))
                .respond(200, sdp(CALLEE_MEDIA, "1 F8_128_HMAC_SHA1_80 inline:" + KEY_B)).ack();
        long media = T0 + 100 * MS;
        s.rtp(CALLER_MEDIA, CALLEE_MEDIA, RtpTrain.of(0xa2L, 0).start(media).count(50).drop(10)
                .event(20, 1, 6, 101), random());
        s.at(media + 1_100 * MS).bye(true).respond(200);

        Cdr cdr = ScenarioRun.of(s.packets()).onlyCall();

        RtpStreamReport a = ScenarioRun.stream(cdr, 0xa2L, CALLER_MEDIA);
        assertThat(a.srtp()).isTrue();
        assertThat(a.decrypted()).isFalse();
        assertThat(a.decryptError()).contains("F8_128_HMAC_SHA1_80").doesNotContain(KEY_A1);
        assertThat(a.packets()).isEqualTo(49);
        assertThat(a.lost()).isEqualTo(1);
        assertThat(a.srtpDetail().withoutKey()).isEqualTo(49);
        assertThat(cdr.dtmf()).as("encrypted events are not read as digits").isEmpty();
    }

    @Test
    void aKeyThatDoesNotAuthenticateIsCountedAndNothingIsRead() throws Exception {
        SipScenario s = SipScenario.call("srtp-3@10.0.0.1")
                .invite(sdp(CALLER_MEDIA, "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY_A1))
                .respond(200, sdp(CALLEE_MEDIA, "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY_B)).ack();
        long media = T0 + 100 * MS;
        s.rtp(CALLER_MEDIA, CALLEE_MEDIA, RtpTrain.of(0xa3L, 0).start(media).count(60).event(20, 1, 6, 101),
                protect("AES_CM_128_HMAC_SHA1_80", KEY_A3));
        s.at(media + 1_300 * MS).bye(true).respond(200);

        Cdr cdr = ScenarioRun.of(s.packets()).onlyCall();

        RtpStreamReport a = ScenarioRun.stream(cdr, 0xa3L, CALLER_MEDIA);
        assertThat(a.decrypted()).isFalse();
        assertThat(a.decryptError()).isEqualTo("authentication failed");
        assertThat(a.srtpDetail().authFailures()).isEqualTo(60);
        assertThat(a.packets()).isEqualTo(60);
        assertThat(cdr.dtmf()).isEmpty();
    }

    @Test
    void aReInviteWithANewKeyIsFollowedOnTheSameSsrc() throws Exception {
        SipScenario s = SipScenario.call("srtp-4@10.0.0.1")
                .invite(sdp(CALLER_MEDIA, "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY_A1))
                .respond(200, sdp(CALLEE_MEDIA, "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY_B)).ack();
        long media = T0 + 100 * MS;
        s.rtp(CALLER_MEDIA, CALLEE_MEDIA, RtpTrain.of(0xa4L, 0).start(media).count(50),
                protect("AES_CM_128_HMAC_SHA1_80", KEY_A1));
        s.at(media + 1_005 * MS).reInvite(true, sdp(CALLER_MEDIA, "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY_A3))
                .respond(200, sdp(CALLEE_MEDIA, "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY_B)).ack();
        s.rtp(CALLER_MEDIA, CALLEE_MEDIA, RtpTrain.of(0xa4L, 0).firstSeq(50).firstTimestamp(50 * 160)
                .start(media + 1_010 * MS).count(50), protect("AES_CM_128_HMAC_SHA1_80", KEY_A3));
        s.at(media + 2_100 * MS).bye(true).respond(200);

        Cdr cdr = ScenarioRun.of(s.packets()).onlyCall();

        RtpStreamReport a = ScenarioRun.stream(cdr, 0xa4L, CALLER_MEDIA);
        assertThat(a.packets()).isEqualTo(100);
        assertThat(a.srtpDetail().decrypted()).isEqualTo(100);
        assertThat(a.srtpDetail().authFailures()).isZero();
    }

    @Test
    void srtpRtpNoLeavesTheStreamsEncryptedAndSaysSo() throws Exception {
        SipScenario s = SipScenario.call("srtp-5@10.0.0.1")
                .invite(sdp(CALLER_MEDIA, "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY_A1))
                .respond(200, sdp(CALLEE_MEDIA, "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY_B)).ack();
        long media = T0 + 100 * MS;
        s.rtp(CALLER_MEDIA, CALLEE_MEDIA, RtpTrain.of(0xa5L, 0).start(media).count(50).event(20, 1, 6, 101),
                protect("AES_CM_128_HMAC_SHA1_80", KEY_A1));
        s.at(media + 1_100 * MS).bye(true).respond(200);
        AnalyzerSettings settings = new AnalyzerSettings();
        settings.apply(ConfigFileReader.parse("srtp_rtp = no\nsrtp_rtcp = no\n", "test.conf"), w -> {
            throw new AssertionError(w);
        });

        Cdr cdr = ScenarioRun.of(settings, id -> CallRecorder.NONE, s.packets()).onlyCall();

        RtpStreamReport a = ScenarioRun.stream(cdr, 0xa5L, CALLER_MEDIA);
        assertThat(a.decrypted()).isFalse();
        assertThat(a.decryptError()).isEqualTo("decryption off (srtp_rtp = no)");
        assertThat(a.packets()).isEqualTo(50);
        assertThat(cdr.dtmf()).isEmpty();
    }

    static Sdp sdp(HostPort media, String... cryptoLines) {
        Sdp sdp = Sdp.audio(media).proto("RTP/SAVP").rtpmap(0, "PCMU/8000").rtpmap(101, "telephone-event/8000")
                .attribute("fmtp:101 0-16");
        for (String line : cryptoLines) {
            sdp.attribute("crypto:" + line);
        }
        return sdp;
    }

    static java.util.function.UnaryOperator<byte[]> protect(String suite, String key) throws Exception {
        SrtpPolicy policy = SdesKeys.parse(suite, List.of("inline:" + key), List.of());
        SrtpProtector p = new SrtpProtector(policy);
        return rtp -> p.protectRtp(rtp, 0);
    }

    /** Payloads replaced by noise with a 10-byte "tag": what an unknown cipher looks like. */
    static java.util.function.UnaryOperator<byte[]> random() {
        java.util.Random r = new java.util.Random(7);
        return rtp -> {
            byte[] out = java.util.Arrays.copyOf(rtp, rtp.length + 10);
            for (int i = 12; i < out.length; i++) {
                out[i] = (byte) r.nextInt();
            }
            return out;
        };
    }

    /** 30 bytes of key and salt, distinct per {@code seed}, as SDES writes them. */
    static String inline(int seed) {
        byte[] k = new byte[30];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (seed * 37 + i * 11);
        }
        return Base64.getEncoder().encodeToString(k);
    }
}
