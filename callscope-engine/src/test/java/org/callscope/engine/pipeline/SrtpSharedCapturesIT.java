package org.callscope.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.callscope.engine.call.CallRecorder;
import org.callscope.engine.cdr.RtpStreamReport;
import org.callscope.engine.config.AnalyzerSettings;
import org.callscope.engine.srtp.SdesKeys;
import org.callscope.engine.tls.keys.IpPort;
import org.callscope.engine.testsupport.SharedTestData;
import org.junit.jupiter.api.Test;

/**
 * SRTP captures without signalling, decrypted through the whole analyzer with keys given for the
 * sender's address (as {@code --srtp-key} does). The expected packet counts and payload hashes
 * are the ones the captures' READMEs publish.
 */
class SrtpSharedCapturesIT {

    @Test
    void marseillaiseDecryptsEveryPacket() throws Exception {
        Path pcap = SharedTestData.file("srtp-decrypt-gteissier/marseillaise-srtp.pcap");
        AnalyzerSettings settings = new AnalyzerSettings();
        settings.addSrtpKey(new IpPort("10.1.1.1", 10000), SdesKeys.parse("AES_CM_128_HMAC_SHA1_80",
                List.of("inline:aSBrbm93IGFsbCB5b3VyIGxpdHRsZSBzZWNyZXRz"), List.of()));
        PayloadHashes hashes = new PayloadHashes();

        AnalyzerRun run = AnalyzerRun.of(settings, id -> CallRecorder.NONE, pcap, hashes::add);

        RtpStreamReport s = onlyStream(run, 0xDEADBEEFL);
        assertThat(s.srtp()).isTrue();
        assertThat(s.decrypted()).isTrue();
        assertThat(s.decryptError()).isNull();
        assertThat(s.packets()).isEqualTo(11888);
        assertThat(s.srtpDetail().decrypted()).isEqualTo(11888);
        assertThat(s.srtpDetail().authFailures()).isZero();
        assertThat(s.srtpDetail().keySource()).isEqualTo("option");
        assertThat(s.srtpDetail().suite()).isEqualTo("AES_CM_128_HMAC_SHA1_80");
        assertThat(s.lost()).isZero();
        assertThat(hashes.hex(0xDEADBEEFL)).isEqualTo("aeeb66551ac1d00684737e9e74f863903748665ef5c25348a7da564aea7bdd3e");
    }

    @Test
    void marseillaiseWithAWrongKeyIsCountedNotDecrypted() throws Exception {
        Path pcap = SharedTestData.file("srtp-decrypt-gteissier/marseillaise-srtp.pcap");
        AnalyzerSettings settings = new AnalyzerSettings();
        settings.addSrtpKey(new IpPort("10.1.1.1", 10000), SdesKeys.parse("AES_CM_128_HMAC_SHA1_80",
                List.of("inline:bSBrbm93IGFsbCB5b3VyIGxpdHRsZSBzZWNyZXRz"), List.of()));
        PayloadHashes hashes = new PayloadHashes();

        AnalyzerRun run = AnalyzerRun.of(settings, id -> CallRecorder.NONE, pcap, hashes::add);

        RtpStreamReport s = onlyStream(run, 0xDEADBEEFL);
        assertThat(s.srtp()).isTrue();
        assertThat(s.decrypted()).isFalse();
        assertThat(s.decryptError()).isEqualTo("authentication failed");
        assertThat(s.srtpDetail().authFailures()).isEqualTo(11888);
        assertThat(s.packets()).isEqualTo(11888);
        assertThat(s.lost()).isZero();
        assertThat(hashes.count).isZero();
    }

    @Test
    void webrtcSdesCallDecryptsBothDirections() throws Exception {
        Path pcap = SharedTestData.file("srtp_decoder-veondigital/WebRTC_PCMA_p2p_SDES_Call_1.pcap");
        AnalyzerSettings settings = new AnalyzerSettings();
        settings.addSrtpKey(new IpPort("192.168.1.142", 56185), SdesKeys.parse("AES_CM_128_HMAC_SHA1_80",
                List.of("inline:7SYMKhu8sVMhCr4VXh+ZqkteB01QgqDSgLr4L9iU"), List.of()));
        settings.addSrtpKey(new IpPort("192.168.1.130", 60644), SdesKeys.parse("AES_CM_128_HMAC_SHA1_80",
                List.of("inline:bhn3DDDcf7GhHEnFkGLW9V223XncT60nJrTQK06x"), List.of()));
        PayloadHashes hashes = new PayloadHashes();

        AnalyzerRun run = AnalyzerRun.of(settings, id -> CallRecorder.NONE, pcap, hashes::add);

        RtpStreamReport a = onlyStream(run, 0xD092D296L);
        RtpStreamReport b = onlyStream(run, 0x522B93ABL);
        assertThat(a.packets()).isEqualTo(259);
        assertThat(b.packets()).isEqualTo(227);
        assertThat(a.srtpDetail().decrypted()).isEqualTo(259);
        assertThat(b.srtpDetail().decrypted()).isEqualTo(227);
        assertThat(a.srtpDetail().authFailures() + b.srtpDetail().authFailures()).isZero();
        assertThat(hashes.hex(0xD092D296L)).isEqualTo("6cf235b2276fad80fe2b2d46e4571eaafa74670de7ef07fa0a2aef31e3f24afa");
        assertThat(hashes.hex(0x522B93ABL)).isEqualTo("d8098cfaa38e4619d7589ffe12a51337c2ff7d312a339b60daefcbb07fd0ffe5");
    }

