package org.callscope.engine.tls.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.tls.session.SyntheticTls.APPLICATION_DATA;
import static org.callscope.engine.tls.session.SyntheticTls.CERTIFICATE;
import static org.callscope.engine.tls.session.SyntheticTls.END_OF_EARLY_DATA;
import static org.callscope.engine.tls.session.SyntheticTls.ENCRYPTED_EXTENSIONS;
import static org.callscope.engine.tls.session.SyntheticTls.FINISHED;
import static org.callscope.engine.tls.session.SyntheticTls.HANDSHAKE;
import static org.callscope.engine.tls.session.SyntheticTls.KEY_UPDATE;
import static org.callscope.engine.tls.session.SyntheticTls.NEW_SESSION_TICKET;
import static org.callscope.engine.tls.session.SyntheticTls.changeCipherSpec;
import static org.callscope.engine.tls.session.SyntheticTls.clientHello13;
import static org.callscope.engine.tls.session.SyntheticTls.counting;
import static org.callscope.engine.tls.session.SyntheticTls.helloRetryRequest;
import static org.callscope.engine.tls.session.SyntheticTls.record;
import static org.callscope.engine.tls.session.SyntheticTls.serverHello13;

import org.callscope.engine.tls.keys.SecretLabel;
import org.callscope.engine.tls.session.SyntheticTls.Tls13Sender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TLS 1.3 connections built byte by byte: the key phases, KeyUpdate, HelloRetryRequest, early data, missing secrets. */
class Tls13ConnectionTest {
    private static final byte[] CLIENT_RANDOM = counting(0x00, 32);
    private static final byte[] SERVER_RANDOM = counting(0x40, 32);
    private static final byte[] SESSION_ID = counting(0xe0, 32);
    private static final byte[] CLIENT_HANDSHAKE = counting(0x10, 32);
    private static final byte[] SERVER_HANDSHAKE = counting(0x30, 32);
    private static final byte[] CLIENT_APPLICATION = counting(0x50, 32);
    private static final byte[] SERVER_APPLICATION = counting(0x70, 32);
    private static final byte[] CLIENT_EARLY = counting(0x90, 32);

    private Tls13Sender clientHandshake;
    private Tls13Sender serverHandshake;
    private Tls13Sender clientApplication;
    private Tls13Sender serverApplication;

    /** Senders at sequence number 0, for a new connection. */
    @BeforeEach
    void newSenders() {
        clientHandshake = new Tls13Sender(CLIENT_HANDSHAKE);
        serverHandshake = new Tls13Sender(SERVER_HANDSHAKE);
        clientApplication = new Tls13Sender(CLIENT_APPLICATION);
        serverApplication = new Tls13Sender(SERVER_APPLICATION);
    }

    private static ConnectionRig withAllSecrets(TlsSettings settings) {
        ConnectionRig rig = new ConnectionRig(settings);
        rig.key(SecretLabel.CLIENT_HANDSHAKE_TRAFFIC_SECRET, CLIENT_RANDOM, CLIENT_HANDSHAKE);
        rig.key(SecretLabel.SERVER_HANDSHAKE_TRAFFIC_SECRET, CLIENT_RANDOM, SERVER_HANDSHAKE);
        rig.key(SecretLabel.CLIENT_TRAFFIC_SECRET_0, CLIENT_RANDOM, CLIENT_APPLICATION);
        rig.key(SecretLabel.SERVER_TRAFFIC_SECRET_0, CLIENT_RANDOM, SERVER_APPLICATION);
        return rig;
    }

    /** ServerHello, compatibility ChangeCipherSpec, then EncryptedExtensions, Certificate, Finished under the handshake key. */
    private void serverFlight(ConnectionRig rig, byte[] serverHello, boolean certificate) {
        rig.second(record(HANDSHAKE, serverHello), changeCipherSpec(),
                serverHandshake.handshakeMessage(ENCRYPTED_EXTENSIONS, new byte[2]));
        if (certificate) {
            rig.second(serverHandshake.handshakeMessage(CERTIFICATE, counting(0, 60)));
        }
        rig.second(serverHandshake.handshakeMessage(FINISHED, counting(0x20, 32)));
    }

