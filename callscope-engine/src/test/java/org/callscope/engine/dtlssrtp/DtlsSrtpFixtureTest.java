package org.callscope.engine.dtlssrtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.callscope.engine.srtp.SrtpMasterKey;
import org.callscope.engine.srtp.SrtpSuite;
import org.callscope.engine.testsupport.Fixtures;
import org.callscope.engine.tls.crypto.CipherSuites;
import org.callscope.engine.tls.keys.KeyLogFiles;
import org.callscope.engine.tls.keys.SecretLabel;
import org.callscope.engine.tls.keys.SessionKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code fixtures/captures/dtls/dtls-srtp.pcap}: five DTLS-SRTP handshakes between openssl
 * s_server and s_client (see {@code fixtures/make-dtls-fixture.sh}). The truth is what both
 * openssl programs exported with {@code -keymatexport EXTRACTOR-dtls_srtp} and what tshark read
 * from the capture, in {@code fixtures/expected/dtls/dtls-srtp.json}.
 */
class DtlsSrtpFixtureTest {
    private static final HexFormat HEX = HexFormat.of();
    private static JsonNode expected;
    private static List<UdpCapture.Datagram> datagrams;

    @BeforeAll
    static void read() throws Exception {
        expected = new ObjectMapper().readTree(Fixtures.expected("dtls/dtls-srtp.json").toFile());
        datagrams = datagrams();
    }

    static SessionKeys keyLog() throws Exception {
        SessionKeys keys = new SessionKeys();
        List<String> warnings = new ArrayList<>();
        KeyLogFiles.load(Fixtures.capture("dtls/dtls-srtp.keylog"), keys, warnings::add);
        assertThat(warnings).isEmpty();
        return keys;
    }

    /** The capture's UDP datagrams, read once. */
    static synchronized List<UdpCapture.Datagram> datagrams() throws java.io.IOException {
        if (datagrams == null) {
            datagrams = UdpCapture.read(Fixtures.capture("dtls/dtls-srtp.pcap"));
        }
        return datagrams;
    }

