package org.callscope.engine.tls.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.callscope.engine.testsupport.SharedTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyLogLineTest {
    private static final String RANDOM = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private static final String SECRET_48 = "aa".repeat(48);
    private static final String SECRET_32 = "bb".repeat(32);

    /** Every key line of a third-party file: what the file says, decoded by the JDK, not by us. */
    private record FileLine(String text, String label, byte[] id, byte[] secret) {
    }

    private static List<FileLine> thirdPartyLines(String relative) throws IOException {
        List<FileLine> out = new ArrayList<>();
        for (String line : Files.readAllLines(SharedTestData.file(relative), StandardCharsets.US_ASCII)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] f = line.split(" ");
                out.add(new FileLine(line, f[0], HexFormat.of().parseHex(f[1]), HexFormat.of().parseHex(f[2])));
            }
        }
        return out;
    }

    private static List<KeyLogEntry> parseAll(List<FileLine> lines) throws KeyLogFormatException {
        List<KeyLogEntry> entries = new ArrayList<>();
        for (FileLine line : lines) {
            KeyLogEntry e = KeyLogLine.parse(line.text());
            assertThat(e.label().name()).isEqualTo(line.label());
            assertThat(e.id()).isEqualTo(line.id());
            assertThat(e.secret()).isEqualTo(line.secret());
            // round trip: our text is the file's, up to the case of the hex digits
            assertThat(KeyLogLine.format(e)).isEqualToIgnoringCase(line.text());
            assertThat(KeyLogLine.parse(KeyLogLine.format(e))).isEqualTo(e);
            entries.add(e);
        }
        return entries;
    }

    private static Map<SecretLabel, Long> labels(List<KeyLogEntry> entries) {
        return entries.stream().collect(Collectors.groupingBy(KeyLogEntry::label, Collectors.counting()));
    }

    @Test
    void illustratedTls12HasOneMasterSecret() throws Exception {
        List<KeyLogEntry> entries = parseAll(thirdPartyLines("illustrated-tls12/keylog.txt"));
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.label()).isEqualTo(SecretLabel.CLIENT_RANDOM);
            assertThat(e.id()).hasSize(32);
            assertThat(e.secret()).hasSize(48);
        });
    }

    @Test
    void illustratedTls13HasFiveSha256Secrets() throws Exception {
        // AES-128-GCM-SHA256 (tls13.xargs.org): every secret is a SHA-256 output
        List<KeyLogEntry> entries = parseAll(thirdPartyLines("illustrated-tls13/keylog.txt"));
        assertThat(labels(entries)).containsOnlyKeys(SecretLabel.CLIENT_HANDSHAKE_TRAFFIC_SECRET,
                SecretLabel.SERVER_HANDSHAKE_TRAFFIC_SECRET, SecretLabel.CLIENT_TRAFFIC_SECRET_0,
                SecretLabel.SERVER_TRAFFIC_SECRET_0, SecretLabel.EXPORTER_SECRET);
        assertThat(entries).allSatisfy(e -> assertThat(e.secret()).hasSize(32));
    }

    @Test
    void scapyHasTls12AndSha384Tls13Secrets() throws Exception {
        // scapy README: TLS 1.2 CLIENT_RANDOM 216e876e..., TLS 1.3 TLS_AES_256_GCM_SHA384 keyed by 74ef9557...
        List<KeyLogEntry> entries = parseAll(thirdPartyLines("scapy/tls_nss_example.keys.txt"));
        assertThat(entries).hasSize(6);
        assertThat(entries).filteredOn(e -> e.label() == SecretLabel.CLIENT_RANDOM).singleElement()
                .satisfies(e -> assertThat(HexFormat.of().formatHex(e.id())).startsWith("216e876e"));
        assertThat(entries).filteredOn(e -> e.label().isTls13()).hasSize(5).allSatisfy(e -> {
            assertThat(HexFormat.of().formatHex(e.id())).startsWith("74ef9557");
            assertThat(e.secret()).hasSize(48);
        });
    }

    @Test
    void lekensteynAllCiphersHas78MasterSecretsInUpperCaseHex() throws Exception {
        List<KeyLogEntry> entries = parseAll(thirdPartyLines("lekensteyn-wireshark-notes/tls12-all-ciphers.keylog.txt"));
        assertThat(entries).hasSize(78).allSatisfy(e -> {
            assertThat(e.label()).isEqualTo(SecretLabel.CLIENT_RANDOM);
            assertThat(e.secret()).hasSize(48);
        });
    }

    @Test
    void lekensteynWebrtcHasTwoMasterSecrets() throws Exception {
        List<KeyLogEntry> entries = parseAll(thirdPartyLines("lekensteyn-wireshark-notes/webrtc-freeswitch.keylog.txt"));
        assertThat(entries).extracting(e -> HexFormat.of().formatHex(e.id()).substring(0, 8))
                .containsExactly("f9dcd4c3", "9be49c50");
    }

    @Test
    void commentsAndBlankLinesAreNoEntries() throws Exception {
        assertThat(KeyLogLine.parse("")).isNull();
        assertThat(KeyLogLine.parse("   \t\r")).isNull();
        assertThat(KeyLogLine.parse("# SSL/TLS secrets log file, generated by OpenSSL")).isNull();
        assertThat(KeyLogLine.parse("  # indented comment")).isNull();
    }

    @Test
    void everyLabelWithItsSizes() throws Exception {
        String rsaId = "0123456789abcdef";
        KeyLogEntry rsa = KeyLogLine.parse("RSA " + rsaId + " " + SECRET_48);
        assertThat(rsa.label()).isEqualTo(SecretLabel.RSA);
        assertThat(rsa.id()).isEqualTo(HexFormat.of().parseHex(rsaId));
        for (SecretLabel label : SecretLabel.values()) {
            if (label.isTls13()) {
                assertThat(KeyLogLine.parse(label + " " + RANDOM + " " + SECRET_32).secret()).hasSize(32);
                assertThat(KeyLogLine.parse(label + " " + RANDOM + " " + SECRET_48).secret()).hasSize(48);
            }
        }
        assertThat(KeyLogLine.parse("CLIENT_EARLY_TRAFFIC_SECRET " + RANDOM + " " + SECRET_32).label())
                .isEqualTo(SecretLabel.CLIENT_EARLY_TRAFFIC_SECRET);
        assertThat(KeyLogLine.parse("EARLY_EXPORTER_SECRET " + RANDOM + " " + SECRET_48).label())
                .isEqualTo(SecretLabel.EARLY_EXPORTER_SECRET);
    }

    @Test
    void toleratesWhatRealWritersProduce() throws Exception {
        KeyLogEntry plain = KeyLogLine.parse("CLIENT_RANDOM " + RANDOM + " " + SECRET_48);
        assertThat(KeyLogLine.parse("CLIENT_RANDOM " + RANDOM + " " + SECRET_48 + "\r")).isEqualTo(plain);
        assertThat(KeyLogLine.parse("\uFEFFCLIENT_RANDOM\t" + RANDOM + "   " + SECRET_48.toUpperCase())).isEqualTo(plain);
        assertThat(KeyLogLine.parse("client_random " + RANDOM + " " + SECRET_48)).isEqualTo(plain);
        assertThatThrownBy(() -> KeyLogLine.parse("cl\u0131ent_random " + RANDOM + " " + SECRET_48))
                .hasMessage("unknown label \"cl\\u0131ent_random\"");
        // OpenSSL 3 also logs the secrets after each TLS 1.3 KeyUpdate: derived, so skipped without complaint.
        assertThat(KeyLogLine.parse("CLIENT_TRAFFIC_SECRET_1 " + RANDOM + " " + SECRET_32)).isNull();
        assertThat(KeyLogLine.parse("SERVER_TRAFFIC_SECRET_12 " + RANDOM + " " + SECRET_48)).isNull();
        assertThatThrownBy(() -> KeyLogLine.parse("SERVER_TRAFFIC_SECRET_01 " + RANDOM + " " + SECRET_48))
                .hasMessageStartingWith("unknown label");
    }

    @Test
    void formatWritesLowerCaseHexWithSingleSpaces() {
        KeyLogEntry e = new KeyLogEntry(SecretLabel.SERVER_TRAFFIC_SECRET_0, HexFormat.of().parseHex(RANDOM),
                HexFormat.of().parseHex("AB".repeat(32)));
        assertThat(KeyLogLine.format(e)).isEqualTo("SERVER_TRAFFIC_SECRET_0 " + RANDOM + " " + "ab".repeat(32));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "CLIENT_RANDOM                                     | missing fields: expected LABEL ID SECRET, got 1 field",
        "CLIENT_RANDOM 00                                  | missing fields: expected LABEL ID SECRET, got 2 fields",
        "CLIENT_RANDOM 00 11 22                            | extra fields: expected LABEL ID SECRET, got 4 fields",
        "SERVER_RANDOM 00 11                               | unknown label \"SERVER_RANDOM\"",
        "CLIENT_RANDOM 000 11                              | client random has an odd number of hex digits (3)",
        "CLIENT_RANDOM 0g 11                               | client random is not hex: \"g\" at position 2",
        "CLIENT_RANDOM 0011 11                             | CLIENT_RANDOM: client random must be 32 bytes (64 hex digits), got 2 bytes",
        "RSA 0011 11                                       | RSA: RSA encrypted pre-master prefix must be 8 bytes (16 hex digits), got 2 bytes",
    })
    void malformedLinesSayWhatIsWrong(String line, String message) {
        assertThatThrownBy(() -> KeyLogLine.parse(line)).isInstanceOf(KeyLogFormatException.class).hasMessage(message);
    }

    @Test
    void secretSizesAreCheckedPerLabel() {
        assertThatThrownBy(() -> KeyLogLine.parse("CLIENT_RANDOM " + RANDOM + " " + SECRET_32))
                .hasMessage("CLIENT_RANDOM: master secret must be 48 bytes (96 hex digits), got 32 bytes");
        assertThatThrownBy(() -> KeyLogLine.parse("RSA 0011223344556677 " + SECRET_32))
                .hasMessage("RSA: RSA pre-master secret must be 48 bytes (96 hex digits), got 32 bytes");
        assertThatThrownBy(() -> KeyLogLine.parse("EXPORTER_SECRET " + RANDOM + " " + "cc".repeat(64)))
                .hasMessage("EXPORTER_SECRET: TLS 1.3 secret must be 32 or 48 bytes (64 or 96 hex digits), got 64 bytes");
        assertThatThrownBy(() -> KeyLogLine.parse("CLIENT_RANDOM " + RANDOM + " " + SECRET_48.substring(1) + "x"))
                .hasMessage("master secret is not hex: \"x\" at position 96");
    }

    @Test
    void hostileTextIsQuotedShortAndEscaped() {
        assertThatThrownBy(() -> KeyLogLine.parse("\u0007BELL\u001b[31m" + "A".repeat(200) + " 00 11"))
                .hasMessageStartingWith("unknown label \"\\u0007BELL\\u001b[31mAAAA")
                .hasMessageEndingWith("\"...")
                .hasMessageNotContaining("\u001b");
        assertThatThrownBy(() -> KeyLogLine.parse("CLIENT_RANDOM " + "0".repeat(2000) + " 11"))
                .hasMessage("line too long (2017 characters, at most 1024)");
    }

    @Test
    void nonAsciiDigitsAreNotHex() {
        // Character.digit would take these fullwidth digits as 0 and 1
        assertThatThrownBy(() -> KeyLogLine.parse("RSA \uFF10\uFF11" + "00".repeat(7) + " " + SECRET_48))
                .hasMessage("RSA encrypted pre-master prefix is not hex: \"\\uff10\" at position 1");
    }

    @Test
    void entriesCheckTheirSizesAndNeverShareArrays() {
        byte[] id = new byte[32];
        byte[] secret = new byte[48];
        KeyLogEntry e = new KeyLogEntry(SecretLabel.CLIENT_RANDOM, id, secret);
        id[0] = 1;
        e.secret()[0] = 1;
        assertThat(e.id()[0]).isZero();
        assertThat(e.secret()[0]).isZero();
        assertThat(e.toString()).doesNotContain("00".repeat(48)).contains("48-byte secret");
        assertThatThrownBy(() -> new KeyLogEntry(SecretLabel.RSA, new byte[32], secret))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyLogEntry(SecretLabel.CLIENT_RANDOM, id, new byte[32]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