    private void clientFinished(ConnectionRig rig) {
        rig.first(changeCipherSpec(), clientHandshake.handshakeMessage(FINISHED, counting(0x21, 32)));
    }

    private void fullHandshake(ConnectionRig rig) {
        rig.first(record(HANDSHAKE, clientHello13(CLIENT_RANDOM, SESSION_ID, false, false)));
        serverFlight(rig, serverHello13(SERVER_RANDOM, SESSION_ID, -1), true);
        clientFinished(rig);
    }

    @Test
    void fullHandshakeSwitchesToApplicationKeysAtEachFinished() {
        ConnectionRig rig = withAllSecrets(TlsSettings.DEFAULTS);
        fullHandshake(rig);
        rig.first(clientApplication.application("OPTIONS sip:bob@example.com SIP/2.0\r\n\r\n"));
        rig.second(serverApplication.handshakeMessage(NEW_SESSION_TICKET, counting(0, 20)),
                serverApplication.application("SIP/2.0 200 OK\r\n\r\n"));
        TlsConnectionReport r = rig.close();

        assertThat(r.version()).isEqualTo("TLS 1.3");
        assertThat(r.cipher()).isEqualTo("TLS_AES_128_GCM_SHA256");
        assertThat(r.decrypted()).isTrue();
        assertThat(r.error()).isNull();
        assertThat(r.keySource()).isEqualTo("key log");
        assertThat(r.records()).isEqualTo(11);
        assertThat(r.protectedRecords()).isEqualTo(7);
        assertThat(r.decryptedRecords()).isEqualTo(7);
        assertThat(r.failedRecords()).isZero();
        assertThat(r.undecryptedRecords()).isZero();
        assertThat(rig.clientText()).isEqualTo("OPTIONS sip:bob@example.com SIP/2.0\r\n\r\n");
        assertThat(rig.serverText()).isEqualTo("SIP/2.0 200 OK\r\n\r\n");
        assertThat(rig.firstConsumer.toString()).isEqualTo(rig.clientText());
        assertThat(rig.secondConsumer.toString()).isEqualTo(rig.serverText());
    }

    @Test
    void keyUpdatesInBothDirectionsAreFollowed() {
        ConnectionRig rig = withAllSecrets(TlsSettings.DEFAULTS);
        fullHandshake(rig);
        rig.first(clientApplication.application("c0;"));
        // RFC 8446 §4.6.3: the client asks for an update; the server answers before its next record.
        rig.first(clientApplication.handshakeMessage(KEY_UPDATE, new byte[] {1}));
        clientApplication.update();
        rig.first(clientApplication.application("c1;"));
        rig.second(serverApplication.application("s0;"), serverApplication.handshakeMessage(KEY_UPDATE, new byte[] {0}));
        serverApplication.update();
        rig.second(serverApplication.application("s1;"));
        for (int generation = 2; generation <= 4; generation++) {
            rig.second(serverApplication.handshakeMessage(KEY_UPDATE, new byte[] {0}));
            serverApplication.update();
            rig.second(serverApplication.application("s" + generation + ";"));
        }
        rig.first(clientApplication.handshakeMessage(KEY_UPDATE, new byte[] {0}));
        clientApplication.update();
        rig.first(clientApplication.application("c2;"));
        TlsConnectionReport r = rig.close();

        assertThat(r.error()).isNull();
        assertThat(r.failedRecords()).isZero();
        assertThat(rig.clientText()).isEqualTo("c0;c1;c2;");
        assertThat(rig.serverText()).isEqualTo("s0;s1;s2;s3;s4;");
    }