    /** tshark's ServerHellos, in capture order: one per handshake. */
    private static List<JsonNode> serverHellos() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode h : expected.get("tshark_hellos")) {
            if (h.get("dtls.handshake.type").toString().contains("\"2\"")) {
                out.add(h);
            }
        }
        return out;
    }

    private static String exported(DtlsSrtpKeys k) {
        SrtpMasterKey c = k.clientWrite();
        SrtpMasterKey s = k.serverWrite();
        return HEX.formatHex(c.key()) + HEX.formatHex(s.key()) + HEX.formatHex(c.salt()) + HEX.formatHex(s.salt());
    }

    @Test
    void everyHandshakesKeysAreWhatOpensslExported() throws Exception {
        RecordingListener l = new RecordingListener();
        DtlsSrtpTracker tracker = new DtlsSrtpTracker(keyLog(), DtlsSrtpSettings.defaults(), l);
        for (UdpCapture.Datagram d : datagrams) {
            d.feed(tracker, true);
        }
        assertThat(l.failures).isEmpty();
        JsonNode handshakes = expected.get("handshakes");
        List<JsonNode> serverHellos = serverHellos();
        assertThat(l.keys).hasSize(handshakes.size()).hasSize(serverHellos.size()).hasSize(5);
        for (int i = 0; i < handshakes.size(); i++) {
            JsonNode h = handshakes.get(i);
            JsonNode sh = serverHellos.get(i);
            DtlsSrtpKeys k = l.keys.get(i);
            assertThat(exported(k)).as(h.get("name").asText()).isEqualTo(h.get("keying_material").asText());
            assertThat(k.clientPort()).isEqualTo(h.get("client_port").asInt());
            assertThat(k.serverPort()).isEqualTo(h.get("server_port").asInt());
            assertThat(k.clientAddr()).containsExactly(127, 0, 0, 1);
            assertThat(k.version()).isEqualTo(h.get("openssl_protocol").asText().equals("DTLSv1") ? "DTLS 1.0" : "DTLS 1.2");
            assertThat(k.cipherSuite()).isEqualTo(CipherSuites.byId(Integer.decode(sh.get("dtls.handshake.ciphersuite").asText())).name());
            assertThat(k.clientWrite().suite().dtlsProfile()).isEqualTo(Integer.decode(sh.get("dtls.use_srtp.protection_profile").asText()));
            assertThat(k.serverWrite().suite()).isEqualTo(k.clientWrite().suite());
        }
        assertThat(l.keys.get(1).clientWrite().suite()).isEqualTo(SrtpSuite.AEAD_AES_128_GCM);
        assertThat(l.keys.get(2).cipherSuite()).as("the SHA-384 PRF").isEqualTo("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        assertThat(l.keys.get(3).clientWrite().suite()).isEqualTo(SrtpSuite.AES_CM_128_HMAC_SHA1_32);
        DtlsSrtpStats s = tracker.stats();
        assertThat(s.handshakesSeen()).isEqualTo(5);
        assertThat(s.restarted()).as("the second handshake on 24512-24511; the cookie ClientHellos start none").isEqualTo(1);
        assertThat(s.completed()).isEqualTo(5);
        assertThat(s.extendedMasterSecret()).as("OpenSSL 3 negotiates it by default").isEqualTo(5);
        assertThat(s.waiting()).isZero();
    }

    @Test
    void theCookieExchangeKeepsTheClientRandom() {
        List<JsonNode> clientHellos = new ArrayList<>();
        for (JsonNode h : expected.get("tshark_hellos")) {
            if (h.get("dtls.handshake.type").asText().equals("1")) {
                clientHellos.add(h);
            }
        }
        assertThat(clientHellos).hasSize(10);
        for (int i = 0; i < clientHellos.size(); i += 2) {
            assertThat(clientHellos.get(i).get("dtls.handshake.cookie_length").asText()).isEqualTo("0");
            assertThat(clientHellos.get(i + 1).get("dtls.handshake.cookie_length").asText()).isEqualTo("20");
            assertThat(clientHellos.get(i + 1).get("dtls.handshake.random").asText())
                    .isEqualTo(clientHellos.get(i).get("dtls.handshake.random").asText());
        }
    }

    @Test
    void withoutSessionKeyKeepTheMasterSecretLeavesTheStoreOnceUsed() throws Exception {
        SessionKeys keys = keyLog();
        DtlsSrtpSettings d = DtlsSrtpSettings.defaults();
        DtlsSrtpSettings settings = new DtlsSrtpSettings(d.queue(), d.queueExpirationNanos(), d.queueKeep(),
                d.handshakeSafe(), d.localInstances(), false, d.maxQueuedHandshakes(), d.maxQueuedBytesPerHandshake());
        RecordingListener l = new RecordingListener();
        DtlsSrtpTracker tracker = new DtlsSrtpTracker(keys, settings, l);
        for (UdpCapture.Datagram d2 : datagrams) {
            d2.feed(tracker, true);
        }
        assertThat(l.keys).hasSize(5);
        assertThat(keys.size()).isZero();
        byte[] firstRandom = HEX.parseHex(expected.get("tshark_hellos").get(0).get("dtls.handshake.random").asText());
        assertThat(keyLog().find(SecretLabel.CLIENT_RANDOM, firstRandom)).as("it was there to begin with").isNotNull();
    }

    @Test
    void queueKeepKeepsReportedKeysForTheAddressPairUntilTheyExpire() throws Exception {
        DtlsSrtpSettings d = DtlsSrtpSettings.defaults();
        DtlsSrtpSettings settings = new DtlsSrtpSettings(d.queue(), d.queueExpirationNanos(), true, d.handshakeSafe(),
                d.localInstances(), d.sessionKeyKeep(), d.maxQueuedHandshakes(), d.maxQueuedBytesPerHandshake());
        RecordingListener l = new RecordingListener();
        DtlsSrtpTracker tracker = new DtlsSrtpTracker(keyLog(), settings, l);
        for (UdpCapture.Datagram d2 : datagrams) {
            d2.feed(tracker, true);
        }
        byte[] lo = {127, 0, 0, 1};
        assertThat(tracker.keptKeys(lo, 24521, lo, 24522, 4)).isEqualTo(l.keys.get(1));
        assertThat(tracker.keptKeys(lo, 24512, lo, 24511, 4)).as("the restart's keys replaced the first").isEqualTo(l.keys.get(3));
        long last = datagrams.getLast().tsNanos();
        tracker.expire(last + d.queueExpirationNanos() + 1);
        assertThat(tracker.keptKeys(lo, 24521, lo, 24522, 4)).isNull();
        assertThat(tracker.stats().expired()).as("kept keys are not expired handshakes").isZero();
    }
}
