package org.callscope.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectBufferFileInputStreamTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryByteAcrossBufferRefillsInAnyChunkSize() throws Exception {
        byte[] content = new byte[3 * 4096 + 1234];
        Random random = new Random(7);
        random.nextBytes(content);
        Path file = Files.write(dir.resolve("data.bin"), content);
        for (int round = 0; round < 20; round++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = DirectBufferFileInputStream.open(file, 4096)) {
                byte[] chunk = new byte[1 + random.nextInt(10_000)];
                int n;
                while ((n = in.read(chunk, 0, 1 + random.nextInt(chunk.length))) > 0) {
                    out.write(chunk, 0, n);
                }
                assertThat(n).isEqualTo(-1);
                assertThat(in.read()).isEqualTo(-1);
            }
            assertThat(out.toByteArray()).isEqualTo(content);
        }
    }

    @Test
    void singleBytesAndEmptyFiles() throws Exception {
        Path file = Files.write(dir.resolve("two.bin"), new byte[] {(byte) 0xff, 1});
        try (InputStream in = DirectBufferFileInputStream.open(file, 1)) {
            assertThat(in.read()).isEqualTo(0xff);
            assertThat(in.read()).isEqualTo(1);
            assertThat(in.read()).isEqualTo(-1);
            assertThat(in.read(new byte[4], 0, 0)).isZero();
        }
        try (InputStream in = DirectBufferFileInputStream.open(Files.write(dir.resolve("empty.bin"), new byte[0]))) {
            assertThat(in.read(new byte[4], 0, 4)).isEqualTo(-1);
        }
    }

    @Test
    void closingTwiceIsHarmlessAndReadingAfterCloseIsAnError() throws Exception {
        Path file = Files.write(dir.resolve("three.bin"), new byte[] {1, 2, 3});
        InputStream in = DirectBufferFileInputStream.open(file, 2);
        assertThat(in.read()).isEqualTo(1);
        in.close();
        in.close();
        assertThatThrownBy(() -> in.read(new byte[4], 0, 4)).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void nonRegularFilesAreStreamedAndMissingFilesSaySo() throws Exception {
        try (InputStream in = DirectBufferFileInputStream.open(Path.of("/dev/null"))) {
            assertThat(in).isNotInstanceOf(DirectBufferFileInputStream.class);
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThatThrownBy(() -> DirectBufferFileInputStream.open(dir.resolve("absent.pcap"))).isInstanceOf(NoSuchFileException.class);
    }
}
