package org.callscope.engine.dtlssrtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.callscope.engine.srtp.SrtpSuite;
import org.callscope.engine.testsupport.SharedTestData;
import org.callscope.engine.tls.keys.KeyLogFiles;
import org.callscope.engine.tls.keys.SessionKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The DTLS 1.0 handshake of {@code lekensteyn-wireshark-notes/webrtc-freeswitch.pcapng}: every UDP
 * datagram of the capture through the tracker; the keys must be the ones its README gives
 * (computed there independently and confirmed by authenticating every SRTP packet).
 */
class WebrtcFreeswitchIT {
    private static final HexFormat HEX = HexFormat.of();
    private static final String CAPTURE = "lekensteyn-wireshark-notes/webrtc-freeswitch.pcapng";
    private static final String KEYLOG = "lekensteyn-wireshark-notes/webrtc-freeswitch.keylog.txt";
    private static final long SECOND = 1_000_000_000L;

    private static List<UdpCapture.Datagram> datagrams;
    private static Path keylog;

    @BeforeAll
    static void read() throws Exception {
        datagrams = UdpCapture.read(SharedTestData.file(CAPTURE));
        keylog = SharedTestData.file(KEYLOG);
    }

    private static SessionKeys keyLog() throws Exception {
        SessionKeys keys = new SessionKeys();
        List<String> warnings = new ArrayList<>();
        KeyLogFiles.load(keylog, keys, warnings::add);
        assertThat(warnings).isEmpty();
        return keys;
    }

    private static long lastTs() {
        return datagrams.getLast().tsNanos();
    }

    /** Every datagram, each said to be on an announced media endpoint or not; the count taken as DTLS. */
    private static int feedAll(DtlsSrtpTracker tracker, boolean mediaEndpoint) {
        int taken = 0;
        for (UdpCapture.Datagram d : datagrams) {
            if (d.feed(tracker, mediaEndpoint)) {
                taken++;
            }
            tracker.expire(d.tsNanos());
        }
        return taken;
    }