    @Test
    void helloRetryRequestThenTheSecondHellosDecrypt() {
        ConnectionRig rig = withAllSecrets(TlsSettings.DEFAULTS);
        rig.first(record(HANDSHAKE, clientHello13(CLIENT_RANDOM, SESSION_ID, false, false)));
        // RFC 8446 §D.4: the server's compatibility ChangeCipherSpec follows its first handshake
        // message, here the HelloRetryRequest; the client's comes before its second flight.
        rig.second(record(HANDSHAKE, helloRetryRequest(SESSION_ID)), changeCipherSpec());
        rig.first(changeCipherSpec(), record(HANDSHAKE, clientHello13(CLIENT_RANDOM, SESSION_ID, false, false)));
        rig.second(record(HANDSHAKE, serverHello13(SERVER_RANDOM, SESSION_ID, -1)),
                serverHandshake.handshakeMessage(ENCRYPTED_EXTENSIONS, new byte[2]),
                serverHandshake.handshakeMessage(CERTIFICATE, counting(0, 60)),
                serverHandshake.handshakeMessage(FINISHED, counting(0x20, 32)));
        rig.first(clientHandshake.handshakeMessage(FINISHED, counting(0x21, 32)),
                clientApplication.application("INVITE sip:bob@example.com SIP/2.0\r\n\r\n"));
        rig.second(serverApplication.application("SIP/2.0 100 Trying\r\n\r\n"));
        TlsConnectionReport r = rig.close();

        assertThat(r.version()).isEqualTo("TLS 1.3");
        assertThat(r.error()).isNull();
        assertThat(r.failedRecords()).isZero();
        assertThat(r.undecryptedRecords()).isZero();
        assertThat(r.decryptedRecords()).isEqualTo(r.protectedRecords()).isEqualTo(6);
        assertThat(rig.clientText()).isEqualTo("INVITE sip:bob@example.com SIP/2.0\r\n\r\n");
        assertThat(rig.serverText()).isEqualTo("SIP/2.0 100 Trying\r\n\r\n");
    }

    @Test
    void onlyTheApplicationSecretsLoggedSkipsTheEncryptedHandshake() {
        ConnectionRig rig = new ConnectionRig();
        rig.key(SecretLabel.CLIENT_TRAFFIC_SECRET_0, CLIENT_RANDOM, CLIENT_APPLICATION);
        rig.key(SecretLabel.SERVER_TRAFFIC_SECRET_0, CLIENT_RANDOM, SERVER_APPLICATION);
        fullHandshake(rig);
        rig.first(clientApplication.application("REGISTER sip:example.com SIP/2.0\r\n\r\n"));
        rig.second(serverApplication.handshakeMessage(NEW_SESSION_TICKET, counting(0, 20)),
                serverApplication.application("SIP/2.0 200 OK\r\n\r\n"));
        rig.first(clientApplication.application("BYE"));
        TlsConnectionReport r = rig.close();

        assertThat(r.decrypted()).isTrue();
        assertThat(r.keySource()).isEqualTo("key log");
        assertThat(r.failedRecords()).as("handshake records are skipped, not failed").isZero();
        assertThat(r.undecryptedRecords()).as("EncryptedExtensions, Certificate, both Finished").isEqualTo(4);
        assertThat(r.decryptedRecords()).isEqualTo(4);
        assertThat(rig.clientText()).isEqualTo("REGISTER sip:example.com SIP/2.0\r\n\r\nBYE");
        assertThat(rig.serverText()).isEqualTo("SIP/2.0 200 OK\r\n\r\n");
    }

    /** A resumed connection with 0-RTT data after a compatibility ChangeCipherSpec, before the ServerHello. */
    private ConnectionRig earlyData(boolean changeCipherSpecFirst, boolean accepted) {
        newSenders();
        ConnectionRig rig = withAllSecrets(TlsSettings.DEFAULTS);
        rig.key(SecretLabel.CLIENT_EARLY_TRAFFIC_SECRET, CLIENT_RANDOM, CLIENT_EARLY);
        Tls13Sender early = new Tls13Sender(CLIENT_EARLY);
        rig.first(record(HANDSHAKE, clientHello13(CLIENT_RANDOM, SESSION_ID, true, true)));
        if (changeCipherSpecFirst) {
            rig.first(changeCipherSpec());
        }
        rig.first(early.application("INVITE sip:early@example.com SIP/2.0\r\n\r\n"), early.application("more early data"));
        serverFlight(rig, serverHello13(SERVER_RANDOM, SESSION_ID, accepted ? 0 : -1), !accepted);
        if (accepted) {
            rig.first(early.handshakeMessage(END_OF_EARLY_DATA, new byte[0]));
        }
        if (!changeCipherSpecFirst) {
            rig.first(changeCipherSpec());
        }
        rig.first(clientHandshake.handshakeMessage(FINISHED, counting(0x21, 32)),
                clientApplication.application("ACK sip:bob@example.com SIP/2.0\r\n\r\n"));
        rig.second(serverApplication.application("SIP/2.0 200 OK\r\n\r\n"));
        return rig;
    }

