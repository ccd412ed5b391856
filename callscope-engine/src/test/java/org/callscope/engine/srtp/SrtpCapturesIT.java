package org.callscope.engine.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.capture.CaptureFiles;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.capture.PacketSource;
import org.callscope.engine.decode.DecodeStatus;
import org.callscope.engine.decode.DecodedPacket;
import org.callscope.engine.decode.PacketDecoder;
import org.callscope.engine.defrag.IpDefragmenter;
import org.callscope.engine.testsupport.SharedTestData;
import org.junit.jupiter.api.Test;

/**
 * Real SRTP captures with published keys, read by the engine's capture reader and decoder and
 * decrypted with keys parsed from their SDES inline form; the counts and the SHA-256 of the
 * decrypted payloads are those of each capture's README.
 */
class SrtpCapturesIT {
    private static final String MARSEILLAISE = "srtp-decrypt-gteissier/marseillaise-srtp.pcap";
    private static final String WEBRTC = "srtp_decoder-veondigital/WebRTC_PCMA_p2p_SDES_Call_1.pcap";

    record Datagram(long frame, String src, int srcPort, byte[] payload) {
    }

    static List<Datagram> udp(Path file) throws IOException {
        List<Datagram> out = new ArrayList<>();
        AnomalyCounters anomalies = new AnomalyCounters();
        PacketDecoder decoder = new PacketDecoder(anomalies, new IpDefragmenter(anomalies));
        CapturedPacket frame = new CapturedPacket();
        DecodedPacket d = new DecodedPacket();
        try (PacketSource source = CaptureFiles.open(file)) {
            while (source.next(frame)) {
                if (decoder.decode(frame, d) == DecodeStatus.UDP) {
                    byte[] payload = new byte[d.payloadLength];
                    System.arraycopy(d.payload, d.payloadOffset, payload, 0, d.payloadLength);
                    out.add(new Datagram(frame.frameNumber, d.srcAddrString(), d.srcPort, payload));
                }
            }
            assertThat(source.damage()).isNull();
        }
        return out;
    }

    @Test
    void marseillaiseEveryPacketAuthenticatesAndThePayloadsHashAsPublished() throws Exception {
        SrtpContext context = new SrtpContext(
                SdesKeys.parse("AES_CM_128_HMAC_SHA1_80", List.of("inline:aSBrbm93IGFsbCB5b3VyIGxpdHRsZSBzZWNyZXRz"), List.of()));
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        byte[] out = new byte[2048];
        int packets = 0;
        byte[] first = null;
        for (Datagram d : udp(SharedTestData.file(MARSEILLAISE))) {
            int n = context.unprotectRtp(d.payload(), 0, d.payload().length, out, 0);
            assertThat(n).as("frame %d", d.frame()).isEqualTo(d.payload().length - 10);
            int header = SrtpContext.rtpHeaderLength(out, 0, n);
            assertThat(n - header).isEqualTo(160);
            sha256.update(out, header, n - header);
            if (first == null) {
                first = java.util.Arrays.copyOfRange(out, header, header + 16);
            }
            packets++;
        }
        assertThat(packets).isEqualTo(11888);
        assertThat(HexFormat.of().formatHex(first)).isEqualTo("d555d555d5d555d555d555d5d555d5d5");
        assertThat(HexFormat.of().formatHex(sha256.digest())).isEqualTo("aeeb66551ac1d00684737e9e74f863903748665ef5c25348a7da564aea7bdd3e");
        assertThat(context.rolloverCounter(0xDEADBEEFL)).isZero();
    }

    @Test
    void webrtcCallBothDirectionsWithHeaderExtensionsAndMuxedSrtcp() throws Exception {
        List<Datagram> datagrams = udp(SharedTestData.file(WEBRTC));
        checkDirection(datagrams, "192.168.1.142", 56185, "7SYMKhu8sVMhCr4VXh+ZqkteB01QgqDSgLr4L9iU", 0xD092D296L, 259, 212, 47,
                "6cf235b2276fad80fe2b2d46e4571eaafa74670de7ef07fa0a2aef31e3f24afa");
        checkDirection(datagrams, "192.168.1.130", 60644, "bhn3DDDcf7GhHEnFkGLW9V223XncT60nJrTQK06x", 0x522B93ABL, 227, 182, 45,
                "d8098cfaa38e4619d7589ffe12a51337c2ff7d312a339b60daefcbb07fd0ffe5");
    }

    private static void checkDirection(List<Datagram> datagrams, String src, int srcPort, String inline, long ssrc, int expected,
            int pcma, int comfortNoise, String sha256Hex) throws Exception {
        SrtpContext context = new SrtpContext(SdesKeys.parse("AES_CM_128_HMAC_SHA1_80", List.of("inline:" + inline), List.of()));
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        byte[] out = new byte[2048];
        int packets = 0;
        int pt8 = 0;
        int pt13 = 0;
        int rtcp = 0;
        for (Datagram d : datagrams) {
            byte[] p = d.payload();
            if (!d.src().equals(src) || d.srcPort() != srcPort || p.length < 12 || (p[0] & 0xc0) != 0x80) {
                continue; // the other direction, other flows, STUN
            }
            int secondByte = p[1] & 0xff;
            if (secondByte >= 200 && secondByte <= 204) {
                // rtcp-mux (RFC 5761 §4): SRTCP on the same port; it must authenticate and decrypt to RTCP whose lengths add up.
                int n = context.unprotectRtcp(p, 0, p.length, out, 0);
                assertThat(n).as("SRTCP frame %d", d.frame()).isEqualTo(p.length - 14);
                int at = 0;
                while (at + 4 <= n) {
                    assertThat(out[at] & 0xc0).as("RTCP version in frame %d", d.frame()).isEqualTo(0x80);
                    at += 4 + 4 * ((out[at + 2] & 0xff) << 8 | (out[at + 3] & 0xff));
                }
                assertThat(at).as("RTCP compound of frame %d", d.frame()).isEqualTo(n);
                rtcp++;
                continue;
            }
            int n = context.unprotectRtp(p, 0, p.length, out, 0);
            assertThat(n).as("frame %d", d.frame()).isEqualTo(p.length - 10);
            int header = SrtpContext.rtpHeaderLength(out, 0, n);
            assertThat(header).as("12 + 4 + 8 bytes of header with its extension").isEqualTo(24);
            assertThat(RtpPackets.ssrc(out)).isEqualTo(ssrc);
            sha256.update(out, header, n - header);
            int pt = out[1] & 0x7f;
            pt8 += pt == 8 ? 1 : 0;
            pt13 += pt == 13 ? 1 : 0;
            packets++;
        }
        assertThat(packets).as(src).isEqualTo(expected);
        assertThat(pt8).as(src + " PCMA").isEqualTo(pcma);
        assertThat(pt13).as(src + " CN").isEqualTo(comfortNoise);
        assertThat(rtcp).as(src + " SRTCP").isEqualTo(4);
        assertThat(HexFormat.of().formatHex(sha256.digest())).as(src).isEqualTo(sha256Hex);
    }
}
