package org.callscope.engine.tls.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.tls.session.SyntheticTls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
import static org.callscope.engine.tls.session.SyntheticTls.concat;
import static org.callscope.engine.tls.session.SyntheticTls.counting;

import java.util.Arrays;
import org.callscope.engine.tls.keys.KeyLogEntry;
import org.callscope.engine.tls.keys.SecretLabel;
import org.junit.jupiter.api.Test;

/** TLS 1.2 connections built byte by byte: where the master secret comes from, and who is the client. */
class Tls12ConnectionTest {
    private static final int TLS_RSA_WITH_AES_128_GCM_SHA256 = 0x009c;
    private static final byte[] MASTER = counting(0x60, 48);
    private static final byte[] SESSION_ID = counting(0xc0, 32);
    private static final TlsSettings NOT_KEPT = new TlsSettings(2_000_000_000L, 1 << 20, false);

    private static Tls12Exchange first() {
        return new Tls12Exchange(TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, MASTER, counting(0x01, 32), counting(0x41, 32),
                SESSION_ID);
    }

    /** A later connection from the same client, resuming {@link #SESSION_ID} with new randoms. */
    private static Tls12Exchange resumed() {
        return new Tls12Exchange(TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, MASTER, counting(0x02, 32), counting(0x42, 32),
                SESSION_ID);
    }

    private static void assertBalanced(TlsConnectionReport r) {
        assertThat(r.decryptedRecords() + r.failedRecords() + r.undecryptedRecords())
                .as("every protected record decrypted, failed or counted as not decrypted").isEqualTo(r.protectedRecords());
    }

    @Test
    void sessionIdResumptionTakesTheMasterSecretOfTheSessionSeenBefore() {
        TlsKeySources keys = TlsKeySources.empty();
        Tls12Exchange full = first();
        keys.sessionKeys().add(new KeyLogEntry(SecretLabel.CLIENT_RANDOM, full.clientRandom, MASTER));

        ConnectionRig one = new ConnectionRig(TlsSettings.DEFAULTS, keys, true);
        full.full(one, Tls12Exchange.ecdhePoint());
        one.first(full.client.application("REGISTER"));
        one.second(full.server.application("SIP/2.0 200 OK"));
        TlsConnectionReport r1 = one.close();
        assertThat(r1.decrypted()).isTrue();
        assertThat(r1.keySource()).isEqualTo("key log");
        assertThat(r1.resumed()).isFalse();
        assertThat(keys.sessions().bySessionId(SESSION_ID)).isEqualTo(MASTER);

        Tls12Exchange again = resumed();
        ConnectionRig two = new ConnectionRig(TlsSettings.DEFAULTS, keys, true);
        again.abbreviated(two);
        two.first(again.client.application("INVITE"));
        two.second(again.server.application("SIP/2.0 180 Ringing"));
        TlsConnectionReport r2 = two.close();
        assertThat(r2.decrypted()).isTrue();
        assertThat(r2.error()).isNull();
        assertThat(r2.keySource()).isEqualTo("resumed session");
        assertThat(r2.resumed()).isTrue();
        assertThat(r2.decryptedRecords()).isEqualTo(4);
        assertBalanced(r2);
        assertThat(two.clientText()).isEqualTo("INVITE");
        assertThat(two.serverText()).isEqualTo("SIP/2.0 180 Ringing");
    }

    @Test
    void resumingASessionNeverSeenSaysSo() {
        ConnectionRig rig = new ConnectionRig();
        Tls12Exchange again = resumed();
        again.abbreviated(rig);
        rig.first(again.client.application("INVITE"));
        TlsConnectionReport r = rig.close();
        assertThat(r.decrypted()).isFalse();
        assertThat(r.error()).isEqualTo("resumed session whose first handshake was not seen, and no key-log entry for "
                + "client random 0203040506070809…");
        assertThat(r.undecryptedRecords()).isEqualTo(3);
        assertBalanced(r);
        assertThat(rig.clientText()).isEmpty();
    }