    @Test
    void earlyDataBeforeTheServerHelloIsNeitherFatalNorPassedOn() {
        for (boolean ccs : new boolean[] {true, false}) {
            for (boolean accepted : new boolean[] {true, false}) {
                String when = "compatibility CCS first " + ccs + ", early data accepted " + accepted;
                ConnectionRig rig = earlyData(ccs, accepted);
                TlsConnectionReport r = rig.close();
                assertThat(rig.clientText()).as(when).isEqualTo("ACK sip:bob@example.com SIP/2.0\r\n\r\n");
                assertThat(rig.serverText()).as(when).isEqualTo("SIP/2.0 200 OK\r\n\r\n");
                assertThat(r.failedRecords()).as(when).isZero();
                assertThat(r.undecryptedRecords()).as(when).isEqualTo(accepted ? 3 : 2);
                assertThat(r.decrypted()).as(when).isTrue();
                assertThat(r.error()).as(when).contains("early data");
            }
        }
    }

    @Test
    void aFlippedBitFailsThatRecordOnlyAndNamesTheSide() {
        ConnectionRig rig = withAllSecrets(TlsSettings.DEFAULTS);
        fullHandshake(rig);
        byte[] tampered = clientApplication.application("secret");
        tampered[tampered.length - 20] ^= 0x04;
        rig.first(tampered, clientApplication.application("after"));
        byte[] before = serverApplication.application("before");
        byte[] tamperedServer = serverApplication.application("hidden");
        tamperedServer[7] ^= 0x80;
        rig.second(before, tamperedServer, serverApplication.application("later"));
        TlsConnectionReport r = rig.close();

        assertThat(r.failedRecords()).isEqualTo(2);
        assertThat(r.error()).isEqualTo("authentication tag mismatch in a record from the client");
        assertThat(rig.clientText()).isEqualTo("after");
        assertThat(rig.serverText()).isEqualTo("beforelater");
    }

    @Test
    void aFlippedBitFromTheServerIsNamedSo() {
        ConnectionRig rig = withAllSecrets(TlsSettings.DEFAULTS);
        fullHandshake(rig);
        byte[] tampered = serverApplication.application("hidden");
        tampered[5] ^= 0x01;
        rig.second(tampered);
        TlsConnectionReport r = rig.close();
        assertThat(r.failedRecords()).isEqualTo(1);
        assertThat(r.error()).endsWith("in a record from the server");
        assertThat(rig.serverText()).isEmpty();
    }

    @Test
    void secretsAreRemovedAfterUseWhenKeysAreNotKept() {
        ConnectionRig rig = withAllSecrets(new TlsSettings(2_000_000_000L, 1 << 20, false));
        rig.key(SecretLabel.EXPORTER_SECRET, CLIENT_RANDOM, counting(0xc0, 32));
        fullHandshake(rig);
        rig.first(clientApplication.application("a"));
        rig.second(serverApplication.application("b"));
        TlsConnectionReport r = rig.close();

        assertThat(r.error()).isNull();
        assertThat(rig.clientText() + rig.serverText()).isEqualTo("ab");
        for (SecretLabel used : new SecretLabel[] {SecretLabel.CLIENT_HANDSHAKE_TRAFFIC_SECRET,
                SecretLabel.SERVER_HANDSHAKE_TRAFFIC_SECRET, SecretLabel.CLIENT_TRAFFIC_SECRET_0,
                SecretLabel.SERVER_TRAFFIC_SECRET_0}) {
            assertThat(rig.keys.sessionKeys().find(used, CLIENT_RANDOM)).as(used.name()).isNull();
        }
        assertThat(rig.keys.sessionKeys().find(SecretLabel.EXPORTER_SECRET, CLIENT_RANDOM)).as("not used here").isNotNull();
    }

