package org.callscope.engine.tls.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.tls.session.SyntheticTls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
import static org.callscope.engine.tls.session.SyntheticTls.counting;

import java.util.Arrays;
import org.callscope.engine.tls.keys.SecretLabel;
import org.callscope.engine.tls.session.SyntheticTls.Tls13Sender;
import org.junit.jupiter.api.Test;

/** Records that wait for a late key: opened in order when it comes, given up past the limits, and TCP gaps. */
class TlsConnectionWaitTest {
    private static final byte[] MASTER = counting(0x60, 48);
    private static final String NO_KEY = "needs key log: forward-secret key exchange (ECDHE), no key-log entry for client random "
            + "0102030405060708…";

    private final Tls12Exchange tls = new Tls12Exchange(TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, MASTER, counting(0x01, 32),
            counting(0x41, 32), counting(0xc0, 32));

    private static void assertBalanced(TlsConnectionReport r) {
        assertThat(r.decryptedRecords() + r.failedRecords() + r.undecryptedRecords())
                .as("every protected record decrypted, failed or counted as not decrypted").isEqualTo(r.protectedRecords());
    }

    /** A handshake and a short dialog, all before any key is known. */
    private ConnectionRig dialogWithoutKey(TlsSettings settings) {
        ConnectionRig rig = new ConnectionRig(settings);
        tls.full(rig, Tls12Exchange.ecdhePoint());
        rig.first(tls.client.application("INVITE;"));
        rig.second(tls.server.application("100;"), tls.server.application("200;"));
        rig.first(tls.client.application("ACK;"));
        return rig;
    }

    @Test
    void aKeyWithinTheWaitLimitOpensBothDirectionsInPacketOrder() {
        ConnectionRig rig = dialogWithoutKey(TlsSettings.DEFAULTS);
        assertThat(rig.connection.isWaiting()).isTrue();
        rig.advance(1_500);
        rig.connection.expire(rig.clock);
        rig.key(SecretLabel.CLIENT_RANDOM, tls.clientRandom, MASTER);
        assertThat(rig.connection.retry()).isTrue();
        assertThat(rig.dialog).containsExactly("C:INVITE;", "S:100;", "S:200;", "C:ACK;");
        rig.first(tls.client.application("BYE;"));
        TlsConnectionReport r = rig.close();
        assertThat(r.error()).isNull();
        assertThat(r.decryptedRecords()).isEqualTo(7);
        assertBalanced(r);
    }

    @Test
    void aKeyLaterThanTheWaitLimitIsReportedNotUsed() {
        ConnectionRig rig = dialogWithoutKey(TlsSettings.DEFAULTS);
        rig.advance(2_500);
        rig.connection.expire(rig.clock);
        assertThat(rig.connection.isWaiting()).isFalse();
        rig.key(SecretLabel.CLIENT_RANDOM, tls.clientRandom, MASTER);
        rig.connection.retry();
        rig.first(tls.client.application("BYE;"));
        TlsConnectionReport r = rig.close();

        assertThat(r.decrypted()).isFalse();
        assertThat(r.error()).isEqualTo("no key within 2000 ms: " + NO_KEY);
        assertThat(r.undecryptedRecords()).isEqualTo(r.protectedRecords()).isEqualTo(7);
        assertThat(rig.dialog).isEmpty();
        assertThat(rig.lost).containsExactlyInAnyOrder("first", "second");
    }

    @Test
    void recordsOverThePendingLimitAreGivenUpNamingTheLimit() {
        ConnectionRig rig = new ConnectionRig(new TlsSettings(2_000_000_000L, 300, true));
        tls.full(rig, Tls12Exchange.ecdhePoint());
        for (int i = 0; i < 10; i++) {
            rig.first(tls.client.application("INVITE sip:bob@example.com SIP/2.0 #" + i));
        }
        rig.key(SecretLabel.CLIENT_RANDOM, tls.clientRandom, MASTER);
        rig.connection.retry();
        TlsConnectionReport r = rig.close();

        assertThat(r.error()).isEqualTo("more than 300 bytes of records waited for a key: " + NO_KEY);
        assertThat(r.decrypted()).isFalse();
        assertThat(r.undecryptedRecords()).isEqualTo(r.protectedRecords()).isEqualTo(12);
        assertThat(rig.clientText()).isEmpty();
        assertThat(rig.lost).contains("first");
    }

    @Test
    void thePendingLimitHoldsForTheConnectionNotEachDirection() {
        ConnectionRig rig = new ConnectionRig(new TlsSettings(2_000_000_000L, 300, true));
        tls.full(rig, Tls12Exchange.ecdhePoint());
        rig.first(tls.client.application("x".repeat(90)), tls.client.application("x".repeat(90)));
        rig.second(tls.server.application("y".repeat(90)), tls.server.application("y".repeat(90)));
        TlsConnectionReport r = rig.close();
        assertThat(r.error()).startsWith("more than 300 bytes of records waited for a key");
        assertBalanced(r);
    }