    @Test
    void webrtcDtlsSrtpCallDecryptsWithTheKeyLogAlone() throws Exception {
        Path pcap = SharedTestData.file("lekensteyn-wireshark-notes/webrtc-freeswitch.pcapng");
        AnalyzerSettings settings = new AnalyzerSettings();
        settings.tls().addKeyLogFile(pcap.resolveSibling("webrtc-freeswitch.keylog.txt"));
        PayloadHashes hashes = new PayloadHashes();

        AnalyzerRun run = AnalyzerRun.of(settings, id -> CallRecorder.NONE, pcap, hashes::add);

        assertThat(run.analyzer.dtlsStats().completed()).isEqualTo(1);
        RtpStreamReport chromium = onlyStream(run, 0xf1e9676fL);
        RtpStreamReport freeswitch = onlyStream(run, 0xa298faf0L);
        assertThat(chromium.saddr() + ":" + chromium.sport()).isEqualTo("10.9.1.2:56706");
        assertThat(freeswitch.saddr() + ":" + freeswitch.sport()).isEqualTo("209.105.235.10:20336");
        for (RtpStreamReport s : List.of(chromium, freeswitch)) {
            assertThat(s.srtp()).isTrue();
            assertThat(s.decryptError()).isNull();
            assertThat(s.srtpDetail().keySource()).isEqualTo("dtls");
            assertThat(s.srtpDetail().authFailures()).isZero();
        }
        assertThat(chromium.srtpDetail().decrypted()).isEqualTo(224);
        assertThat(freeswitch.srtpDetail().decrypted()).isEqualTo(178);
        assertThat(hashes.hex(0xf1e9676fL)).isEqualTo("f29ee4be2601447fe06f4a6e66f6766932855cdc1208a0ea687f3f0a564d4b59");
        assertThat(hashes.hex(0xa298faf0L)).isEqualTo("d0de172d56eab0e8f1e22e82c3c67d1d91e5a14ade407d89a3094683324359b7");
    }

    @Test
    void webrtcDtlsSrtpWithoutTheKeyLogSaysNoKey() throws Exception {
        Path pcap = SharedTestData.file("lekensteyn-wireshark-notes/webrtc-freeswitch.pcapng");
        AnalyzerRun run = AnalyzerRun.of(new AnalyzerSettings(), id -> CallRecorder.NONE, pcap, null);
        RtpStreamReport chromium = onlyStream(run, 0xf1e9676fL);
        assertThat(chromium.srtp()).isTrue();
        assertThat(chromium.decrypted()).isFalse();
        assertThat(chromium.decryptError()).isEqualTo("DTLS-SRTP: no key");
        assertThat(chromium.packets()).isEqualTo(224);
    }

    @Test
    void withoutKeysTheStreamsStillCountButSayWhy() throws Exception {
        Path pcap = SharedTestData.file("srtp-decrypt-gteissier/marseillaise-srtp.pcap");
        AnalyzerRun run = AnalyzerRun.of(pcap);
        RtpStreamReport s = onlyStream(run, 0xDEADBEEFL);
        // Nothing says this stream is SRTP: it is reported as RTP, with its loss and jitter.
        assertThat(s.srtp()).isFalse();
        assertThat(s.packets()).isEqualTo(11888);
        assertThat(s.lost()).isZero();
    }

    private static RtpStreamReport onlyStream(AnalyzerRun run, long ssrc) {
        List<RtpStreamReport> found = run.allStreams().stream().filter(s -> s.ssrc() == ssrc).toList();
        assertThat(found).as("streams with SSRC %08x", ssrc).hasSize(1);
        return found.getFirst();
    }

    /** sha256 over each SSRC's readable payloads, in capture order. */
    static final class PayloadHashes {
        private final Map<Long, MessageDigest> bySsrc = new LinkedHashMap<>();
        private final Map<Long, Long> packetsBySsrc = new LinkedHashMap<>();
        long count;

        long packets(long ssrc) {
            return packetsBySsrc.getOrDefault(ssrc, 0L);
        }

        void add(org.callscope.engine.media.MediaStream s, long ts, int seq, long rtpTs, int pt, boolean marker,
                 byte[] buf, int off, int len) {
            count++;
            packetsBySsrc.merge(s.ssrc(), 1L, Long::sum);
            bySsrc.computeIfAbsent(s.ssrc(), k -> sha256()).update(buf, off, len);
        }

        String hex(long ssrc) {
            MessageDigest d = bySsrc.get(ssrc);
            return d == null ? null : HexFormat.of().formatHex(d.digest());
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