    @Test
    void secretsStayWhenKeysAreKept() {
        ConnectionRig rig = withAllSecrets(TlsSettings.DEFAULTS);
        fullHandshake(rig);
        rig.first(clientApplication.application("a"));
        rig.close();
        assertThat(rig.keys.sessionKeys().find(SecretLabel.CLIENT_TRAFFIC_SECRET_0, CLIENT_RANDOM)).isEqualTo(CLIENT_APPLICATION);
        assertThat(rig.keys.sessionKeys().find(SecretLabel.CLIENT_HANDSHAKE_TRAFFIC_SECRET, CLIENT_RANDOM)).isEqualTo(CLIENT_HANDSHAKE);
    }

    @Test
    void aServerHelloSeenBeforeItsClientHelloStillDecrypts() {
        // Directions captured apart with skewed clocks: the whole server flight comes first, from
        // the side the TCP layer took for the client.
        ConnectionRig rig = new ConnectionRig(TlsSettings.DEFAULTS, TlsKeySources.empty(), true);
        rig.key(SecretLabel.CLIENT_HANDSHAKE_TRAFFIC_SECRET, CLIENT_RANDOM, CLIENT_HANDSHAKE);
        rig.key(SecretLabel.SERVER_HANDSHAKE_TRAFFIC_SECRET, CLIENT_RANDOM, SERVER_HANDSHAKE);
        rig.key(SecretLabel.CLIENT_TRAFFIC_SECRET_0, CLIENT_RANDOM, CLIENT_APPLICATION);
        rig.key(SecretLabel.SERVER_TRAFFIC_SECRET_0, CLIENT_RANDOM, SERVER_APPLICATION);
        rig.first(record(HANDSHAKE, serverHello13(SERVER_RANDOM, SESSION_ID, -1)), changeCipherSpec(),
                serverHandshake.handshakeMessage(ENCRYPTED_EXTENSIONS, new byte[2]),
                serverHandshake.handshakeMessage(FINISHED, counting(0x20, 32)),
                serverApplication.application("SIP/2.0 200 OK"));
        rig.second(record(HANDSHAKE, clientHello13(CLIENT_RANDOM, SESSION_ID, false, false)), changeCipherSpec(),
                clientHandshake.handshakeMessage(FINISHED, counting(0x21, 32)),
                clientApplication.application("OPTIONS"));
        TlsConnectionReport r = rig.close();
        assertThat(r.error()).isNull();
        assertThat(r.clientPort()).isEqualTo(ConnectionRig.SECOND_PORT);
        assertThat(rig.clientText()).isEqualTo("OPTIONS");
        assertThat(rig.serverText()).isEqualTo("SIP/2.0 200 OK");
    }

    @Test
    void aServerHelloChoosingASuiteTls13CannotUseIsReported() {
        ConnectionRig rig = withAllSecrets(TlsSettings.DEFAULTS);
        rig.first(record(HANDSHAKE, clientHello13(CLIENT_RANDOM, SESSION_ID, false, false)));
        serverFlight(rig, serverHello13(SERVER_RANDOM, SESSION_ID, -1, SyntheticTls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256), true);
        clientFinished(rig);
        TlsConnectionReport r = rig.close();
        assertThat(r.error()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 cannot be used with TLS 1.3");
        assertThat(r.decrypted()).isFalse();
        assertThat(r.undecryptedRecords()).isEqualTo(r.protectedRecords()).isEqualTo(4);
    }

    @Test
    void applicationDataRecordsAreNeverPassedOnWithoutAKey() {
        ConnectionRig rig = new ConnectionRig();
        fullHandshake(rig);
        rig.first(clientApplication.application("INVITE"));
        rig.second(record(APPLICATION_DATA, SyntheticTls.ascii("SIP/2.0 200 OK in clear")));
        TlsConnectionReport r = rig.close();
        assertThat(r.decrypted()).isFalse();
        assertThat(r.error()).startsWith("no key-log entry");
        assertThat(rig.clientText() + rig.serverText()).isEmpty();
        assertThat(r.undecryptedRecords()).isEqualTo(r.protectedRecords());
    }
}
