package org.callscope.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.callscope.engine.tls.keys.transport.KeyTransportPsk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ssl_sessionkey_bind}, {@code _bind_port}, {@code _secret}, {@code _secret_file}. */
class KeyTransportConfigTest {
    private static final String SECRET = "sixteen-or-more-bytes-of-secret";

    @TempDir
    Path dir;

    private static TlsConfig tls(String text) throws ConfigException {
        AnalyzerSettings s = new AnalyzerSettings();
        List<String> warnings = new ArrayList<>();
        s.apply(ConfigFileReader.parse(text, "voipmonitor.conf"), warnings::add);
        assertThat(warnings).isEmpty();
        return s.tls();
    }

    @Test
    void withoutKeysNoReceiverRuns() throws ConfigException {
        TlsConfig t = tls("");
        assertThat(t.keyTransportPort()).isZero();
        assertThat(t.keyTransportIp()).isEqualTo("127.0.0.1");
        assertThat(t.keyTransportPsk()).isNull();
    }

    @Test
    void readsAddressPortAndSecret() throws ConfigException {
        TlsConfig t = tls("ssl_sessionkey_bind = 0.0.0.0\nssl_sessionkey_bind_port = 5099\nssl_sessionkey_secret = "
                + SECRET + "\n");
        assertThat(t.keyTransportIp()).isEqualTo("0.0.0.0");
        assertThat(t.keyTransportPort()).isEqualTo(5099);
        assertThat(t.requireKeyTransportPsk()).isNotNull();
        assertThat(tls("ssl_sessionkey_bind = ::1\n").keyTransportIp()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(t.toString()).doesNotContain(SECRET);
    }

    @Test
    void theSecretFileGivesTheSameKeyAsTheSecret() throws Exception {
        Path file = dir.resolve("secret");
        Files.writeString(file, SECRET + "\n");
        TlsConfig fromFile = tls("ssl_sessionkey_bind_port = 5099\nssl_sessionkey_secret_file = " + file + "\n");
        TlsConfig inline = tls("ssl_sessionkey_secret = " + SECRET + "\n");
        KeyTransportPsk a = fromFile.requireKeyTransportPsk();
        KeyTransportPsk b = inline.keyTransportPsk();
        assertThat(a).usingRecursiveComparison().isEqualTo(b);
        assertThat(a).usingRecursiveComparison()
                .isNotEqualTo(tls("ssl_sessionkey_secret = another-secret-of-length\n").keyTransportPsk());
    }

    @Test
    void badValuesNameFileAndLineAndNeverTheSecret() {
        assertThatThrownBy(() -> tls("\nssl_sessionkey_bind = pbx.example\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("voipmonitor.conf:2: invalid value for 'ssl_sessionkey_bind': 'pbx.example' is not an IP address");
        assertThatThrownBy(() -> tls("ssl_sessionkey_bind_port = 0\n"))
                .hasMessage("voipmonitor.conf:1: invalid value for 'ssl_sessionkey_bind_port': '0' is not a port number (1-65535)");
        assertThatThrownBy(() -> tls("ssl_sessionkey_bind_port = x\n")).hasMessageContaining("'x' is not a whole number");
        assertThatThrownBy(() -> tls("\n\nssl_sessionkey_secret = short-secret\n"))
                .hasMessage("voipmonitor.conf:3: invalid value for 'ssl_sessionkey_secret': the secret has 12 bytes, "
                        + "at least 16 are required")
                .message().doesNotContain("short-secret");
        assertThatThrownBy(() -> tls("ssl_sessionkey_secret_file =\n"))
                .hasMessageContaining("voipmonitor.conf:1: invalid value for 'ssl_sessionkey_secret_file'");
        assertThatThrownBy(() -> tls("ssl_sessionkey_secret = " + SECRET + "\nssl_sessionkey_secret_file = /s\n"))
                .hasMessage("voipmonitor.conf:2: invalid value for 'ssl_sessionkey_secret_file': ssl_sessionkey_secret "
                        + "is set already (voipmonitor.conf:1); give one of the two")
                .message().doesNotContain(SECRET);
    }

    @Test
    void aPortWithoutSecretOrAnUnusableFileStopsTheStartWithFileAndLine() throws Exception {
        TlsConfig noSecret = tls("ssl_sessionkey_bind_port = 5099\n");
        assertThatThrownBy(noSecret::requireKeyTransportPsk)
                .isInstanceOf(ConfigException.class)
                .hasMessage("voipmonitor.conf:1: ssl_sessionkey_bind_port needs the shared secret: "
                        + "ssl_sessionkey_secret or ssl_sessionkey_secret_file");
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> tls("\nssl_sessionkey_secret_file = " + missing + "\n").keyTransportPsk())
                .hasMessage("voipmonitor.conf:2: ssl_sessionkey_secret_file: " + missing + ": no such file");
        Path shortFile = dir.resolve("short");
        Files.writeString(shortFile, "tiny-secret\n");
        assertThatThrownBy(() -> tls("ssl_sessionkey_secret_file = " + shortFile + "\n").keyTransportPsk())
                .hasMessageStartingWith("voipmonitor.conf:1: ssl_sessionkey_secret_file: the shared secret from "
                        + shortFile + " is too short: 11 bytes")
                .message().doesNotContain("tiny-secret");
    }
}
