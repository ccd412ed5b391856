package org.callscope.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalyzerSettingsTest {

    private static AnalyzerSettings apply(String text, List<String> warnings) throws ConfigException {
        AnalyzerSettings s = new AnalyzerSettings();
        s.apply(ConfigFileReader.parse(text, "voipmonitor.conf"), warnings::add);
        return s;
    }

    @Test
    void readsVoipmonitorSyntaxWithRepeatedKeysCommentsAndSection() throws ConfigException {
        List<String> warnings = new ArrayList<>();
        AnalyzerSettings s = apply("""
                ; VoIPmonitor configuration
                [general]
                sipport = 5060, 5070-5072   # main and lab
                sipport = 5080
                rtptimeout = 120
                savesip = no
                """, warnings);
        assertThat(s.sipPorts()).containsExactly(5060, 5070, 5071, 5072, 5080);
        assertThat(s.rtpTimeoutSeconds()).isEqualTo(120);
        assertThat(s.saveSip()).isFalse();
        assertThat(warnings).isEmpty();
    }

    @Test
    void firstSipportReplacesTheDefault() throws ConfigException {
        AnalyzerSettings s = apply("sipport = 5090\n", new ArrayList<>());
        assertThat(s.isSipPort(5060)).isFalse();
        assertThat(s.isSipPort(5090)).isTrue();
    }

    @Test
    void warnsAboutUnknownAndNotYetSupportedKeysWithFileAndLine() throws ConfigException {
        List<String> warnings = new ArrayList<>();
        apply("sipport = 5060\nfrobnicate = 1\nmysqlhost = db\n", warnings);
        assertThat(warnings).containsExactly(
                "voipmonitor.conf:2: unknown key 'frobnicate'; ignored",
                "voipmonitor.conf:3: 'mysqlhost' is not supported by this command yet; ignored");
    }

    @Test
    void rejectsInvalidValuesNamingFileLineAndKey() {
        assertThatThrownBy(() -> apply("\nsipport = 50x60\n", new ArrayList<>()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("voipmonitor.conf:2: invalid value for 'sipport': '50x60' is not a port or port range");
        assertThatThrownBy(() -> apply("sipport = 70000\n", new ArrayList<>()))
                .hasMessageContaining("outside 1-65535");
        assertThatThrownBy(() -> apply("rtptimeout = -5\n", new ArrayList<>()))
                .hasMessageContaining("'rtptimeout': '-5' is not a positive whole number");
        assertThatThrownBy(() -> apply("savesip = maybe\n", new ArrayList<>()))
                .hasMessageContaining("is not yes or no");
    }

    @Test
    void rejectsLinesThatAreNotKeyValue() {
        assertThatThrownBy(() -> ConfigFileReader.parse("sipport 5060\n", "x.conf"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("x.conf:1: expected 'key = value', found 'sipport 5060'");
        assertThatThrownBy(() -> ConfigFileReader.parse("[general\n", "x.conf"))
                .hasMessageContaining("unterminated section header");
    }

    @Test
    void skipsOtherSectionsWithAWarning() throws ConfigException {
        List<String> warnings = new ArrayList<>();
        AnalyzerSettings s = apply("[general]\nsipport = 5061\n[other]\nsipport = 9999\n", warnings);
        assertThat(s.sipPorts()).containsExactly(5061);
        assertThat(warnings).singleElement().asString().contains("section [other] is not read");
    }

    @Test
    void commandLinePortsWinOverTheFile() throws ConfigException {
        AnalyzerSettings s = apply("sipport = 5090\n", new ArrayList<>());
        s.setSipPorts(List.of(6000));
        assertThat(s.sipPorts()).containsExactly(6000);
        assertThatThrownBy(() -> s.setSipPorts(List.of(0))).hasMessageContaining("not a port number");
    }

    @Test
    void keepsHashInsideQuotes() throws ConfigException {
        ConfigFile f = ConfigFileReader.parse("spooldir = \"/var/spool/#calls\"\n", "x.conf");
        assertThat(f.all("spooldir")).singleElement().extracting(ConfigEntry::value).isEqualTo("/var/spool/#calls");
    }
}