    @Test
    void aTcpGapEndsThatDirectionWithAReasonAndNoGarbage() {
        ConnectionRig rig = new ConnectionRig();
        rig.key(SecretLabel.CLIENT_RANDOM, tls.clientRandom, MASTER);
        tls.full(rig, Tls12Exchange.ecdhePoint());
        rig.first(tls.client.application("one;"));
        byte[] lostRecord = tls.client.application("lost;");
        byte[] next = tls.client.application("two;");
        // The capture lost the first 10 bytes of a record: what follows cannot be framed.
        rig.connection.firstDirection().gap(10, rig.clock);
        rig.first(Arrays.copyOfRange(lostRecord, 10, lostRecord.length), next);
        rig.second(tls.server.application("pong;"));
        TlsConnectionReport r = rig.close();

        assertThat(r.error()).startsWith("gap of 10 bytes at stream offset ").endsWith("(client to server)");
        assertThat(rig.clientText()).isEqualTo("one;");
        assertThat(rig.serverText()).isEqualTo("pong;");
        assertThat(r.failedRecords()).isZero();
        assertThat(rig.lost).containsExactly("first");
        assertBalanced(r);
    }

    @Test
    void recordsWaitingWhenAGapComesAreCountedAsNotDecrypted() {
        ConnectionRig rig = dialogWithoutKey(TlsSettings.DEFAULTS);
        rig.connection.firstDirection().gap(100, rig.clock);
        rig.key(SecretLabel.CLIENT_RANDOM, tls.clientRandom, MASTER);
        rig.connection.retry();
        TlsConnectionReport r = rig.close();
        assertThat(r.error()).startsWith("gap of 100 bytes");
        assertThat(rig.clientText()).isEmpty();
        assertThat(rig.serverText()).isEqualTo("100;200;");
        assertThat(r.undecryptedRecords()).as("the client's Finished, INVITE and ACK").isEqualTo(3);
        assertBalanced(r);
    }

    @Test
    void aGapInOneDirectionNoLongerHoldsBackTheOther() {
        // TLS 1.3, where each direction has its own secret: the server's are logged, the client's not.
        byte[] clientRandom = counting(0x07, 32);
        ConnectionRig rig = new ConnectionRig();
        rig.key(SecretLabel.SERVER_HANDSHAKE_TRAFFIC_SECRET, clientRandom, counting(0x30, 32));
        rig.key(SecretLabel.SERVER_TRAFFIC_SECRET_0, clientRandom, counting(0x70, 32));
        Tls13Sender serverHandshake = new Tls13Sender(counting(0x30, 32));
        Tls13Sender serverApplication = new Tls13Sender(counting(0x70, 32));
        Tls13Sender clientHandshake = new Tls13Sender(counting(0x10, 32));
        rig.first(SyntheticTls.record(SyntheticTls.HANDSHAKE, SyntheticTls.clientHello13(clientRandom, new byte[0], false, false)));
        rig.second(SyntheticTls.record(SyntheticTls.HANDSHAKE, SyntheticTls.serverHello13(counting(0x40, 32), new byte[0], -1)),
                serverHandshake.handshakeMessage(SyntheticTls.FINISHED, counting(0x20, 32)));
        rig.first(clientHandshake.handshakeMessage(SyntheticTls.FINISHED, counting(0x21, 32)));
        // The server's answer is opened only after the client's older record, whose key is missing.
        rig.second(serverApplication.application("SIP/2.0 200 OK"));
        assertThat(rig.serverText()).isEmpty();
        rig.connection.firstDirection().gap(5, rig.clock);
        rig.advance(2_500);
        rig.connection.expire(rig.clock);
        assertThat(rig.serverText()).as("released when the client's records were lost to the gap").isEqualTo("SIP/2.0 200 OK");
        TlsConnectionReport r = rig.close();
        assertThat(r.error()).startsWith("gap of 5 bytes");
        assertBalanced(r);
    }

    @Test
    void bytesAfterTheEndOfADirectionAreNotTaken() {
        ConnectionRig rig = new ConnectionRig();
        rig.key(SecretLabel.CLIENT_RANDOM, tls.clientRandom, MASTER);
        tls.full(rig, Tls12Exchange.ecdhePoint());
        rig.first(tls.client.application("BYE;"));
        rig.connection.firstDirection().close(rig.clock);
        rig.first(tls.client.application("late;"));
        TlsConnectionReport r = rig.close();
        assertThat(rig.clientText()).isEqualTo("BYE;");
        assertThat(r.protectedRecords()).isEqualTo(3);
        assertBalanced(r);
    }

    @Test
    void theConnectionEndingWhileRecordsWaitReportsOnlyOnceTheyAreOpenedOrGivenUp() {
        ConnectionRig rig = dialogWithoutKey(TlsSettings.DEFAULTS);
        rig.connection.endOfStream(rig.clock);
        assertThat(rig.reports).as("records still wait for their key").isEmpty();
        rig.key(SecretLabel.CLIENT_RANDOM, tls.clientRandom, MASTER);
        rig.connection.retry();
        assertThat(rig.reports).hasSize(1);
        assertThat(rig.report().error()).isNull();
        assertThat(rig.dialog).containsExactly("C:INVITE;", "S:100;", "S:200;", "C:ACK;");
        rig.connection.close(rig.clock);
        assertThat(rig.reports).as("reported once").hasSize(1);
    }
}
