package org.callscope.engine.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.callscope.engine.srtp.SrtpContextTest.key;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a policy accepts: keys of its suite, MKIs that tell several keys apart, kdr 0 or a power of two up to 2^24. */
class SrtpPolicyTest {
    private static final SrtpSuite SUITE = SrtpSuite.AES_CM_128_HMAC_SHA1_80;
    private static final byte[] NONE = new byte[0];

    @Test
    void ofOneKeyEncryptsAndAuthenticatesEverything() {
        SrtpPolicy p = SrtpPolicy.of(key(SUITE));
        assertThat(p.rtpEncrypted()).isTrue();
        assertThat(p.rtcpEncrypted()).isTrue();
        assertThat(p.rtpAuthenticated()).isTrue();
        assertThat(p.keyDerivationRate()).isZero();
        assertThat(p.mkiLength()).isZero();
        assertThat(p.toString()).isEqualTo("SrtpPolicy[AES_CM_128_HMAC_SHA1_80, 1 key]").doesNotContain("key=");
    }

    @Test
    void refusesWhatCannotWork() {
        assertThatThrownBy(() -> new SrtpPolicy(SUITE, List.of(), true, true, true, 0)).hasMessage("no SRTP master key");
        assertThatThrownBy(() -> new SrtpPolicy(SUITE, List.of(key(SrtpSuite.AEAD_AES_128_GCM)), true, true, true, 0))
                .hasMessage("master key 1 is for AEAD_AES_128_GCM, not AES_CM_128_HMAC_SHA1_80");
        assertThatThrownBy(() -> new SrtpPolicy(SUITE, List.of(key(SUITE, 1, NONE, 0), key(SUITE, 2, NONE, 0)), true, true, true, 0))
                .hasMessage("several master keys need an MKI each");
        assertThatThrownBy(() -> new SrtpPolicy(SUITE, List.of(key(SUITE, 1, new byte[] {1}, 0), key(SUITE, 2, new byte[] {0, 1}, 0)),
                true, true, true, 0)).hasMessage("master keys have MKIs of different lengths");
        assertThatThrownBy(() -> new SrtpPolicy(SUITE, List.of(key(SUITE, 1, new byte[] {1}, 0), key(SUITE, 2, new byte[] {1}, 0)),
                true, true, true, 0)).hasMessage("master keys 1 and 2 have the same MKI");
        for (long kdr : new long[] {3, -2, 1L << 25}) {
            assertThatThrownBy(() -> new SrtpPolicy(SUITE, List.of(key(SUITE)), true, true, true, kdr))
                    .hasMessage("key derivation rate " + kdr + " is not 0 or a power of two up to 2^24");
        }
        assertThat(new SrtpPolicy(SUITE, List.of(key(SUITE)), true, true, true, 1L << 24).keyDerivationRate()).isEqualTo(1L << 24);
    }
}
