package org.callscope.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.callscope.engine.dtlssrtp.DtlsSrtpSettings;
import org.callscope.engine.dtlssrtp.DtlsSrtpSettings.HandshakeSafe;
import org.junit.jupiter.api.Test;

class DtlsConfigTest {

    private static DtlsSrtpSettings settings(String text, List<String> warnings) throws ConfigException {
        AnalyzerSettings s = new AnalyzerSettings();
        s.apply(ConfigFileReader.parse(text, "voipmonitor.conf"), warnings::add);
        return s.dtlsSrtpSettings();
    }

    private static DtlsSrtpSettings settings(String text) throws ConfigException {
        List<String> warnings = new ArrayList<>();
        DtlsSrtpSettings s = settings(text, warnings);
        assertThat(warnings).isEmpty();
        return s;
    }

    @Test
    void withoutKeysTheSettingsAreVoipmonitorsDefaults() throws ConfigException {
        DtlsSrtpSettings s = settings("");
        assertThat(s).isEqualTo(DtlsSrtpSettings.defaults());
        assertThat(s.queue()).isTrue();
        assertThat(s.queueExpirationNanos()).isEqualTo(10_000_000_000L);
        assertThat(s.queueKeep()).isFalse();
        assertThat(s.handshakeSafe()).isEqualTo(HandshakeSafe.NO);
    }

    @Test
    void readsEveryDtlsKeyWithoutWarnings() throws ConfigException {
        DtlsSrtpSettings s = settings("""
                [general]
                ssl_dtls_queue = no
                ssl_dtls_queue_expiration = 30
                ssl_dtls_queue_keep = yes
                ssl_dtls_handshake_safe = yes
                srtp_rtp_local_instances = yes
                ssl_sessionkey_keep = no
                """);
        assertThat(s.queue()).isFalse();
        assertThat(s.queueExpirationNanos()).isEqualTo(30_000_000_000L);
        assertThat(s.queueKeep()).isTrue();
        assertThat(s.handshakeSafe()).isEqualTo(HandshakeSafe.YES);
        assertThat(s.localInstances()).isTrue();
        assertThat(s.sessionKeyKeep()).as("ssl_sessionkey_keep is shared with TLS").isFalse();
    }

    @Test
    void handshakeSafeTakesTheOriginalsLevelsAndOnly() throws ConfigException {
        assertThat(settings("ssl_dtls_handshake_safe = 0\n").handshakeSafe()).isEqualTo(HandshakeSafe.NO);
        assertThat(settings("ssl_dtls_handshake_safe = 1\n").handshakeSafe()).isEqualTo(HandshakeSafe.YES);
        assertThat(settings("ssl_dtls_handshake_safe = 2\n").handshakeSafe()).isEqualTo(HandshakeSafe.EXT);
        assertThat(settings("ssl_dtls_handshake_safe = EXT\n").handshakeSafe()).isEqualTo(HandshakeSafe.EXT);
        assertThat(settings("ssl_dtls_handshake_safe = only\n").handshakeSafe()).isEqualTo(HandshakeSafe.ONLY);
    }

    @Test
    void boostTurnsEveryAidOnAndExplicitKeysWinWhereverTheyStand() throws ConfigException {
        assertThat(settings("ssl_dtls_boost = yes\n")).isEqualTo(DtlsSrtpSettings.boost());
        DtlsSrtpSettings s = settings("ssl_dtls_queue_keep = no\nssl_dtls_boost = yes\nssl_dtls_handshake_safe = only\n");
        assertThat(s.queueKeep()).isFalse();
        assertThat(s.handshakeSafe()).isEqualTo(HandshakeSafe.ONLY);
        assertThat(s.localInstances()).as("from boost").isTrue();
        assertThat(settings("ssl_dtls_boost = no\n")).isEqualTo(DtlsSrtpSettings.defaults());
    }

    @Test
    void badValuesNameFileLineAndKey() {
        assertThatThrownBy(() -> settings("\nssl_dtls_queue = perhaps\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("voipmonitor.conf:2: invalid value for 'ssl_dtls_queue': 'perhaps' is not yes or no");
        assertThatThrownBy(() -> settings("ssl_dtls_queue_expiration = 0\n"))
                .hasMessage("voipmonitor.conf:1: invalid value for 'ssl_dtls_queue_expiration': '0' is not a positive whole number");
        assertThatThrownBy(() -> settings("ssl_dtls_queue_expiration = 10s\n"))
                .hasMessage("voipmonitor.conf:1: invalid value for 'ssl_dtls_queue_expiration': '10s' is not a whole number");
        assertThatThrownBy(() -> settings("a = b\n\n\nssl_dtls_handshake_safe = 3\n", new ArrayList<>()))
                .hasMessage("voipmonitor.conf:4: invalid value for 'ssl_dtls_handshake_safe': '3' is not no, yes, ext (2) or only");
        assertThatThrownBy(() -> settings("ssl_dtls_boost = \n"))
                .hasMessageStartingWith("voipmonitor.conf:1: invalid value for 'ssl_dtls_boost'");
        assertThatThrownBy(() -> settings("srtp_rtp_local_instances = 2\n"))
                .hasMessage("voipmonitor.conf:1: invalid value for 'srtp_rtp_local_instances': '2' is not yes or no");
    }
}
