package org.callscope.engine.tls.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.callscope.engine.tls.record.ContentType;
import org.junit.jupiter.api.Test;

/** NewSessionTicket, ClientKeyExchange, Alert, KeyUpdate and the type names. */
class SmallMessagesTest {

    @Test
    void readsTls12AndTls13SessionTickets() throws Exception {
        NewSessionTicket t12 = NewSessionTicket.parse(new Wire().u32(7200).vec16(Wire.hex("a1a2a3")).toByteArray(), false);
        assertThat(t12.lifetimeSeconds()).isEqualTo(7200);
        assertThat(t12.ticket()).containsExactly(0xa1, 0xa2, 0xa3);
        assertThat(t12.nonce()).isEmpty();
        assertThat(NewSessionTicket.parse(new Wire().u32(0).u16(0).toByteArray(), false).ticket())
                .as("empty ticket: none issued after all (RFC 5077 §3.3)").isEmpty();

        byte[] body13 = new Wire().u32(0xffffffffL).u32(0x01020304).vec8(Wire.hex("0001")).vec16(Wire.hex("bb"))
                .vec16(new Wire().ext(ExtensionType.EARLY_DATA, "00004000")).toByteArray();
        NewSessionTicket t13 = NewSessionTicket.parse(body13, true);
        assertThat(t13.lifetimeSeconds()).isEqualTo(0xffffffffL);
        assertThat(t13.ageAdd()).isEqualTo(0x01020304);
        assertThat(t13.nonce()).containsExactly(0, 1);
        assertThat(t13.ticket()).containsExactly(0xbb);
    }

    @Test
    void rejectsMalformedSessionTickets() {
        assertThatThrownBy(() -> NewSessionTicket.parse(new Wire().u32(1).u32(2).vec8(new byte[0]).u16(0).u16(0).toByteArray(), true))
                .hasMessage("NewSessionTicket: ticket length 0 outside 1..65535 at offset 9");
        assertThatThrownBy(() -> NewSessionTicket.parse(new Wire().u32(1).vec16(new byte[2]).u8(0).toByteArray(), false))
                .hasMessage("NewSessionTicket: 1 bytes left over after ticket at offset 8");
        assertThatThrownBy(() -> NewSessionTicket.parse(new byte[3], false))
                .hasMessage("NewSessionTicket: ticket_lifetime_hint needs 4 bytes, 3 left at offset 0");
    }

    @Test
    void readsTheEncryptedPreMasterOfSsl3AndTls() throws Exception {
        byte[] secret = Hellos.random(0x40);
        assertThat(ClientKeyExchange.encryptedPreMaster(secret, true)).isEqualTo(secret);
        assertThat(ClientKeyExchange.encryptedPreMaster(new Wire().vec16(secret).toByteArray(), false)).isEqualTo(secret);
        assertThatThrownBy(() -> ClientKeyExchange.encryptedPreMaster(secret, false))
                .hasMessageStartingWith("ClientKeyExchange: EncryptedPreMasterSecret length 16449 exceeds the 30 bytes left at offset 0");
        assertThatThrownBy(() -> ClientKeyExchange.encryptedPreMaster(new Wire().vec16(secret).u8(0).toByteArray(), false))
                .hasMessage("ClientKeyExchange: 1 bytes left over after EncryptedPreMasterSecret at offset 34");
        assertThatThrownBy(() -> ClientKeyExchange.encryptedPreMaster(new byte[0], true))
                .hasMessage("ClientKeyExchange: encrypted pre-master secret is empty at offset 0");
    }

    @Test
    void readsAlertsAndNamesThem() throws Exception {
        byte[] buf = {9, 2, 40, 9};
        Alert fatal = Alert.parse(buf, 1, 2);
        assertThat(fatal).isEqualTo(new Alert(2, 40));
        assertThat(fatal.fatal()).isTrue();
        assertThat(fatal.descriptionName()).isEqualTo("handshake_failure");
        assertThat(Alert.parse(new byte[] {1, 0}, 0, 2).descriptionName()).isEqualTo("close_notify");
        assertThat(Alert.descriptionName(250)).isEqualTo("unknown(250)");
        assertThatThrownBy(() -> Alert.parse(buf, 0, 1)).hasMessage("Alert: description needs 1 bytes, 0 left at offset 1");
        assertThatThrownBy(() -> Alert.parse(buf, 0, 3)).hasMessage("Alert: 1 bytes left over after description at offset 2");
        assertThatThrownBy(() -> Alert.parse(new byte[] {3, 0}, 0, 2)).hasMessage("Alert: level 3 is neither warning (1) nor fatal (2) at offset 0");
    }

    @Test
    void readsKeyUpdate() throws Exception {
        assertThat(KeyUpdate.parse(new byte[] {0}).updateRequested()).isFalse();
        assertThat(KeyUpdate.parse(new byte[] {1}).updateRequested()).isTrue();
        assertThatThrownBy(() -> KeyUpdate.parse(new byte[] {2})).hasMessage("KeyUpdate: request_update 2 is neither 0 nor 1 at offset 0");
        assertThatThrownBy(() -> KeyUpdate.parse(new byte[] {0, 0})).hasMessage("KeyUpdate: 1 bytes left over after request_update at offset 1");
        assertThatThrownBy(() -> KeyUpdate.parse(new byte[0])).isInstanceOf(TlsParseException.class);
    }

    @Test
    void namesFollowTheRfcs() {
        assertThat(HandshakeType.name(HandshakeType.CLIENT_HELLO)).isEqualTo("client_hello");
        assertThat(HandshakeType.name(HandshakeType.HELLO_VERIFY_REQUEST)).isEqualTo("hello_verify_request");
        assertThat(HandshakeType.name(HandshakeType.MESSAGE_HASH)).isEqualTo("message_hash");
        assertThat(HandshakeType.name(99)).isEqualTo("unknown(99)");
        assertThat(ContentType.name(ContentType.APPLICATION_DATA)).isEqualTo("application_data");
        assertThat(ContentType.name(ContentType.HEARTBEAT)).isEqualTo("heartbeat");
        assertThat(ContentType.name(25)).isEqualTo("unknown(25)");
        assertThat(ExtensionType.name(ExtensionType.USE_SRTP)).isEqualTo("use_srtp");
    }
}
