package org.callscope.engine.tls.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.callscope.engine.testsupport.SharedTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyLogFilesTest {
    private static final String RANDOM = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    @Test
    void loadsThirdPartyKeyLogs() throws IOException {
        SessionKeys keys = new SessionKeys();
        Path all = SharedTestData.file("lekensteyn-wireshark-notes/tls12-all-ciphers.keylog.txt");
        assertThat(KeyLogFiles.load(all, keys, warnings::add)).isEqualTo(78);
        assertThat(KeyLogFiles.load(SharedTestData.file("scapy/tls_nss_example.keys.txt"), keys, warnings::add))
                .isEqualTo(6);
        assertThat(warnings).isEmpty();
        assertThat(keys.size()).isEqualTo(84);
        // loading again adds nothing new
        assertThat(KeyLogFiles.load(all, keys, warnings::add)).isZero();
        String first = Files.readAllLines(all).getFirst();
        String[] f = first.split(" ");
        assertThat(keys.masterSecret(HexFormat.of().parseHex(f[1]))).isEqualTo(HexFormat.of().parseHex(f[2]));
    }

    @Test
    void badLinesAreReportedAsFileAndLineAndSkipped() throws IOException {
        Path file = dir.resolve("keys.log");
        String longLine = "CLIENT_RANDOM " + "0".repeat(5000);
        Files.writeString(file, "# comment\r\n"
                + "CLIENT_RANDOM " + RANDOM + " " + "aa".repeat(48) + "\r\n"
                + "CLIENT_RANDOM " + RANDOM.substring(2) + " " + "aa".repeat(48) + "\n"
                + "\n"
                + "BOGUS_LABEL 00 11\n"
                + longLine + "\n"
                + "EXPORTER_SECRET " + RANDOM + " " + "bb".repeat(32), StandardCharsets.US_ASCII); // no final newline
        SessionKeys keys = new SessionKeys();
        assertThat(KeyLogFiles.load(file, keys, warnings::add)).isEqualTo(2);
        assertThat(warnings).containsExactly(
                file + ":3: CLIENT_RANDOM: client random must be 32 bytes (64 hex digits), got 31 bytes",
                file + ":5: unknown label \"BOGUS_LABEL\"",
                file + ":6: line too long (more than 1024 characters)");
        assertThat(keys.find(SecretLabel.EXPORTER_SECRET, HexFormat.of().parseHex(RANDOM))).hasSize(32);
    }

    @Test
    void binaryJunkIsBadLinesNotAnError() throws IOException {
        Path file = dir.resolve("junk.bin");
        byte[] junk = new byte[20_000]; // no line breaks: one bounded, too-long line
        new java.util.Random(3).nextBytes(junk);
        for (int i = 0; i < junk.length; i++) {
            if (junk[i] == '\n') {
                junk[i] = 'x';
            }
        }
        Files.write(file, junk);
        assertThat(KeyLogFiles.load(file, new SessionKeys(), warnings::add)).isZero();
        assertThat(warnings).hasSize(1).first().asString().startsWith(file + ":1: ");
    }

    @Test
    void missingFileIsNamedAsSuch() {
        Path missing = dir.resolve("nope.log");
        assertThatThrownBy(() -> KeyLogFiles.load(missing, new SessionKeys(), warnings::add))
                .isInstanceOf(NoSuchFileException.class).hasMessage(missing + ": no such file");
    }

    @Test
    void directoryIsNotReadAsAFile() {
        assertThatThrownBy(() -> KeyLogFiles.load(dir, new SessionKeys(), warnings::add))
                .isInstanceOf(FileSystemException.class).hasMessage(dir + ": is a directory, not a file");
    }
}