    @Test
    void aResumptionTheKeyLogCoversNeedsNoEarlierSession() {
        ConnectionRig rig = new ConnectionRig();
        Tls12Exchange again = resumed();
        rig.key(SecretLabel.CLIENT_RANDOM, again.clientRandom, MASTER);
        again.abbreviated(rig);
        rig.first(again.client.application("INVITE"));
        TlsConnectionReport r = rig.close();
        assertThat(r.keySource()).isEqualTo("key log");
        assertThat(r.error()).isNull();
        assertThat(rig.clientText()).isEqualTo("INVITE");
    }

    @Test
    void theClientRandomIsRemovedAfterUseWhenKeysAreNotKept() {
        ConnectionRig rig = new ConnectionRig(NOT_KEPT);
        Tls12Exchange full = first();
        rig.key(SecretLabel.CLIENT_RANDOM, full.clientRandom, MASTER);
        rig.key(SecretLabel.CLIENT_RANDOM, counting(0x03, 32), counting(0x10, 48));
        full.full(rig, Tls12Exchange.ecdhePoint());
        rig.first(full.client.application("ping"));
        rig.second(full.server.application("pong"));
        TlsConnectionReport r = rig.close();
        assertThat(r.error()).isNull();
        assertThat(rig.clientText() + rig.serverText()).as("both directions still decrypt").isEqualTo("pingpong");
        assertThat(rig.keys.sessionKeys().masterSecret(full.clientRandom)).isNull();
        assertThat(rig.keys.sessionKeys().masterSecret(counting(0x03, 32))).as("another connection's key").isNotNull();
    }

    @Test
    void theClientRandomStaysWhenKeysAreKept() {
        ConnectionRig rig = new ConnectionRig();
        Tls12Exchange full = first();
        rig.key(SecretLabel.CLIENT_RANDOM, full.clientRandom, MASTER);
        full.full(rig, Tls12Exchange.ecdhePoint());
        rig.first(full.client.application("ping"));
        rig.close();
        assertThat(rig.keys.sessionKeys().masterSecret(full.clientRandom)).isEqualTo(MASTER);
    }

    @Test
    void anRsaPreMasterFromTheKeyLogIsRemovedAfterUseWhenKeysAreNotKept() {
        byte[] encrypted = counting(0x90, 256);
        byte[] preMaster = concat(new byte[] {3, 3}, counting(0x20, 46));
        byte[] clientRandom = counting(0x05, 32);
        byte[] serverRandom = counting(0x45, 32);
        byte[] master = SyntheticTls.prfSha256(preMaster, "master secret", concat(clientRandom, serverRandom), 48);
        Tls12Exchange rsa = new Tls12Exchange(TLS_RSA_WITH_AES_128_GCM_SHA256, master, clientRandom, serverRandom,
                counting(0xd0, 32));
        ConnectionRig rig = new ConnectionRig(NOT_KEPT);
        rig.key(SecretLabel.RSA, Arrays.copyOf(encrypted, 8), preMaster);
        rsa.full(rig, concat(new byte[] {1, 0}, encrypted));
        rig.first(rsa.client.application("OPTIONS"));
        TlsConnectionReport r = rig.close();
        assertThat(r.error()).isNull();
        assertThat(r.keySource()).isEqualTo("key log");
        assertThat(rig.clientText()).isEqualTo("OPTIONS");
        assertThat(rig.keys.sessionKeys().find(SecretLabel.RSA, Arrays.copyOf(encrypted, 8))).isNull();
    }