    private static void assertReadmeKeys(DtlsSrtpKeys k) {
        assertThat(k.clientAddr()).containsExactly(209, 105, 235, 10);
        assertThat(k.clientPort()).isEqualTo(20336);
        assertThat(k.serverAddr()).containsExactly(10, 9, 1, 2);
        assertThat(k.serverPort()).isEqualTo(56706);
        assertThat(k.version()).isEqualTo("DTLS 1.0");
        assertThat(k.cipherSuite()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
        assertThat(k.clientWrite().suite()).isEqualTo(SrtpSuite.AES_CM_128_HMAC_SHA1_80);
        assertThat(HEX.formatHex(k.clientWrite().key())).isEqualTo("76f3c0dc707956947e4988a3c6ea5f94");
        assertThat(HEX.formatHex(k.clientWrite().salt())).isEqualTo("ec5e6ee59d0ebf1f06646c268d64");
        assertThat(HEX.formatHex(k.serverWrite().key())).isEqualTo("dab6010d0787ffa2a1ee2015bf326bd4");
        assertThat(HEX.formatHex(k.serverWrite().salt())).isEqualTo("e04008290c66e7d5d6935a1567f2");
    }

    @Test
    void keysAreTheReadmesAndOnlyTheSixDtlsDatagramsAreTaken() throws Exception {
        RecordingListener l = new RecordingListener();
        DtlsSrtpTracker tracker = new DtlsSrtpTracker(keyLog(), DtlsSrtpSettings.defaults(), l);
        // The README's protocol hierarchy (tshark): 6 of the 459 UDP datagrams are DTLS, the rest STUN and SRTP.
        assertThat(feedAll(tracker, true)).isEqualTo(6);
        assertThat(l.failures).isEmpty();
        assertThat(l.keys).singleElement().satisfies(WebrtcFreeswitchIT::assertReadmeKeys);
        DtlsSrtpStats s = tracker.stats();
        assertThat(s.handshakesSeen()).isEqualTo(1);
        assertThat(s.completed()).isEqualTo(1);
        assertThat(s.waiting()).isZero();
        assertThat(s.restarted()).as("the retransmitted ClientHello (frame 61) is no new handshake").isZero();
        assertThat(tracker.keptKeys(new byte[] {10, 9, 1, 2}, 56706, new byte[] {(byte) 209, 105, (byte) 235, 10}, 20336, 4))
                .as("ssl_dtls_queue_keep is off by default").isNull();
    }

    @Test
    void keysLoggedAfterTheHandshakeCompleteItWhenTheyArrive() throws Exception {
        RecordingListener l = new RecordingListener();
        SessionKeys keys = new SessionKeys();
        DtlsSrtpTracker tracker = new DtlsSrtpTracker(keys, DtlsSrtpSettings.defaults(), l);
        long first = datagrams.stream().filter(d -> d.payload().length > 0 && (d.payload()[0] & 0xff) == 22)
                .findFirst().orElseThrow().tsNanos();
        for (UdpCapture.Datagram d : datagrams) {
            d.feed(tracker, true);
            if (d.tsNanos() - first < 5 * SECOND) {
                tracker.expire(d.tsNanos()); // the capture runs longer than the queue keeps a handshake: stop before
            }
        }
        assertThat(l.keys).isEmpty();
        assertThat(l.failures).isEmpty();
        assertThat(tracker.stats().waiting()).isEqualTo(1);
        tracker.keysMayHaveArrived(first + 5 * SECOND);
        assertThat(l.keys).as("nothing new in the store").isEmpty();
        KeyLogFiles.load(keylog, keys, w -> { });
        tracker.keysMayHaveArrived(first + 5 * SECOND);
        assertThat(l.keys).singleElement().satisfies(WebrtcFreeswitchIT::assertReadmeKeys);
        assertThat(tracker.stats().waiting()).isZero();
    }

    @Test
    void withoutTheQueueHandshakesOffAnnouncedMediaAreNotFollowed() throws Exception {
        RecordingListener l = new RecordingListener();
        DtlsSrtpSettings d = DtlsSrtpSettings.defaults();
        DtlsSrtpSettings noQueue = new DtlsSrtpSettings(false, d.queueExpirationNanos(), d.queueKeep(), d.handshakeSafe(),
                d.localInstances(), d.sessionKeyKeep(), d.maxQueuedHandshakes(), d.maxQueuedBytesPerHandshake());
        DtlsSrtpTracker tracker = new DtlsSrtpTracker(keyLog(), noQueue, l);
        assertThat(feedAll(tracker, false)).as("still taken as DTLS").isEqualTo(6);
        assertThat(l.keys).isEmpty();
        assertThat(l.failures).isEmpty();
        assertThat(tracker.stats().handshakesSeen()).isZero();
        assertThat(tracker.stats().notFollowed()).as("the handshake datagrams").isEqualTo(4);
    }

    @Test
    void withTheQueueAHandshakeBeforeItsSdpIsReportedWhenSrtpOfTheAnnouncedPairArrives() throws Exception {
        RecordingListener l = new RecordingListener();
        DtlsSrtpTracker tracker = new DtlsSrtpTracker(keyLog(), DtlsSrtpSettings.defaults(), l);
        UdpCapture.Datagram firstSrtp = null;
        for (UdpCapture.Datagram d : datagrams) {
            boolean dtls = d.feed(tracker, false);
            if (!dtls && d.srcPort() == 56706 && d.payload().length > 12 && (d.payload()[0] & 0xc0) == 0x80) {
                firstSrtp = d;
                break;
            }
        }
        assertThat(l.keys).as("no SDP yet").isEmpty();
        assertThat(tracker.stats().waiting()).isEqualTo(1);
        firstSrtp.feed(tracker, true);
        assertThat(l.keys).singleElement().satisfies(WebrtcFreeswitchIT::assertReadmeKeys);
    }

    @Test
    void queuedHandshakeExpiresAndAKeyArrivingLaterChangesNothing() throws Exception {
        RecordingListener l = new RecordingListener();
        SessionKeys keys = new SessionKeys();
        DtlsSrtpTracker tracker = new DtlsSrtpTracker(keys, DtlsSrtpSettings.defaults(), l);
        for (UdpCapture.Datagram d : datagrams) {
            d.feed(tracker, true);
        }
        long lastDtls = datagrams.stream().filter(d -> d.payload().length > 0 && (d.payload()[0] & 0xff) >= 20
                && (d.payload()[0] & 0xff) <= 23).mapToLong(UdpCapture.Datagram::tsNanos).max().orElseThrow();
        tracker.expire(lastDtls + DtlsSrtpSettings.DEFAULT_QUEUE_EXPIRATION_NANOS);
        assertThat(tracker.stats().expired()).as("not yet past the expiration").isZero();
        tracker.expire(lastDtls + DtlsSrtpSettings.DEFAULT_QUEUE_EXPIRATION_NANOS + 1);
        assertThat(tracker.stats().expired()).isEqualTo(1);
        assertThat(tracker.stats().waiting()).isZero();
        assertThat(l.reasons()).containsExactly("no key");
        assertThat(l.failures.getFirst().clientPort()).isEqualTo(20336);
        assertThat(tracker.stats().failures()).containsEntry("no key", 1L);

        KeyLogFiles.load(keylog, keys, w -> { });
        tracker.keysMayHaveArrived(lastDtls + DtlsSrtpSettings.DEFAULT_QUEUE_EXPIRATION_NANOS + 2);
        assertThat(l.keys).isEmpty();
    }
}
