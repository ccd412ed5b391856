package org.callscope.engine.tls.keys.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyTransportPskTest {
    @TempDir
    Path dir;

    private static String hex(KeyTransportPsk psk) {
        return HexFormat.of().formatHex(psk.bytes());
    }

    @Test
    void isHmacSha256OfTheLabelKeyedByTheSecret() throws Exception {
        KeyTransportPsk psk = KeyTransportPsk.fromSecret(TransportTestSupport.SECRET, "test");
        assertThat(psk.bytes()).hasSize(KeyTransportPsk.PSK_BYTES);
        assertThat(hex(psk)).isEqualTo(TransportTestSupport.pskHex(TransportTestSupport.SECRET));
        assertThat(hex(KeyTransportPsk.fromSecret(TransportTestSupport.OTHER_SECRET, "test"))).isNotEqualTo(hex(psk));
    }

    @Test
    void countsTheSecretInUtf8Bytes() throws Exception {
        String sixteenBytes = "äöüßäöüß"; // 8 characters, 16 bytes
        assertThat(hex(KeyTransportPsk.fromSecret(sixteenBytes, "test")))
                .isEqualTo(TransportTestSupport.pskHex(sixteenBytes));
        assertThatThrownBy(() -> KeyTransportPsk.fromSecret("äöüßäöü", "test"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("14 bytes");
    }

    @Test
    void refusesShortSecretsWithoutShowingThem() {
        assertThatThrownBy(() -> KeyTransportPsk.fromSecret("hunter2-secret!", "ssl_sessionkey_secret at a.conf:3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the shared secret from ssl_sessionkey_secret at a.conf:3 is too short: 15 bytes, "
                        + "at least 16 are required")
                .message().doesNotContain("hunter2");
        assertThatThrownBy(() -> KeyTransportPsk.fromSecret("", "x")).hasMessageContaining("0 bytes");
    }

    @Test
    void readsTheFirstLineOfAFileWithoutItsLineEnd() throws Exception {
        Path lf = dir.resolve("lf");
        Files.writeString(lf, TransportTestSupport.SECRET + "\nsecond line\n");
        Path crlf = dir.resolve("crlf");
        Files.writeString(crlf, TransportTestSupport.SECRET + "\r\n");
        Path bare = dir.resolve("bare");
        Files.writeString(bare, TransportTestSupport.SECRET);
        String expected = TransportTestSupport.pskHex(TransportTestSupport.SECRET);
        assertThat(hex(KeyTransportPsk.fromFile(lf))).isEqualTo(expected);
        assertThat(hex(KeyTransportPsk.fromFile(crlf))).isEqualTo(expected);
        assertThat(hex(KeyTransportPsk.fromFile(bare))).isEqualTo(expected);
    }

    @Test
    void fileErrorsNameTheFileAndNeverTheSecret() throws Exception {
        Path shortOne = dir.resolve("short");
        Files.write(shortOne, "tiny-secret\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> KeyTransportPsk.fromFile(shortOne))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(shortOne.toString()).hasMessageContaining("11 bytes")
                .message().doesNotContain("tiny-secret");
        Path empty = dir.resolve("empty");
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> KeyTransportPsk.fromFile(empty)).hasMessageContaining("0 bytes");
        assertThatThrownBy(() -> KeyTransportPsk.fromFile(dir.resolve("missing")))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("missing").hasMessageContaining("no such file");
        assertThatThrownBy(() -> KeyTransportPsk.fromFile(dir)).hasMessageContaining("is a directory");
    }

    @Test
    void toStringShowsNoKey() throws Exception {
        KeyTransportPsk psk = KeyTransportPsk.fromSecret(TransportTestSupport.SECRET, "test");
        assertThat(psk.toString()).isEqualTo("KeyTransportPsk[callscope-keylog-v1, 32 bytes]");
    }
}
