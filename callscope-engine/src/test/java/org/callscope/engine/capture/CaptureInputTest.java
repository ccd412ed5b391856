package org.callscope.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CaptureInputTest {

    @Test
    void aSmallFirstWindowGrowsForLargerRequestsAndKeepsEveryByteInPlace() throws IOException {
        byte[] content = new byte[3 * CaptureInput.WINDOW_BYTES];
        new Random(3).nextBytes(content);
        CaptureInput in = new CaptureInput(new ByteArrayInputStream(content), false, 64);
        assertThat(in.buffer()).hasSize(64);
        long offset = 0;
        int[] requests = {10, 64, 100, 5000, 7, 70_000, CaptureInput.WINDOW_BYTES, 1, 300_000};
        for (int n : requests) {
            assertThat(in.request(n)).isGreaterThanOrEqualTo(n);
            assertThat(in.offset()).isEqualTo(offset);
            assertThat(Arrays.copyOfRange(in.buffer(), in.position(), in.position() + n))
                    .isEqualTo(Arrays.copyOfRange(content, (int) offset, (int) offset + n));
            in.consume(n);
            offset += n;
        }
        assertThat(in.buffer()).hasSize(CaptureInput.WINDOW_BYTES);
        assertThat(in.skip(content.length)).isEqualTo(content.length - offset);
        assertThat(in.request(1)).isZero();
    }

    @Test
    void aFirstFrameLargerThanTheScanBuffersIsStillRead() throws Exception {
        byte[] big = new byte[40_000];
        new Random(4).nextBytes(big);
        CaptureBytes.Writer w = CaptureBytes.pcap(false, false, LinkType.ETHERNET, 65535);
        CaptureBytes.record(w, 7, 0, big, big.length);
        CaptureBytes.record(w, 8, 0, new byte[] {1}, 1);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("big-first", ".pcap");
        try {
            java.nio.file.Files.write(file, w.toBytes());
            try (PacketSource s = CaptureFiles.openForFirstFrame(file)) {
                CapturedPacket p = new CapturedPacket(16);
                assertThat(s.next(p)).isTrue();
                assertThat(Arrays.copyOf(p.data, p.capturedLength)).isEqualTo(big);
                assertThat(s.next(p)).isTrue();
                assertThat(p.tsNanos).isEqualTo(8_000_000_000L);
                assertThat(s.next(p)).isFalse();
                assertThat(s.damage()).isNull();
            }
            assertThat(DeferredFileSource.scan(file).firstTsNanos()).isEqualTo(7_000_000_000L);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }
}
