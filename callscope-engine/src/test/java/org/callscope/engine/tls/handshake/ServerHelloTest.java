package org.callscope.engine.tls.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ServerHelloTest {
    private static byte[] withExtensions(Wire head, Wire extensions) {
        return head.vec16(extensions).toByteArray();
    }

    @Test
    void readsTheIllustratedTls13ServerHello() throws Exception {
        ServerHello sh = ServerHello.parse(Hellos.ILLUSTRATED_TLS13_SERVER_HELLO, false);
        assertThat(sh.legacyVersion()).isEqualTo(0x0303);
        assertThat(sh.random()).isEqualTo(Hellos.random(0x70));
        assertThat(sh.sessionId()).isEqualTo(Hellos.random(0xe0));
        assertThat(sh.cipherSuite()).isEqualTo(0x1301);
        assertThat(sh.compression()).isZero();
        assertThat(sh.selectedVersion()).isEqualTo(0x0304);
        assertThat(sh.negotiatedVersion()).isEqualTo(0x0304);
        assertThat(sh.keyShareGroup()).isEqualTo(0x001d);
        assertThat(sh.selectedPsk()).isEqualTo(-1);
        assertThat(sh.useSrtpProfile()).isEqualTo(-1);
        assertThat(sh.helloRetryRequest()).isFalse();
        assertThat(sh.extendedMasterSecret() || sh.encryptThenMac() || sh.sessionTicketExtension()).isFalse();
    }

    @Test
    void readsAnSsl3ServerHelloWithoutExtensions() throws Exception {
        ServerHello sh = ServerHello.parse(Hellos.serverHelloHead(0x0300, Hellos.random(9), 0x0004).toByteArray(), false);
        assertThat(sh.negotiatedVersion()).isEqualTo(0x0300);
        assertThat(sh.selectedVersion()).isZero();
        assertThat(sh.keyShareGroup()).isEqualTo(-1);
        assertThat(sh.cipherSuite()).isEqualTo(0x0004);
    }

    @Test
    void readsTls12FlagsPskAndUseSrtp() throws Exception {
        Wire ext = new Wire().ext(ExtensionType.RENEGOTIATION_INFO, "00")
                .ext(ExtensionType.EXTENDED_MASTER_SECRET, "")
                .ext(ExtensionType.ENCRYPT_THEN_MAC, "")
                .ext(ExtensionType.SESSION_TICKET, "")
                .ext(ExtensionType.USE_SRTP, "00020007" + "00")
                .ext(ExtensionType.PRE_SHARED_KEY, "0001");
        ServerHello sh = ServerHello.parse(withExtensions(Hellos.serverHelloHead(0xfefd, Hellos.random(1), 0xc02f), ext), true);
        assertThat(sh.extendedMasterSecret()).isTrue();
        assertThat(sh.encryptThenMac()).isTrue();
        assertThat(sh.sessionTicketExtension()).isTrue();
        assertThat(sh.useSrtpProfile()).isEqualTo(7);
        assertThat(sh.selectedPsk()).isEqualTo(1);
        assertThat(sh.negotiatedVersion()).isEqualTo(0xfefd);
    }

    @Test
    void recognisesAHelloRetryRequestAndItsBareKeyShareGroup() throws Exception {
        Wire ext = new Wire().ext(ExtensionType.SUPPORTED_VERSIONS, "0304").ext(ExtensionType.KEY_SHARE, "0017");
        byte[] hrr = withExtensions(Hellos.serverHelloHead(0x0303, Wire.hex(Hellos.HRR_RANDOM), 0x1301), ext);
        ServerHello sh = ServerHello.parse(hrr, false);
        assertThat(sh.helloRetryRequest()).isTrue();
        assertThat(sh.keyShareGroup()).isEqualTo(0x0017);
        byte[] notHrr = hrr.clone();
        notHrr[2] ^= 1;
        assertThatThrownBy(() -> ServerHello.parse(notHrr, false))
                .hasMessageStartingWith("ServerHello: key_exchange length needs 2 bytes, 0 left at offset ");
    }

    @Test
    void rejectsMalformedServerExtensions() {
        assertRejected(new Wire().ext(ExtensionType.USE_SRTP, "0004000100020000"), "SRTPProtectionProfiles length 4 outside 2..2");
        assertRejected(new Wire().ext(ExtensionType.SESSION_TICKET, "01"), "1 bytes left over after session_ticket (must be empty in a ServerHello)");
        assertRejected(new Wire().ext(ExtensionType.SUPPORTED_VERSIONS, "030403"), "1 bytes left over after selected_version");
        assertRejected(new Wire().ext(ExtensionType.PRE_SHARED_KEY, "00"), "selected_identity needs 2 bytes, 1 left");
        assertRejected(new Wire().ext(ExtensionType.EXTENDED_MASTER_SECRET, "").ext(ExtensionType.EXTENDED_MASTER_SECRET, ""),
                "duplicate extended_master_secret extension (23)");
    }

    @Test
    void everyTruncationFailsCleanlyOrIsAnExtensionlessHello() {
        byte[] full = Hellos.ILLUSTRATED_TLS13_SERVER_HELLO;
        int endOfCompression = 2 + 32 + 1 + 32 + 2 + 1;
        for (int n = 0; n < full.length; n++) {
            byte[] cut = Arrays.copyOf(full, n);
            try {
                ServerHello.parse(cut, false);
                assertThat(n).as("only the extensionless cut parses").isEqualTo(endOfCompression);
            } catch (TlsParseException e) {
                assertThat(n).isNotEqualTo(endOfCompression);
                assertThat(e).hasMessageStartingWith("ServerHello: ");
            }
        }
    }

    private static void assertRejected(Wire extensions, String problem) {
        byte[] body = withExtensions(Hellos.serverHelloHead(0x0303, Hellos.random(3), 0x2f), extensions);
        assertThatThrownBy(() -> ServerHello.parse(body, false)).isInstanceOf(TlsParseException.class)
                .hasMessageStartingWith("ServerHello: " + problem + " at offset ");
    }
}
