package org.callscope.engine.tls.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClientHelloTest {
    private static final byte[] NO_SESSION = new byte[0];

    private static byte[] withExtensions(Wire head, Wire extensions) {
        return head.vec16(extensions).toByteArray();
    }

    @Test
    void readsTheIllustratedTls13ClientHello() throws Exception {
        ClientHello ch = ClientHello.parse(Hellos.ILLUSTRATED_TLS13_CLIENT_HELLO, false);
        assertThat(ch.legacyVersion()).isEqualTo(0x0303);
        assertThat(ch.random()).isEqualTo(Hellos.random(0x00));
        assertThat(ch.sessionId()).isEqualTo(Hellos.random(0xe0));
        assertThat(ch.cipherSuites()).containsExactly(0x1301, 0x1302, 0x1303);
        assertThat(ch.cookie()).isNull();
        assertThat(ch.serverName()).isEqualTo("example.ulfheim.net");
        assertThat(ch.supportedVersions()).containsExactly(0x0304);
        assertThat(ch.keyShareGroups()).containsExactly(0x001d);
        assertThat(ch.extendedMasterSecret()).isFalse();
        assertThat(ch.encryptThenMac()).isFalse();
        assertThat(ch.sessionTicketExtension()).isFalse();
        assertThat(ch.sessionTicket()).isNull();
        assertThat(ch.preSharedKey()).isFalse();
        assertThat(ch.pskIdentities()).isEmpty();
        assertThat(ch.useSrtpProfiles()).isEmpty();
        assertThat(ch.earlyData()).isFalse();
    }

    @Test
    void readsTheEarlyDataOffer() throws Exception {
        Wire head = Hellos.clientHelloHead(0x0303, Hellos.random(1), null, 0x1301);
        assertThat(ClientHello.parse(withExtensions(head, new Wire().ext(ExtensionType.EARLY_DATA, "")), false).earlyData())
                .isTrue();
        assertThatThrownBy(() -> ClientHello.parse(withExtensions(Hellos.clientHelloHead(0x0303, Hellos.random(1), null, 0x1301),
                new Wire().ext(ExtensionType.EARLY_DATA, "00")), false))
                .isInstanceOf(TlsParseException.class).hasMessageContaining("early_data");
    }

    @Test
    void readsAnSsl3ClientHelloWithoutExtensionsBlock() throws Exception {
        byte[] body = Hellos.clientHelloHead(0x0300, NO_SESSION, null, 0x000a, 0x00ff).toByteArray();
        ClientHello ch = ClientHello.parse(body, false);
        assertThat(ch.legacyVersion()).isEqualTo(0x0300);
        assertThat(ch.cipherSuites()).containsExactly(0x000a, 0x00ff);
        assertThat(ch.supportedVersions()).isEmpty();
        assertThat(ch.keyShareGroups()).isEmpty();
        assertThat(ch.serverName()).isNull();
        assertThat(ClientHello.parse(withExtensions(Hellos.clientHelloHead(0x0301, NO_SESSION, null, 0x2f), new Wire()), false)
                .cipherSuites()).as("empty extensions block").containsExactly(0x2f);
    }

    @Test
    void readsTls12ResumptionExtensionsAndAPskOffer() throws Exception {
        Wire ext = new Wire()
                .ext(ExtensionType.EXTENDED_MASTER_SECRET, "")
                .ext(ExtensionType.ENCRYPT_THEN_MAC, "")
                .ext(ExtensionType.SESSION_TICKET, "0a0b0c")
                .ext(0x1a1a, "00") // GREASE, skipped
                .ext(ExtensionType.SUPPORTED_VERSIONS, "060a0a03040303")
                .ext(ExtensionType.KEY_SHARE, new Wire().vec16(new Wire().u16(0x001d).vec16(new byte[32]).u16(0x0017).vec16(new byte[65])))
                .ext(ExtensionType.PRE_SHARED_KEY, new Wire()
                        .vec16(new Wire().vec16(Wire.hex("aabbcc")).u32(7).vec16(Wire.hex("dd")).u32(9))
                        .vec16(new Wire().vec8(new byte[32]).vec8(new byte[48])));
        ClientHello ch = ClientHello.parse(withExtensions(Hellos.clientHelloHead(0x0303, Hellos.random(1), null, 0x1301), ext), false);
        assertThat(ch.extendedMasterSecret()).isTrue();
        assertThat(ch.encryptThenMac()).isTrue();
        assertThat(ch.sessionTicketExtension()).isTrue();
        assertThat(ch.sessionTicket()).containsExactly(0x0a, 0x0b, 0x0c);
        assertThat(ch.supportedVersions()).containsExactly(0x0a0a, 0x0304, 0x0303);
        assertThat(ch.keyShareGroups()).containsExactly(0x001d, 0x0017);
        assertThat(ch.preSharedKey()).isTrue();
        assertThat(ch.pskIdentities()).hasNumberOfRows(2);
        assertThat(ch.pskIdentities()[0]).containsExactly(0xaa, 0xbb, 0xcc);
        assertThat(ch.pskIdentities()[1]).containsExactly(0xdd);
        assertThat(ch.sessionId()).hasSize(32);
    }

    @Test
    void emptySessionTicketExtensionOffersSupportWithoutATicket() throws Exception {
        ClientHello ch = ClientHello.parse(withExtensions(Hellos.clientHelloHead(0x0303, NO_SESSION, null, 0x2f),
                new Wire().ext(ExtensionType.SESSION_TICKET, "")), false);
        assertThat(ch.sessionTicketExtension()).isTrue();
        assertThat(ch.sessionTicket()).isNull();
    }

    @Test
    void readsTheDtlsCookieAndUseSrtp() throws Exception {
        Wire ext = new Wire()
                .ext(ExtensionType.USE_SRTP, "00040001000200")
                .ext(ExtensionType.SERVER_NAME, new Wire().vec16(new Wire().u8(0).vec16("sip.example".getBytes(StandardCharsets.US_ASCII))));
        byte[] body = withExtensions(Hellos.clientHelloHead(0xfefd, NO_SESSION, Wire.hex("c0ffee"), 0xc02b), ext);
        ClientHello ch = ClientHello.parse(body, true);
        assertThat(ch.legacyVersion()).isEqualTo(0xfefd);
        assertThat(ch.cookie()).containsExactly(0xc0, 0xff, 0xee);
        assertThat(ch.useSrtpProfiles()).containsExactly(0x0001, 0x0002);
        assertThat(ch.serverName()).isEqualTo("sip.example");
        assertThat(ClientHello.parse(withExtensions(Hellos.clientHelloHead(0xfeff, NO_SESSION, new byte[0], 0xc013),
                new Wire()), true).cookie()).as("empty cookie of a first DTLS ClientHello").isEmpty();
    }

    @Test
    void duplicateExtensionIsRejectedWithTheOffsetOfTheSecond() {
        Wire head = Hellos.clientHelloHead(0x0303, NO_SESSION, null, 0x2f);
        int extensionsStart = head.size() + 2;
        Wire ext = new Wire().ext(ExtensionType.KEY_SHARE, "0000").ext(ExtensionType.EXTENDED_MASTER_SECRET, "")
                .ext(ExtensionType.KEY_SHARE, "0000");
        assertThatThrownBy(() -> ClientHello.parse(withExtensions(head, ext), false))
                .isInstanceOf(TlsParseException.class)
                .hasMessage("ClientHello: duplicate key_share extension (51) at offset " + (extensionsStart + 6 + 4));
        Wire unknownTwice = new Wire().ext(0x7777, "01").ext(0x7777, "02");
        assertThatThrownBy(() -> ClientHello.parse(withExtensions(Hellos.clientHelloHead(0x0303, NO_SESSION, null, 0x2f), unknownTwice), false))
                .hasMessage("ClientHello: duplicate unknown(30583) extension (30583) at offset " + (extensionsStart + 5));
    }

    @Test
    void malformedFieldsAreNamedWithTheirOffset() {
        assertThatThrownBy(() -> ClientHello.parse(new Wire().u16(0x0303).bytes(Hellos.random(0)).u8(33).bytes(new byte[33])
                .toByteArray(), false)).hasMessage("ClientHello: legacy_session_id length 33 outside 0..32 at offset 34");
        assertThatThrownBy(() -> ClientHello.parse(new Wire().u16(0x0303).bytes(Hellos.random(0)).u8(0).u16(3).bytes("000102")
                .u8(1).u8(0).toByteArray(), false)).hasMessage("ClientHello: cipher_suites length 3 is odd at offset 35");
        assertThatThrownBy(() -> ClientHello.parse(new byte[20], false))
                .hasMessage("ClientHello: random needs 32 bytes, 18 left at offset 2");
        Wire head = Hellos.clientHelloHead(0x0303, NO_SESSION, null, 0x2f);
        int at = head.size();
        assertThatThrownBy(() -> ClientHello.parse(head.u16(10).u16(0).toByteArray(), false))
                .hasMessage("ClientHello: extensions length 10 exceeds the 2 bytes left at offset " + at);
    }

    @Test
    void malformedKnownExtensionsAreRejected() {
        assertRejected(new Wire().ext(ExtensionType.EXTENDED_MASTER_SECRET, "00"), "1 bytes left over after extended_master_secret (must be empty)");
        assertRejected(new Wire().ext(ExtensionType.ENCRYPT_THEN_MAC, "0000"), "2 bytes left over after encrypt_then_mac (must be empty)");
        assertRejected(new Wire().ext(ExtensionType.SUPPORTED_VERSIONS, "03030403"), "supported_versions length 3 is odd");
        assertRejected(new Wire().ext(ExtensionType.SUPPORTED_VERSIONS, "04030403"), "supported_versions length 4 exceeds the 3 bytes left");
        assertRejected(new Wire().ext(ExtensionType.KEY_SHARE, "0004001d0000"), "key_exchange length 0 outside 1..65535");
        assertRejected(new Wire().ext(ExtensionType.USE_SRTP, "000100"), "SRTPProtectionProfiles length 1 outside 2..65534");
        assertRejected(new Wire().ext(ExtensionType.USE_SRTP, "00020001"), "srtp_mki length needs 1 bytes, 0 left");
        assertRejected(new Wire().ext(ExtensionType.SERVER_NAME,
                new Wire().vec16(new Wire().u8(0).vec16(new byte[] {'a'}).u8(0).vec16(new byte[] {'b'}))), "second host_name in server_name_list");
        assertRejected(new Wire().ext(ExtensionType.PRE_SHARED_KEY, new Wire().vec16(new Wire().vec16(new byte[] {1}).u32(0))
                .vec16(new Wire().vec8(new byte[31]).bytes(new byte[2]))), "binder length 31 outside 32..255");
        assertRejected(new Wire().ext(ExtensionType.EXTENDED_MASTER_SECRET, "").u16(ExtensionType.KEY_SHARE).u16(9),
                "key_share extension length 9 exceeds the 0 bytes left");
    }

    @Test
    void trailingBytesAfterExtensionsAreRejected() {
        byte[] body = new Wire().bytes(Hellos.ILLUSTRATED_TLS13_CLIENT_HELLO).u8(0).toByteArray();
        assertThatThrownBy(() -> ClientHello.parse(body, false))
                .hasMessage("ClientHello: 1 bytes left over after extensions at offset 198");
    }

    @Test
    void everyTruncationFailsCleanlyOrIsAnExtensionlessHello() {
        byte[] full = Hellos.ILLUSTRATED_TLS13_CLIENT_HELLO;
        int endOfCompression = 77; // 2 + 32 + 1 + 32 + 2 + 6 + 1 + 1
        for (int n = 0; n < full.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(full, n);
            if (n == endOfCompression) {
                assertThat(catching(cut)).as("cut at %d", n).isNull();
            } else {
                assertThat(catching(cut)).as("cut at %d", n).isNotNull().startsWith("ClientHello: ");
            }
        }
    }

    private static String catching(byte[] body) {
        try {
            ClientHello.parse(body, false);
            return null;
        } catch (TlsParseException e) {
            return e.getMessage();
        }
    }

    private static void assertRejected(Wire extensions, String problem) {
        byte[] body = withExtensions(Hellos.clientHelloHead(0x0303, NO_SESSION, null, 0x2f), extensions);
        assertThatThrownBy(() -> ClientHello.parse(body, false)).isInstanceOf(TlsParseException.class)
                .hasMessageStartingWith("ClientHello: " + problem + " at offset ");
    }
}
