package org.callscope.engine.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.callscope.engine.audio.RtpSender.MS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.callscope.engine.testsupport.ToneAnalysis;
import org.callscope.engine.testsupport.WavFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallAudioTest {
    private static final long T0 = 1_700_000_000L * 1_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void callerIsLeftAndCalleeRightThroughJitterLossReorderingAndADuplicate() throws IOException {
        Random random = new Random(7);
        // Caller: µ-law 440 Hz, sequence numbers and timestamps wrap early in the call, two packets swapped.
        RtpSender caller = new RtpSender(true, 0x1111, 65500, 0xFFFF_F000L);
        List<byte[]> a = RtpSender.pcmu(440, 3, 8000);
        for (int k = 0; k < a.size(); k++) {
            caller.send(T0 + k * 20 * MS + random.nextInt(15) * MS, 0, null, 0, 0, false, a.get(k), 160);
        }
        swapArrivals(caller.packets, 70, 71);
        // Callee: A-law 1000 Hz from 0.5 s, 30 ms of jitter, 400 ms lost, two more lost, one duplicated.
        RtpSender callee = new RtpSender(false, 0x2222, 1234, 777_777);
        List<byte[]> b = RtpSender.pcma(1000, 3, 8000);
        for (int k = 0; k < b.size(); k++) {
            callee.send(T0 + 500 * MS + k * 20 * MS + random.nextInt(30) * MS, 8, "PCMA", 8000, 1, false, b.get(k), 160);
        }
        List<RtpSender.Packet> calleePackets = new ArrayList<>(callee.packets);
        calleePackets.add(calleePackets.get(30).arrivingAt(calleePackets.get(30).arrivalNanos() + 3 * MS));
        long calleeFirstArrival = calleePackets.get(0).arrivalNanos();
        calleePackets.removeIf(p -> lost(p.sequence() - 1234));
        List<RtpSender.Packet> all = new ArrayList<>(caller.packets);
        all.addAll(calleePackets);

        CallAudio audio = new CallAudio();
        RtpSender.feed(audio, all);
        Path wav = dir.resolve("call.wav");
        AudioReport report = audio.writeWav(wav);

        long earliest = caller.packets.stream().mapToLong(RtpSender.Packet::arrivalNanos).min().orElseThrow();
        int calleeStart = (int) Math.round((calleeFirstArrival - earliest) * 8000.0 / 1e9);
        assertThat(report.sampleRate()).isEqualTo(8000);
        assertThat(report.frames()).isEqualTo(calleeStart + 150 * 160);
        assertThat(report.seconds()).isCloseTo(report.frames() / 8000.0, within(1e-9));
        assertThat(report.packetsDecoded()).isEqualTo(150 + 150 - 22);
        assertThat(report.packetsSkipped()).isEqualTo(1);
        assertThat(report.unsupportedCodecs()).isEmpty();

        WavFile.Format format = WavFile.readFormat(wav);
        assertThat(format.channels()).isEqualTo(2);
        assertThat(format.sampleRate()).isEqualTo(8000);
        assertThat(format.frames()).isEqualTo(report.frames());
        short[] left = WavFile.readChannel(wav, 0);
        short[] right = WavFile.readChannel(wav, 1);
        // Placed by timestamp, the tones stay clean despite jitter and reordering.
        assertThat(ToneAnalysis.dominantFrequency(left, 1600, 20800, 8000)).isCloseTo(440, within(1.0));
        assertThat(ToneAnalysis.snrDb(left, 1600, 20800, 8000, 440)).isGreaterThan(30);
        assertThat(ToneAnalysis.dominantFrequency(right, calleeStart + 800, 8000, 8000)).isCloseTo(1000, within(1.0));
        assertThat(ToneAnalysis.snrDb(right, calleeStart + 800, 8000, 8000, 1000)).isGreaterThan(30);
        assertThat(ToneAnalysis.dominantFrequency(right, calleeStart + 82 * 160, 2800, 8000)).isCloseTo(1000, within(2.0));
        // Lost packets are silence; so is each side before it starts and after it ends.
        assertThat(ToneAnalysis.rms(right, calleeStart + 60 * 160, 20 * 160)).isZero();
        assertThat(ToneAnalysis.rms(right, calleeStart + 100 * 160, 2 * 160)).isZero();
        assertThat(ToneAnalysis.rms(right, 0, calleeStart)).isZero();
        assertThat(ToneAnalysis.rms(left, 150 * 160, left.length - 150 * 160)).isZero();
        assertThat(ToneAnalysis.rms(right, calleeStart + 59 * 160, 160)).isGreaterThan(4000);
        assertThat(ToneAnalysis.rms(right, calleeStart + 80 * 160, 160)).isGreaterThan(4000);
    }

    private static boolean lost(int k) {
        return (k >= 60 && k < 80) || k == 100 || k == 101;
    }

    private static void swapArrivals(List<RtpSender.Packet> packets, int i, int j) {
        RtpSender.Packet pi = packets.get(i);
        RtpSender.Packet pj = packets.get(j);
        packets.set(i, pi.arrivingAt(pj.arrivalNanos()));
        packets.set(j, pj.arrivingAt(pi.arrivalNanos()));
    }

    @Test
    void g722MakesTheFileWidebandAndNarrowbandIsUpsampled() throws IOException {
        RtpSender caller = new RtpSender(true, 1, 0, 0);
        RtpSender callee = new RtpSender(false, 2, 0, 0);
        List<byte[]> a = RtpSender.pcmu(440, 1, 8000);
        List<byte[]> b = RtpSender.g722(1000, 1, 8000);
        for (int k = 0; k < 50; k++) {
            caller.send(T0 + k * 20 * MS, 0, null, 0, 0, false, a.get(k), 160);
            // RFC 3551 §4.5.2: G.722's RTP clock is 8000 Hz although it samples at 16 kHz.
            callee.send(T0 + 10 * MS + k * 20 * MS, 9, null, 0, 0, false, b.get(k), 160);
        }
        AudioReport report = render(caller, callee);
        assertThat(report.sampleRate()).isEqualTo(16000);
        assertThat(report.frames()).isEqualTo(160 + 16000);
        short[] left = WavFile.readChannel(dir.resolve("call.wav"), 0);
        short[] right = WavFile.readChannel(dir.resolve("call.wav"), 1);
        assertThat(ToneAnalysis.dominantFrequency(left, 1600, 12800, 16000)).isCloseTo(440, within(1.0));
        assertThat(ToneAnalysis.snrDb(left, 1600, 12800, 16000, 440)).isGreaterThan(30);
        assertThat(ToneAnalysis.dominantFrequency(right, 1600, 12800, 16000)).isCloseTo(1000, within(1.0));
        assertThat(ToneAnalysis.snrDb(right, 1600, 12800, 16000, 1000)).isGreaterThan(25);
    }

    @Test
    void opusMakesTheFile48kHzAndALostPacketIsConcealed() throws Exception {
        RtpSender caller = new RtpSender(true, 1, 100, 5000);
        RtpSender callee = new RtpSender(false, 2, 0, 0);
        List<byte[]> a = OpusPayloadDecoderTest.encodeTone(440, 2, 1);
        List<byte[]> b = RtpSender.pcmu(1000, 2, 8000);
        for (int k = 0; k < 100; k++) {
            caller.send(T0 + k * 20 * MS, 111, "opus", 48000, 2, false, a.get(k), 960);
            callee.send(T0 + k * 20 * MS, 0, "PCMU", 8000, 1, false, b.get(k), 160);
        }
        caller.packets.remove(50);
        AudioReport report = render(caller, callee);
        assertThat(report.sampleRate()).isEqualTo(48000);
        assertThat(report.frames()).isEqualTo(96000);
        assertThat(report.packetsDecoded()).isEqualTo(199);
        short[] left = WavFile.readChannel(dir.resolve("call.wav"), 0);
        short[] right = WavFile.readChannel(dir.resolve("call.wav"), 1);
        assertThat(ToneAnalysis.dominantFrequency(left, 9600, 38400, 48000)).isCloseTo(440, within(1.0));
        assertThat(ToneAnalysis.rms(left, 50 * 960, 960)).as("concealed packet").isGreaterThan(1000);
        assertThat(ToneAnalysis.dominantFrequency(right, 9600, 76800, 48000)).isCloseTo(1000, within(1.0));
    }

    @Test
    void l16StereoAt44100IsMixedToMonoAndResampled() throws IOException {
        RtpSender caller = new RtpSender(true, 1, 0, 0);
        short[] tone = RtpSender.tone(1000, 44100, 44100, 9000);
        for (int k = 0; k < 50; k++) {
            byte[] payload = new byte[882 * 4];
            for (int i = 0; i < 882; i++) {
                short s = tone[k * 882 + i];
                for (int c = 0; c < 2; c++) {
                    payload[4 * i + 2 * c] = (byte) (s >> 8);
                    payload[4 * i + 2 * c + 1] = (byte) s;
                }
            }
            caller.send(T0 + k * 20 * MS, 96, "L16", 44100, 2, false, payload, 882);
        }
        AudioReport report = render(caller);
        assertThat(report.sampleRate()).isEqualTo(48000);
        assertThat(report.frames()).isBetween(47990L, 48010L);
        short[] left = WavFile.readChannel(dir.resolve("call.wav"), 0);
        assertThat(ToneAnalysis.dominantFrequency(left, 4800, 38400, 48000)).isCloseTo(1000, within(1.0));
        assertThat(ToneAnalysis.snrDb(left, 4800, 38400, 48000, 1000)).isGreaterThan(30);
        assertThat(ToneAnalysis.rms(left, 4800, 38400)).isCloseTo(9000 / Math.sqrt(2), within(300.0));
    }

    @Test
    void comfortNoiseFillsUntilTheStreamsNextPacketAtItsLevel() throws IOException {
        RtpSender caller = new RtpSender(true, 1, 0, 0);
        List<byte[]> a = RtpSender.pcmu(440, 1, 8000);
        for (int k = 0; k < 50; k++) {
            caller.send(T0 + k * 20 * MS, 0, null, 0, 0, false, a.get(k), 160);
        }
        caller.send(T0 + 1000 * MS, 13, null, 0, 0, false, new byte[] {40}, 8000);
        caller.send(T0 + 2000 * MS, 0, null, 0, 0, true, a.get(0), 160);
        AudioReport report = render(caller);
        assertThat(report.frames()).isEqualTo(16160);
        assertThat(report.packetsDecoded()).isEqualTo(52);
        short[] left = WavFile.readChannel(dir.resolve("call.wav"), 0);
        double dbov = 20 * Math.log10(ToneAnalysis.rms(left, 8000, 8000) / 32767);
        assertThat(dbov).isCloseTo(-40, within(1.0));
        assertThat(ToneAnalysis.rms(left, 16000, 160)).isGreaterThan(4000);
    }

    @Test
    void telephoneEventsAreLeftOutAndUnsupportedCodecsAreReportedAsSilence() throws IOException {
        RtpSender caller = new RtpSender(true, 1, 0, 0);
        List<byte[]> a = RtpSender.pcmu(440, 1, 8000);
        for (int k = 0; k < 25; k++) {
            caller.send(T0 + k * 20 * MS, 0, null, 0, 0, false, a.get(k), 160);
        }
        for (int e = 0; e < 10; e++) {
            // RFC 4733: one event, its timestamp the event start, duration growing.
            caller.send(T0 + (500 + e * 20) * MS, 101, "telephone-event", 8000, 0, e == 0,
                    new byte[] {5, 10, 0, (byte) (160 * (e + 1))}, 0);
        }
        caller.skipTimestamp(1600);
        for (int k = 25; k < 50; k++) {
            caller.send(T0 + (200 + k * 20) * MS, 0, null, 0, 0, k == 25, a.get(k), 160);
        }
        RtpSender callee = new RtpSender(false, 2, 0, 0);
        for (int k = 0; k < 50; k++) {
            callee.send(T0 + (500 + k * 20) * MS, 18, null, 0, 0, false, new byte[20], 160);
        }
        AudioReport report = render(caller, callee);
        assertThat(report.unsupportedCodecs()).containsExactly("G729 (pt 18): 50 packets");
        assertThat(report.packetsDecoded()).isEqualTo(50);
        assertThat(report.packetsSkipped()).isEqualTo(60);
        assertThat(report.frames()).isEqualTo(12000);
        short[] left = WavFile.readChannel(dir.resolve("call.wav"), 0);
        short[] right = WavFile.readChannel(dir.resolve("call.wav"), 1);
        assertThat(ToneAnalysis.rms(right)).isZero();
        assertThat(ToneAnalysis.rms(left, 4000, 1600)).isZero();
        assertThat(ToneAnalysis.rms(left, 5600, 160)).isGreaterThan(4000);
    }

    @Test
    void aStreamReanchorsAtArrivalOnMarkerTimestampJumpAndDriftButNotOnJitter() throws IOException {
        // Second talkspurt arrives 1.5 s after the first starts; its timestamps say otherwise.
        assertThat(onsetOfSecondTalkspurt(true, 2400)).as("marker bit").isEqualTo(12000);
        // The burst's first packet follows the last of the first burst (at 3840) by `step` samples.
        assertThat(onsetOfSecondTalkspurt(false, 8000 + 160 * 40)).as("timestamp jump over 1 s").isEqualTo(12000);
        assertThat(onsetOfSecondTalkspurt(false, 12000 - 3840 - 4000)).as("500 ms off its timestamp").isEqualTo(12000);
        assertThat(onsetOfSecondTalkspurt(false, 12000 - 3840 - 800)).as("100 ms late: jitter").isEqualTo(11200);
    }

    /** Output sample where the second burst of tone starts; {@code step} is its timestamp step. */
    private int onsetOfSecondTalkspurt(boolean marker, long step) throws IOException {
        RtpSender caller = new RtpSender(true, 1, 0, 0);
        byte[] loud = new byte[160];
        java.util.Arrays.fill(loud, (byte) 0xA0);
        for (int k = 0; k < 25; k++) {
            caller.send(T0 + k * 20 * MS, 0, null, 0, 0, false, loud, k == 24 ? step : 160);
        }
        for (int k = 0; k < 25; k++) {
            caller.send(T0 + (1500 + k * 20) * MS, 0, null, 0, 0, marker && k == 0, loud, 160);
        }
        render(caller);
        short[] left = WavFile.readChannel(dir.resolve("call.wav"), 0);
        for (int i = 4000; i < left.length; i++) {
            if (left[i] != 0) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aNewSsrcOnTheSameSideIsANewStreamOnTheSameChannel() throws IOException {
        RtpSender first = new RtpSender(true, 0xAAAA, 0, 0);
        RtpSender second = new RtpSender(true, 0xBBBB, 40000, 123456789);
        List<byte[]> a = RtpSender.pcmu(440, 1, 8000);
        List<byte[]> b = RtpSender.pcmu(660, 1, 8000);
        for (int k = 0; k < 50; k++) {
            first.send(T0 + k * 20 * MS, 0, null, 0, 0, false, a.get(k), 160);
            second.send(T0 + (1500 + k * 20) * MS, 0, null, 0, 0, false, b.get(k), 160);
        }
        AudioReport report = render(first, second);
        assertThat(report.frames()).isEqualTo(20000);
        short[] left = WavFile.readChannel(dir.resolve("call.wav"), 0);
        assertThat(ToneAnalysis.dominantFrequency(left, 800, 6400, 8000)).isCloseTo(440, within(1.0));
        assertThat(ToneAnalysis.rms(left, 8000, 4000)).isZero();
        assertThat(ToneAnalysis.dominantFrequency(left, 12800, 6400, 8000)).isCloseTo(660, within(1.0));
    }

    @Test
    void writingTwiceGivesTheSameFile() throws IOException {
        RtpSender caller = new RtpSender(true, 1, 0, 0);
        List<byte[]> a = RtpSender.g722(500, 0.5, 8000);
        for (int k = 0; k < a.size(); k++) {
            caller.send(T0 + k * 20 * MS, 9, "G722", 8000, 1, false, a.get(k), 160);
        }
        caller.send(T0 + 500 * MS, 13, "CN", 8000, 1, false, new byte[] {50}, 0);
        caller.send(T0 + 700 * MS, 9, "G722", 8000, 1, true, a.get(0), 160);
        CallAudio audio = new CallAudio();
        RtpSender.feed(audio, caller.packets);
        AudioReport first = audio.writeWav(dir.resolve("1.wav"));
        AudioReport second = audio.writeWav(dir.resolve("2.wav"));
        assertThat(second).isEqualTo(first);
        assertThat(Files.readAllBytes(dir.resolve("2.wav"))).isEqualTo(Files.readAllBytes(dir.resolve("1.wav")));
    }

    @Test
    void anEmptyCallIsAnEmptyNarrowbandFile() throws IOException {
        AudioReport report = new CallAudio().writeWav(dir.resolve("empty.wav"));
        assertThat(report).isEqualTo(new AudioReport(8000, 0, 0, List.of(), 0, 0));
        assertThat(WavFile.readFormat(dir.resolve("empty.wav")).frames()).isZero();
    }

    @Test
    void audioLongerThanAWavFileHoldsIsRefusedBeforeWriting() {
        CallAudio audio = new CallAudio();
        byte[] payload = new byte[160];
        audio.onRtp(true, 1, T0, 0, 0, 0, null, 0, 0, false, payload, 0, 160);
        audio.onRtp(true, 1, T0 + 40L * 3600 * 1_000_000_000L, 1, 160, 0, null, 0, 0, false, payload, 0, 160);
        Path wav = dir.resolve("long.wav");
        assertThatThrownBy(() -> audio.writeWav(wav))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("40.0 hours")
                .hasMessageContaining("do not fit a WAV file");
        assertThat(wav).doesNotExist();
    }

    @Test
    void payloadsPastTheMemoryLimitAreNotKeptAndCountAsSkipped() throws IOException {
        CallAudio audio = new CallAudio(1000);
        List<byte[]> a = RtpSender.pcmu(440, 0.2, 8000);
        for (int k = 0; k < 10; k++) {
            audio.onRtp(true, 1, T0 + k * 20 * MS, k, k * 160L, 0, null, 0, 0, false, a.get(k), 0, 160);
        }
        AudioReport report = audio.writeWav(dir.resolve("capped.wav"));
        assertThat(report.packetsDecoded()).isEqualTo(6);
        assertThat(report.packetsSkipped()).isEqualTo(4);
        assertThat(report.frames()).isEqualTo(960);
    }

    private AudioReport render(RtpSender... senders) throws IOException {
        List<RtpSender.Packet> all = new ArrayList<>();
        for (RtpSender s : senders) {
            all.addAll(s.packets);
        }
        CallAudio audio = new CallAudio();
        RtpSender.feed(audio, all);
        return audio.writeWav(dir.resolve("call.wav"));
    }
}
