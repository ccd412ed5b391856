package org.callscope.engine.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.callscope.engine.testsupport.WavFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Random and mutated payloads never throw from a decoder, and random calls always render. */
class AudioFuzzTest {
    private static final int ROUNDS = 5_000;

    @Test
    void decodersNeverThrowOnRandomOrMutatedPayloads() throws Exception {
        Random random = new Random(20261125L);
        List<byte[]> opus = OpusPayloadDecoderTest.encodeTone(440, 0.5, 2);
        PayloadDecoder[] decoders = {
            new G711Decoder(false), new G711Decoder(true), new G722Decoder(), new OpusPayloadDecoder(),
            new L16Decoder(8000, 1), new L16Decoder(44100, 2), new L16Decoder(48000, 3),
        };
        short[] out = new short[8 * 1500 + OpusPayloadDecoder.MAX_PACKET_SAMPLES];
        long opusAccepted = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] payload;
            if (random.nextBoolean()) {
                payload = opus.get(random.nextInt(opus.size())).clone();
                for (int flips = random.nextInt(4); flips >= 0; flips--) {
                    payload[random.nextInt(payload.length)] ^= (byte) (1 << random.nextInt(8));
                }
            } else {
                payload = new byte[random.nextInt(1500)];
                random.nextBytes(payload);
            }
            int off = payload.length == 0 ? 0 : random.nextInt(payload.length);
            int len = random.nextInt(payload.length - off + 1);
            for (PayloadDecoder d : decoders) {
                int n = d.decode(payload, off, len, out);
                assertThat(n).isBetween(-1, d.maxSamples(len));
                if (d instanceof OpusPayloadDecoder && n > 0) {
                    opusAccepted++;
                }
            }
            assertThat(decoders[3].conceal(random.nextInt(10_000), out)).isBetween(0, OpusPayloadDecoder.MAX_PACKET_SAMPLES);
            assertThat(ComfortNoise.level(payload, off, len)).isBetween(-1, 127);
        }
        assertThat(opusAccepted).as("mutated Opus packets still decode").isPositive();
    }

    @Test
    void randomCallsRenderToAValidFile(@TempDir Path dir) throws IOException {
        Random random = new Random(3550);
        String[][] formats = {
            {"0", null, "0", "0"}, {"8", "PCMA", "8000", "1"}, {"9", null, "0", "0"}, {"13", null, "0", "0"},
            {"18", null, "0", "0"}, {"101", "telephone-event", "8000", "0"}, {"111", "opus", "48000", "2"},
            {"96", "L16", "16000", "2"}, {"97", "L16", "1", "1"}, {"98", "L16", "44100", "200"}, {"99", null, "0", "0"},
            {"100", "AMR", "8000", "1"}, {"9", "G722", "16000", "1"}, {"0", "PCMU", "2000000000", "1"},
        };
        for (int call = 0; call < 15; call++) {
            CallAudio audio = new CallAudio(random.nextBoolean() ? CallAudio.DEFAULT_MAX_PAYLOAD_BYTES : 20_000);
            long t0 = random.nextLong(1L << 50);
            int[] seq = new int[4];
            long[] ts = new long[4];
            for (int p = random.nextInt(400); p > 0; p--) {
                int stream = random.nextInt(4);
                String[] f = formats[random.nextInt(formats.length)];
                boolean orderly = random.nextInt(10) > 0;
                seq[stream] = orderly ? seq[stream] + 1 : random.nextInt(1 << 16);
                ts[stream] = orderly ? ts[stream] + random.nextInt(1000) : random.nextLong(1L << 32);
                byte[] payload = new byte[random.nextInt(1200)];
                random.nextBytes(payload);
                audio.onRtp(stream < 2, stream, t0 + random.nextLong(10_000_000_000L), seq[stream], ts[stream],
                        Integer.parseInt(f[0]), f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                        random.nextInt(8) == 0, payload, 0, payload.length);
            }
            Path wav = dir.resolve("fuzz.wav");
            AudioReport report = audio.writeWav(wav);
            assertThat(report.sampleRate()).isIn(8000, 16000, 48000);
            WavFile.Format format = WavFile.readFormat(wav);
            assertThat(format.frames()).isEqualTo(report.frames());
            assertThat(Files.size(wav)).isEqualTo(44 + 4 * report.frames());
            assertThat(report.frames()).isLessThanOrEqualTo(12L * report.sampleRate());
        }
    }
}