    @Test
    void aServerHelloSeenBeforeItsClientHelloStillDecrypts() {
        ConnectionRig rig = new ConnectionRig(TlsSettings.DEFAULTS, TlsKeySources.empty(), true);
        Tls12Exchange tls = first();
        rig.key(SecretLabel.CLIENT_RANDOM, tls.clientRandom, MASTER);
        rig.first(tls.serverHello(), SyntheticTls.changeCipherSpec(), tls.serverFinished(), tls.server.application("200"));
        rig.second(tls.clientHello(new byte[0]), SyntheticTls.record(SyntheticTls.HANDSHAKE, SyntheticTls.handshake(
                SyntheticTls.CLIENT_KEY_EXCHANGE, Tls12Exchange.ecdhePoint())), SyntheticTls.changeCipherSpec(),
                tls.clientFinished(), tls.client.application("OPTIONS"));
        TlsConnectionReport r = rig.close();
        assertThat(r.error()).isNull();
        assertThat(r.clientIp()).isEqualTo(ConnectionRig.SECOND_IP);
        assertThat(rig.clientText()).isEqualTo("OPTIONS");
        assertThat(rig.serverText()).isEqualTo("200");
        assertBalanced(r);
    }

    @Test
    void aSuiteTheVersionCannotUseIsReportedOnceItsKeyIsKnown() {
        ConnectionRig rig = new ConnectionRig();
        Tls12Exchange tls = first();
        rig.key(SecretLabel.CLIENT_RANDOM, tls.clientRandom, MASTER);
        rig.first(tls.clientHello(new byte[0]));
        // TLS 1.1 with an AEAD suite: no server does this, a damaged or hostile capture may.
        rig.second(SyntheticTls.record(SyntheticTls.HANDSHAKE,
                SyntheticTls.serverHello(0x0302, tls.serverRandom, new byte[0], TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)));
        rig.first(SyntheticTls.changeCipherSpec(), tls.clientFinished(), tls.client.application("x"));
        TlsConnectionReport r = rig.close();
        assertThat(r.version()).isEqualTo("TLS 1.1");
        assertThat(r.error()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (0xc02f) requires TLS 1.2, not TLS 1.1");
        assertThat(r.undecryptedRecords()).isEqualTo(2);
        assertBalanced(r);
    }

    @Test
    void aClientHelloFromTheSideGuessedToBeTheServerSwapsTheRoles() {
        ConnectionRig rig = new ConnectionRig(TlsSettings.DEFAULTS, TlsKeySources.empty(), true);
        Tls12Exchange full = first();
        rig.key(SecretLabel.CLIENT_RANDOM, full.clientRandom, MASTER);
        // The TCP layer guessed the first side to be the client; the ClientHello comes from the second.
        rig.second(full.clientHello(new byte[0]));
        rig.first(full.serverHello());
        rig.second(SyntheticTls.record(SyntheticTls.HANDSHAKE, SyntheticTls.handshake(SyntheticTls.CLIENT_KEY_EXCHANGE,
                Tls12Exchange.ecdhePoint())), SyntheticTls.changeCipherSpec(), full.clientFinished());
        rig.first(SyntheticTls.changeCipherSpec(), full.serverFinished());
        rig.second(full.client.application("INVITE"));
        rig.first(full.server.application("SIP/2.0 100 Trying"));
        TlsConnectionReport r = rig.close();

        assertThat(r.error()).isNull();
        assertThat(r.clientIp()).isEqualTo(ConnectionRig.SECOND_IP);
        assertThat(r.clientPort()).isEqualTo(ConnectionRig.SECOND_PORT);
        assertThat(r.serverIp()).isEqualTo(ConnectionRig.FIRST_IP);
        assertThat(r.serverPort()).isEqualTo(ConnectionRig.FIRST_PORT);
        assertThat(rig.connection.secondDirection().isClient()).isTrue();
        assertThat(rig.connection.firstDirection().isClient()).isFalse();
        assertThat(rig.clientText()).isEqualTo("INVITE");
        assertThat(rig.serverText()).isEqualTo("SIP/2.0 100 Trying");
        assertThat(rig.secondConsumer.toString()).isEqualTo("INVITE");
        assertThat(rig.firstConsumer.toString()).isEqualTo("SIP/2.0 100 Trying");
        assertThat(r.clientApplicationBytes()).isEqualTo(6);
    }
}
