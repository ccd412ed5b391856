package org.callscope.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.callscope.engine.testsupport.SharedTestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Real captures read by us and by tshark must agree frame for frame. */
class ThirdPartyCaptureTest {

    static Stream<String> captures() throws IOException {
        Path root = SharedTestData.thirdParty();
        List<String> files = new ArrayList<>();
        for (String dir : List.of("wireshark-wiki-samples", "lekensteyn-wireshark-notes")) {
            try (Stream<Path> list = Files.list(root.resolve(dir))) {
                list.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng"))
                        .map(p -> root.relativize(p).toString()).sorted().forEach(files::add);
            }
        }
        assertThat(files).as("captures under " + root).isNotEmpty();
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void agreesWithTshark(String relative) throws Exception {
        Path file = SharedTestData.file(relative);
        List<long[]> ours = new ArrayList<>(); // tsNanos, capturedLength, originalLength
        try (PacketSource source = CaptureFiles.open(file)) {
            CapturedPacket p = new CapturedPacket();
            while (source.next(p)) {
                ours.add(new long[] {p.tsNanos, p.capturedLength, p.originalLength});
                assertThat(p.frameNumber).isEqualTo(ours.size());
            }
            assertThat(source.damage()).as("damage in " + relative).isNull();
        }
        assertThat(ours).as("frames in " + relative).isNotEmpty();
        assumeTrue(Tshark.available(), "tshark is absent: frame count and timestamps not compared with it");
        List<String[]> theirs = Tshark.fields(file, "frame.time_epoch", "frame.cap_len", "frame.len");
        assertThat(ours).as("frame count of " + relative).hasSameSizeAs(theirs);
        assertThat(ours.get(0)[0]).as("first timestamp").isEqualTo(Tshark.epochNanos(theirs.get(0)[0]));
        int last = theirs.size() - 1;
        assertThat(ours.get(last)[0]).as("last timestamp").isEqualTo(Tshark.epochNanos(theirs.get(last)[0]));
        for (int i = 0; i < theirs.size(); i++) {
            String[] t = theirs.get(i);
            assertThat(ours.get(i)).as("frame %d of %s", i + 1, relative).containsExactly(
                    Tshark.epochNanos(t[0]), Long.parseLong(t[1]), Long.parseLong(t[2]));
        }
    }
}
