package org.callscope.engine.dtlssrtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import org.callscope.engine.dtlssrtp.DtlsSrtpSettings.HandshakeSafe;
import org.callscope.engine.testsupport.Fixtures;
import org.callscope.engine.tls.keys.SessionKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tracker's rules on the handshakes of {@code fixtures/captures/dtls/dtls-srtp.pcap}, cut,
 * reordered, fragmented and re-announced here; the keys are always checked against what openssl
 * exported ({@code expected/dtls/dtls-srtp.json}).
 */
class DtlsSrtpTrackerTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final long SECOND = 1_000_000_000L;
    /** The AEAD_AES_128_GCM handshake: server 24521, client 24522. */
    private static List<UdpCapture.Datagram> gcm;
    /** The DTLS 1.0 handshake: server 24541, client 24542. */
    private static List<UdpCapture.Datagram> dtls10;
    private static String gcmKeys;
    private static String dtls10Keys;

    @BeforeAll
    static void read() throws Exception {
        List<UdpCapture.Datagram> all = DtlsSrtpFixtureTest.datagrams();
        gcm = all.stream().filter(d -> d.srcPort() == 24521 || d.dstPort() == 24521).toList();
        dtls10 = all.stream().filter(d -> d.srcPort() == 24541 || d.dstPort() == 24541).toList();
        var handshakes = new ObjectMapper().readTree(Fixtures.expected("dtls/dtls-srtp.json").toFile()).get("handshakes");
        gcmKeys = handshakes.get(1).get("keying_material").asText();
        dtls10Keys = handshakes.get(4).get("keying_material").asText();
    }

    private static DtlsSrtpSettings settings(boolean queue, HandshakeSafe safe) {
        DtlsSrtpSettings d = DtlsSrtpSettings.defaults();
        return new DtlsSrtpSettings(queue, d.queueExpirationNanos(), d.queueKeep(), safe, d.localInstances(),
                d.sessionKeyKeep(), d.maxQueuedHandshakes(), d.maxQueuedBytesPerHandshake());
    }

    private static String exported(DtlsSrtpKeys k) {
        return HEX.formatHex(k.clientWrite().key()) + HEX.formatHex(k.serverWrite().key())
                + HEX.formatHex(k.clientWrite().salt()) + HEX.formatHex(k.serverWrite().salt());
    }

    private static boolean isHandshake(UdpCapture.Datagram d) {
        return d.payload()[0] == 22 && d.payload()[3] == 0 && d.payload()[4] == 0;
    }

    private static boolean carries(UdpCapture.Datagram d, int handshakeType) {
        return isHandshake(d) && (d.payload()[13] & 0xff) == handshakeType;
    }

    /** Feeds datagrams, each announced when {@code announced} says so. */
    private static void feed(DtlsSrtpTracker t, List<UdpCapture.Datagram> datagrams, Predicate<UdpCapture.Datagram> announced) {
        for (UdpCapture.Datagram d : datagrams) {
            d.feed(t, announced.test(d));
        }
    }

    private static UdpCapture.Datagram withPayload(UdpCapture.Datagram d, byte[] payload) {
        return new UdpCapture.Datagram(d.frame(), d.tsNanos(), d.src(), d.srcPort(), d.dst(), d.dstPort(), d.addrLen(), payload);
    }

    @Test
    void theDtlsClientIsWhoeverSentTheClientHelloEvenWhenTheServerIsSeenFirst() throws Exception {
        RecordingListener l = new RecordingListener();
        DtlsSrtpTracker t = new DtlsSrtpTracker(DtlsSrtpFixtureTest.keyLog(), DtlsSrtpSettings.defaults(), l);
        feed(t, gcm.subList(1, gcm.size()), d -> true); // starts with the server's HelloVerifyRequest
        assertThat(l.keys).singleElement().satisfies(k -> {
            assertThat(k.clientPort()).isEqualTo(24522);
            assertThat(k.serverPort()).isEqualTo(24521);
            assertThat(exported(k)).isEqualTo(gcmKeys);
        });
    }

    @Test
    void dtls10UsesTheTls10Prf() throws Exception {
        RecordingListener l = new RecordingListener();
        DtlsSrtpTracker t = new DtlsSrtpTracker(DtlsSrtpFixtureTest.keyLog(), DtlsSrtpSettings.defaults(), l);
        feed(t, dtls10, d -> true);
        assertThat(l.keys).singleElement().satisfies(k -> {
            assertThat(k.version()).isEqualTo("DTLS 1.0");
            assertThat(exported(k)).isEqualTo(dtls10Keys);
        });
    }

    @Test
    void hellosFragmentedOutOfOrderAndRetransmittedGiveTheSameKeys() throws Exception {
        List<UdpCapture.Datagram> cut = new ArrayList<>();
        for (UdpCapture.Datagram d : gcm) {
            if (carries(d, 1) || carries(d, 2)) {
                List<byte[]> pieces = DtlsWire.fragmentFirstMessage(d.payload(), 3);
                cut.add(withPayload(d, pieces.get(2)));
                cut.add(withPayload(d, pieces.get(0)));
                cut.add(withPayload(d, pieces.get(0))); // a retransmitted fragment
                cut.add(withPayload(d, pieces.get(1)));
            } else {
                cut.add(d);
            }
        }
        RecordingListener l = new RecordingListener();
        DtlsSrtpTracker t = new DtlsSrtpTracker(DtlsSrtpFixtureTest.keyLog(), DtlsSrtpSettings.defaults(), l);
        feed(t, cut, d -> true);
        assertThat(l.failures).isEmpty();
        assertThat(l.keys).singleElement().extracting(DtlsSrtpTrackerTest::exported).isEqualTo(gcmKeys);
        assertThat(t.stats().restarted()).isZero();
    }

    @Test
    void concurrentHandshakesInterleavedAreKeptApart() throws Exception {
        List<UdpCapture.Datagram> mixed = new ArrayList<>();
        for (int i = 0; i < Math.max(gcm.size(), dtls10.size()); i++) {
            if (i < gcm.size()) {
                mixed.add(gcm.get(i));
            }
            if (i < dtls10.size()) {
                mixed.add(dtls10.get(i));
            }
        }
        RecordingListener l = new RecordingListener();
        DtlsSrtpTracker t = new DtlsSrtpTracker(DtlsSrtpFixtureTest.keyLog(), DtlsSrtpSettings.defaults(), l);
        feed(t, mixed, d -> true);
        assertThat(l.keys).extracting(DtlsSrtpTrackerTest::exported).containsExactlyInAnyOrder(gcmKeys, dtls10Keys);
    }

    @Test
    void ipv6AddressesAreReportedWhole() throws Exception {
        byte[] a = new byte[16];
        byte[] b = new byte[16];
        a[15] = 1;
        b[0] = 0x20;
        b[1] = 0x01;
        b[15] = 2;
        RecordingListener l = new RecordingListener();
        DtlsSrtpTracker t = new DtlsSrtpTracker(DtlsSrtpFixtureTest.keyLog(), DtlsSrtpSettings.defaults(), l);
        for (UdpCapture.Datagram d : gcm) {
            boolean fromClient = d.srcPort() == 24522;
            t.onDatagram(fromClient ? a : b, d.srcPort(), fromClient ? b : a, d.dstPort(), 16, true, d.tsNanos(),
                    d.payload(), 0, d.payload().length);
        }
        assertThat(l.keys).singleElement().satisfies(k -> {
            assertThat(k.clientAddr()).isEqualTo(a);
            assertThat(k.serverAddr()).isEqualTo(b);
            assertThat(exported(k)).isEqualTo(gcmKeys);
        });
    }

    @Test
    void anUnsupportedProfileOrNoUseSrtpIsAFailure() throws Exception {
        byte[] useSrtp = HEX.parseHex("000e00050002000700");
        for (String[] c : new String[][] {{"000e00050002000300", "unsupported profile 0x0003"}, {"fe0e00050002000700", "no use_srtp"}}) {
            List<UdpCapture.Datagram> changed = new ArrayList<>();
            for (UdpCapture.Datagram d : gcm) {
                changed.add(carries(d, 2) ? withPayload(d, DtlsWire.replace(d.payload(), useSrtp, HEX.parseHex(c[0]))) : d);
            }
            RecordingListener l = new RecordingListener();
            DtlsSrtpTracker t = new DtlsSrtpTracker(DtlsSrtpFixtureTest.keyLog(), DtlsSrtpSettings.defaults(), l);
            feed(t, changed, d -> true);
            assertThat(l.keys).isEmpty();
            assertThat(l.reasons()).containsExactly(c[1]);
            assertThat(l.failures.getFirst().clientPort()).isEqualTo(24522);
            assertThat(t.stats().failures()).containsEntry(c[1], 1L);
        }
    }

    @Test
    void withoutTheQueueTheKeyMustBeThereWhenTheHandshakeEnds() {
        RecordingListener l = new RecordingListener();
        DtlsSrtpTracker t = new DtlsSrtpTracker(new SessionKeys(), settings(false, HandshakeSafe.NO), l);
        feed(t, gcm, d -> true);
        assertThat(l.reasons()).containsExactly("no key");
        assertThat(t.stats().waiting()).isZero();
    }

    @Test
    void withTheQueueOffOnlyHandshakesOnAnnouncedMediaAreFollowed() throws Exception {
        // The ClientHellos (and the HelloVerifyRequest) come before the SDP; the ServerHello after it.
        Predicate<UdpCapture.Datagram> afterSdp = d -> !carries(d, 1) && !carries(d, 3);
        RecordingListener l = new RecordingListener();
        DtlsSrtpTracker t = new DtlsSrtpTracker(DtlsSrtpFixtureTest.keyLog(), settings(false, HandshakeSafe.NO), l);
        feed(t, gcm, afterSdp);
        assertThat(l.keys).isEmpty();
        t.expire(gcm.getLast().tsNanos() + 11 * SECOND);
        assertThat(l.reasons()).containsExactly("handshake incomplete");
        assertThat(t.stats().notFollowed()).isEqualTo(3);
    }

    @Test
    void handshakeSafeYesCompletesAnAnnouncedHandshakeWithTheHelloSeenBeforeTheSdp() throws Exception {
        Predicate<UdpCapture.Datagram> afterSdp = d -> !carries(d, 1) && !carries(d, 3);
        RecordingListener l = new RecordingListener();
        DtlsSrtpTracker t = new DtlsSrtpTracker(DtlsSrtpFixtureTest.keyLog(), settings(false, HandshakeSafe.YES), l);
        feed(t, gcm, afterSdp);
        assertThat(l.keys).singleElement().extracting(DtlsSrtpTrackerTest::exported).isEqualTo(gcmKeys);
    }

    @Test
    void aHandshakeSeenWhollyBeforeTheSdpNeedsExtOrTheQueue() throws Exception {
        // Every handshake datagram before the SDP; only the encrypted application data after it.
        Predicate<UdpCapture.Datagram> afterSdp = d -> d.payload()[0] == 23;
        for (Object[] c : new Object[][] {{false, HandshakeSafe.YES, 0}, {false, HandshakeSafe.EXT, 1},
                {true, HandshakeSafe.NO, 1}, {false, HandshakeSafe.ONLY, 1}}) {
            RecordingListener l = new RecordingListener();
            DtlsSrtpTracker t = new DtlsSrtpTracker(DtlsSrtpFixtureTest.keyLog(), settings((boolean) c[0], (HandshakeSafe) c[1]), l);
            feed(t, gcm, afterSdp);
            assertThat(l.keys).as("queue %s, handshake_safe %s", c[0], c[1]).hasSize((int) c[2]);
            if ((int) c[2] == 0) {
                t.expire(gcm.getLast().tsNanos() + 11 * SECOND);
                assertThat(t.stats().expired()).isEqualTo(1);
                assertThat(l.failures).as("nobody asked for it").isEmpty();
            }
        }
    }

    @Test
    void onlyReportsHandshakesNoSdpAnnounced() throws Exception {
        RecordingListener l = new RecordingListener();
        DtlsSrtpTracker t = new DtlsSrtpTracker(DtlsSrtpFixtureTest.keyLog(), settings(false, HandshakeSafe.ONLY), l);
        feed(t, gcm, d -> false);
        assertThat(l.keys).singleElement().extracting(DtlsSrtpTrackerTest::exported).isEqualTo(gcmKeys);
    }

    @Test
    void aNewClientHelloOnTheSamePairReplacesTheHandshakeAndReportsAgain() throws Exception {
        // The DTLS 1.0 handshake replayed on the GCM handshake's ports: a restarted association.
        List<UdpCapture.Datagram> both = new ArrayList<>(gcm);
        long shift = gcm.getLast().tsNanos() + SECOND - dtls10.getFirst().tsNanos();
        for (UdpCapture.Datagram d : dtls10) {
            both.add(new UdpCapture.Datagram(d.frame(), d.tsNanos() + shift, d.src(), d.srcPort() - 20, d.dst(),
                    d.dstPort() - 20, d.addrLen(), d.payload()));
        }
        RecordingListener l = new RecordingListener();
        DtlsSrtpTracker t = new DtlsSrtpTracker(DtlsSrtpFixtureTest.keyLog(), DtlsSrtpSettings.defaults(), l);
        feed(t, both, d -> true);
        assertThat(l.keys).extracting(DtlsSrtpTrackerTest::exported).containsExactly(gcmKeys, dtls10Keys);
        assertThat(l.keys.get(1).clientPort()).isEqualTo(24522);
        assertThat(t.stats().restarted()).isEqualTo(1);
        assertThat(t.stats().handshakesSeen()).isEqualTo(2);
    }

    @Test
    void notDtlsIsNotTaken() {
        DtlsSrtpTracker t = new DtlsSrtpTracker(new SessionKeys(), DtlsSrtpSettings.defaults(), new RecordingListener());
        byte[] lo = {127, 0, 0, 1};
        byte[] rtp = HEX.parseHex("80000001000000000000000100112233");
        byte[] stun = HEX.parseHex("000100002112a442000000000000000000000000");
        byte[] tlsNotDtls = HEX.parseHex("16030100050100000100");
        for (byte[] p : List.of(rtp, stun, tlsNotDtls, new byte[0], Arrays.copyOf(gcm.getFirst().payload(), 12))) {
            assertThat(t.onDatagram(lo, 1, lo, 2, 4, true, 0, p, 0, p.length)).isFalse();
        }
        byte[] dtls = gcm.getFirst().payload();
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        framed.writeBytes(new byte[] {9, 9, 9});
        framed.writeBytes(dtls);
        assertThat(t.onDatagram(lo, 1, lo, 2, 4, true, 0, framed.toByteArray(), 3, dtls.length)).isTrue();
    }
}
