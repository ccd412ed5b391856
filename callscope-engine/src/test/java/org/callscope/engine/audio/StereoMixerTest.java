package org.callscope.engine.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.callscope.engine.testsupport.WavFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StereoMixerTest {

    @Test
    void sumsOverlappingStreamsOfOneSideClipsAndKeepsSidesApart(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.wav");
        try (WavWriter wav = new WavWriter(file, 8000, 2)) {
            StereoMixer mixer = new StereoMixer(wav);
            mixer.add(true, 2, new short[] {100, 200, 30000}, 3);
            mixer.add(true, 3, new short[] {5, 10000}, 2);
            mixer.add(false, 0, new short[] {-7}, 1);
            mixer.flushBefore(mixer.end());
        }
        assertThat(WavFile.readChannel(file, 0)).containsExactly((short) 0, (short) 0, (short) 100, (short) 205,
                Short.MAX_VALUE);
        assertThat(WavFile.readChannel(file, 1)).containsExactly((short) -7, (short) 0, (short) 0, (short) 0, (short) 0);
    }

    @Test
    void samplesBeforeTheFlushedPointAreDroppedAndLongSilencesCostNoWindow(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.wav");
        try (WavWriter wav = new WavWriter(file, 8000, 2)) {
            StereoMixer mixer = new StereoMixer(wav);
            mixer.add(true, 0, new short[] {1, 2, 3, 4}, 4);
            mixer.flushBefore(2);
            mixer.add(true, 1, new short[] {10, 10, 10}, 3);
            mixer.reach(100_000);
            mixer.flushBefore(mixer.end());
            assertThat(wav.frames()).isEqualTo(100_000);
        }
        short[] left = WavFile.readChannel(file, 0);
        assertThat(left).startsWith((short) 1, (short) 2, (short) 13, (short) 14, (short) 0);
    }

    @Test
    void aWriteFarAheadIsCutAtTheWindowLimit(@TempDir Path dir) throws IOException {
        try (WavWriter wav = new WavWriter(dir.resolve("m.wav"), 8000, 2)) {
            StereoMixer mixer = new StereoMixer(wav);
            mixer.add(true, StereoMixer.MAX_WINDOW_FRAMES - 2, new short[] {1, 2, 3, 4}, 4);
            assertThat(mixer.end()).isEqualTo(StereoMixer.MAX_WINDOW_FRAMES);
        }
    }
}
