package org.callscope.engine.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.callscope.engine.testsupport.Ffmpeg;
import org.callscope.engine.testsupport.ToneAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class G722DecoderTest {
    private static final int RATE = 16000;

    @Test
    void decodesAToneEncodedFromTheSpecificationBackToItsFrequency() {
        for (double frequency : new double[] {1000, 300, 3400, 6000}) {
            short[] tone = tone(frequency, 2 * RATE, 12000);
            byte[] coded = new G722Encoder().encode(tone, tone.length);
            short[] decoded = decode(coded);
            assertThat(decoded).hasSameSizeAs(tone);
            // Skip the codec's start-up (adaptation and the 23-sample QMF delays).
            int from = RATE / 4;
            int n = decoded.length - from;
            assertThat(ToneAnalysis.dominantFrequency(decoded, from, n, RATE)).isCloseTo(frequency, within(2.0));
            assertThat(ToneAnalysis.snrDb(decoded, from, n, RATE, frequency)).as("SNR at %s Hz", frequency).isGreaterThan(25);
            assertThat(ToneAnalysis.rms(decoded, from, n)).isCloseTo(12000 / Math.sqrt(2), within(12000 * 0.1));
        }
    }

    @Test
    void silenceStaysQuiet() {
        short[] decoded = decode(new G722Encoder().encode(new short[RATE], RATE));
        assertThat(ToneAnalysis.rms(decoded, RATE / 4, RATE - RATE / 4)).isLessThan(20);
    }

    @Test
    void decodesEveryOctetToTwoSamples() {
        byte[] payload = new byte[160];
        short[] out = new short[320];
        assertThat(new G722Decoder().decode(payload, 0, payload.length, out)).isEqualTo(320);
        assertThat(new G722Decoder().maxSamples(160)).isEqualTo(320);
    }

    @Test
    void agreesSampleForSampleWithFfmpegOnRandomOctets(@TempDir Path dir) throws Exception {
        Ffmpeg.assumeInstalled();
        byte[] coded = new byte[4 * 8000];
        new Random(722).nextBytes(coded);
        short[] ours = decode(coded);
        short[] theirs = ffmpegDecode(dir, coded);
        assertThat(theirs).hasSameSizeAs(ours);
        assertThat(theirs).isEqualTo(ours);
    }

    @Test
    void decodesAToneEncodedByFfmpeg(@TempDir Path dir) throws Exception {
        Ffmpeg.assumeInstalled();
        short[] tone = tone(1000, 2 * RATE, 10000);
        Path raw = dir.resolve("tone.raw");
        Files.write(raw, littleEndian(tone));
        Path coded = dir.resolve("tone.g722");
        Ffmpeg.run("-f", "s16le", "-ar", "16000", "-ac", "1", "-i", raw.toString(), "-c:a", "g722", "-f", "g722", coded.toString());
        short[] decoded = decode(Files.readAllBytes(coded));
        int from = RATE / 4;
        int n = decoded.length - from;
        assertThat(ToneAnalysis.dominantFrequency(decoded, from, n, RATE)).isCloseTo(1000, within(2.0));
        assertThat(ToneAnalysis.snrDb(decoded, from, n, RATE, 1000)).isGreaterThan(25);
        assertThat(ffmpegDecode(dir, Files.readAllBytes(coded))).isEqualTo(decoded);
    }

    private static short[] ffmpegDecode(Path dir, byte[] coded) throws IOException, InterruptedException {
        Path in = dir.resolve("in.g722");
        Path out = dir.resolve("out.raw");
        Files.write(in, coded);
        Ffmpeg.run("-f", "g722", "-i", in.toString(), "-f", "s16le", "-ac", "1", out.toString());
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
        short[] samples = new short[b.remaining() / 2];
        b.asShortBuffer().get(samples);
        return samples;
    }

    static short[] decode(byte[] coded) {
        short[] out = new short[2 * coded.length];
        int n = new G722Decoder().decode(coded, 0, coded.length, out);
        assertThat(n).isEqualTo(out.length);
        return out;
    }

    static short[] tone(double frequency, int n, double amplitude) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * frequency * i / RATE));
        }
        return s;
    }

    private static byte[] littleEndian(short[] samples) {
        ByteBuffer b = ByteBuffer.allocate(2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(samples);
        return b.array();
    }
}
