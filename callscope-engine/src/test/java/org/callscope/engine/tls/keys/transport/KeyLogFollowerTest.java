package org.callscope.engine.tls.keys.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.tls.keys.transport.TransportTestSupport.line;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyLogFollowerTest {
    @TempDir
    Path dir;

    private final List<String> lines = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private KeyLogFollower follower;

    @AfterEach
    void close() {
        if (follower != null) {
            follower.close();
        }
    }

    private Path file() {
        return dir.resolve("sslkeylog.txt");
    }

    private KeyLogFollower follow(boolean fromStart) {
        follower = new KeyLogFollower(file(), fromStart, lines::add, warnings::add);
        return follower;
    }

    private void append(String text) throws IOException {
        Files.writeString(file(), text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void startsAtTheEndAndWaitsForCompleteLines() throws IOException {
        append(line(1) + "\n" + line(2) + "\n");
        follow(false);
        assertThat(follower.poll()).isZero();
        append(line(3) + "\n" + line(4).substring(0, 20));
        assertThat(follower.poll()).isEqualTo(1);
        assertThat(lines).containsExactly(line(3));
        assertThat(follower.poll()).isZero();
        append(line(4).substring(20) + "\r\n");
        assertThat(follower.poll()).isEqualTo(1);
        assertThat(lines).containsExactly(line(3), line(4));
        assertThat(warnings).isEmpty();
    }

    @Test
    void fromStartSendsWhatIsThere() throws IOException {
        append(line(1) + "\n# comment\n");
        follow(true);
        assertThat(follower.poll()).isEqualTo(2);
        assertThat(lines).containsExactly(line(1), "# comment");
    }

    @Test
    void followsARenameAndTheNewFile() throws IOException {
        append(line(1) + "\n");
        follow(false);
        follower.poll();
        append(line(2) + "\n");
        Files.move(file(), dir.resolve("sslkeylog.txt.1"));
        append(line(3) + "\n");
        follower.poll();
        assertThat(lines).containsExactly(line(2), line(3));
        append(line(4) + "\n");
        follower.poll();
        assertThat(lines).containsExactly(line(2), line(3), line(4));
        assertThat(warnings).isEmpty();
    }

    @Test
    void followsADeletedAndRecreatedFileEvenWhenItWasMissingForAWhile() throws IOException {
        append(line(1) + "\n");
        follow(false);
        follower.poll();
        Files.delete(file());
        assertThat(follower.poll()).isZero();
        assertThat(warnings).singleElement().asString().contains("no such file");
        append(line(2) + "\n" + line(3) + "\n");
        assertThat(follower.poll()).isEqualTo(2);
        assertThat(lines).containsExactly(line(2), line(3));
    }

    @Test
    void aFileThatAppearsLaterIsReadFromItsStart() throws IOException {
        follow(false);
        assertThat(follower.poll()).isZero();
        append(line(1) + "\n");
        assertThat(follower.poll()).isEqualTo(1);
        assertThat(lines).containsExactly(line(1));
    }

    @Test
    void aTruncatedFileIsReadAgainFromItsStart() throws IOException {
        append(line(1) + "\n" + line(2) + "\n");
        follow(true);
        follower.poll();
        try (FileChannel ch = FileChannel.open(file(), StandardOpenOption.WRITE)) {
            ch.truncate(0); // as logrotate's copytruncate does
        }
        append(line(3) + "\n");
        assertThat(follower.poll()).isEqualTo(1);
        assertThat(lines).containsExactly(line(1), line(2), line(3));
        assertThat(warnings).singleElement().asString().contains("truncated");
    }

    @Test
    void aFileTruncatedAndRewrittenToTheSameLengthBetweenPollsIsReadAgain() throws IOException {
        append(line(1) + "\n");
        follow(false);
        follower.poll();
        append(line(2) + "\n");
        follower.poll();
        Files.writeString(file(), line(3) + "\n" + line(4) + "\n"); // same length as lines 1 and 2
        assertThat(follower.poll()).isEqualTo(2);
        assertThat(lines).containsExactly(line(2), line(3), line(4));
        assertThat(warnings).singleElement().asString().contains("truncated");
    }

    @Test
    void skipsOverlongLinesWithAWarning() throws IOException {
        follow(true);
        append("x".repeat(1023) + "\n" + "y".repeat(5000) + "\n" + line(1) + "\n");
        assertThat(follower.poll()).isEqualTo(2);
        assertThat(lines).containsExactly("x".repeat(1023), line(1));
        assertThat(warnings).singleElement().asString().contains("longer than 1024 bytes");
    }
}
