package org.callscope.engine.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.callscope.engine.testsupport.WavFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavWriterTest {

    @Test
    void writesTheCanonicalHeaderWithSizesFilledInAtClose(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a.wav");
        try (WavWriter w = new WavWriter(file, 16000, 2)) {
            w.write(frames(new short[] {1, -1, 2, -2, 3, -3}));
            assertThat(w.frames()).isEqualTo(3);
        }
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).hasSize(44 + 12);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(bytes, 0, 4, "US-ASCII")).isEqualTo("RIFF");
        assertThat(b.getInt(4)).isEqualTo(36 + 12);
        assertThat(new String(bytes, 8, 8, "US-ASCII")).isEqualTo("WAVEfmt ");
        assertThat(b.getInt(16)).isEqualTo(16);
        assertThat(b.getShort(20)).isEqualTo((short) 1);
        assertThat(b.getShort(22)).isEqualTo((short) 2);
        assertThat(b.getInt(24)).isEqualTo(16000);
        assertThat(b.getInt(28)).isEqualTo(64000);
        assertThat(b.getShort(32)).isEqualTo((short) 4);
        assertThat(b.getShort(34)).isEqualTo((short) 16);
        assertThat(new String(bytes, 36, 4, "US-ASCII")).isEqualTo("data");
        assertThat(b.getInt(40)).isEqualTo(12);
        assertThat(WavFile.readChannel(file, 0)).containsExactly((short) 1, (short) 2, (short) 3);
        assertThat(WavFile.readChannel(file, 1)).containsExactly((short) -1, (short) -2, (short) -3);
    }

    @Test
    void anEmptyFileIsAValidWav(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("empty.wav");
        new WavWriter(file, 8000, 2).close();
        WavFile.Format f = WavFile.readFormat(file);
        assertThat(f.frames()).isZero();
        assertThat(f.riffSize()).isEqualTo(36);
    }

    @Test
    void theLimitIsTheRiffSizeField() {
        assertThat(WavWriter.maxFrames(2) * 4 + 36).isLessThanOrEqualTo(0xFFFF_FFFFL).isGreaterThan(0xFFFF_FFFFL - 4);
        IOException e = WavWriter.tooLong(Path.of("x.wav"), WavWriter.maxFrames(2) + 1, 8000, 2);
        assertThat(e).hasMessageContaining("x.wav").hasMessageContaining("37.3 hours").hasMessageContaining("8000 Hz");
    }

    @Test
    void sizesPast2GibAreWrittenAsUnsigned32BitFields() {
        long threeGib = 3L << 30;
        ByteBuffer h = WavWriter.header(48000, 2, threeGib).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(Integer.toUnsignedLong(h.getInt(4))).isEqualTo(threeGib + 36);
        assertThat(Integer.toUnsignedLong(h.getInt(40))).isEqualTo(threeGib);
    }

    private static ByteBuffer frames(short[] interleaved) {
        ByteBuffer b = ByteBuffer.allocate(2 * interleaved.length).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : interleaved) {
            b.putShort(s);
        }
        return b.flip();
    }
}
