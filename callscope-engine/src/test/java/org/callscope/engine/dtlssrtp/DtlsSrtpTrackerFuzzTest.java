package org.callscope.engine.dtlssrtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.callscope.engine.tls.keys.SessionKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Random and mutated DTLS datagrams never throw out of the tracker; floods stay within the queue's bounds. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DtlsSrtpTrackerFuzzTest {
    private static final byte[] A = {10, 0, 0, 1};
    private static final byte[] B = {10, 0, 0, 2};

    private static DtlsSrtpSettings limits(int handshakes, int bytes) {
        DtlsSrtpSettings d = DtlsSrtpSettings.defaults();
        return new DtlsSrtpSettings(true, d.queueExpirationNanos(), true, DtlsSrtpSettings.HandshakeSafe.EXT, false, true,
                handshakes, bytes);
    }

    private static void checkKeys(RecordingListener l) {
        for (DtlsSrtpKeys k : l.keys) {
            assertThat(k.clientWrite().key()).hasSize(k.clientWrite().suite().masterKeyLength());
            assertThat(k.serverWrite().salt()).hasSize(k.serverWrite().suite().masterSaltLength());
        }
    }

    @Test
    void randomDatagramsThatLookLikeDtls() {
        Random random = new Random(5764);
        RecordingListener l = new RecordingListener();
        DtlsSrtpTracker t = new DtlsSrtpTracker(new SessionKeys(), limits(64, 4096), l);
        for (int i = 0; i < 200_000; i++) {
            byte[] p = new byte[random.nextInt(i % 10 == 0 ? 3000 : 200)];
            random.nextBytes(p);
            if (p.length >= 13 && random.nextBoolean()) {
                p[0] = (byte) (20 + random.nextInt(5));
                p[1] = (byte) 0xfe;
                p[2] = (byte) (random.nextBoolean() ? 0xff : 0xfd);
                p[3] = 0;
                p[4] = (byte) random.nextInt(2);
                int len = Math.min(p.length - 13, random.nextInt(400));
                p[11] = (byte) (len >>> 8);
                p[12] = (byte) len;
                if (p.length >= 25 && random.nextBoolean()) {
                    p[13] = (byte) (1 + random.nextInt(2)); // a hello's handshake header
                }
            }
            int port = 1000 + random.nextInt(100);
            t.onDatagram(A, port, B, 2000, 4, random.nextBoolean(), i * 1_000_000L, p, 0, p.length);
            if (i % 1000 == 0) {
                t.expire(i * 1_000_000L);
                t.keysMayHaveArrived(i * 1_000_000L);
            }
        }
        assertThat(t.stats().waiting()).isLessThanOrEqualTo(64);
        checkKeys(l);
    }

    @Test
    void mutatedHandshakesOfTheFixture() throws Exception {
        List<UdpCapture.Datagram> datagrams = DtlsSrtpFixtureTest.datagrams();
        SessionKeys keys = DtlsSrtpFixtureTest.keyLog();
        Random random = new Random(6347);
        for (int round = 0; round < 3000; round++) {
            RecordingListener l = new RecordingListener();
            DtlsSrtpTracker t = new DtlsSrtpTracker(keys, limits(16, 4096), l);
            for (UdpCapture.Datagram d : datagrams) {
                byte[] p = d.payload().clone();
                for (int e = random.nextInt(4); e > 0 && p.length > 0; e--) {
                    p[random.nextInt(p.length)] = (byte) random.nextInt(256);
                }
                int len = random.nextInt(10) == 0 ? random.nextInt(p.length + 1) : p.length;
                t.onDatagram(d.src(), d.srcPort(), d.dst(), d.dstPort(), d.addrLen(), true, d.tsNanos(), p, 0, len);
            }
            t.expire(Long.MAX_VALUE);
            checkKeys(l);
            assertThat(t.stats().waiting()).isZero();
        }
    }

    @Test
    void aFloodOfClientHellosOnDistinctPortsIsBoundedAndCounted() throws Exception {
        byte[] clientHello = DtlsSrtpFixtureTest.datagrams().getFirst().payload();
        RecordingListener l = new RecordingListener();
        DtlsSrtpTracker t = new DtlsSrtpTracker(new SessionKeys(), limits(1000, 4096), l);
        for (int port = 1; port <= 60_000; port++) {
            assertThat(t.onDatagram(A, port, B, 5004, 4, false, port * 1000L, clientHello, 0, clientHello.length)).isTrue();
            t.expire(port * 1000L);
        }
        DtlsSrtpStats s = t.stats();
        assertThat(s.waiting()).isEqualTo(1000);
        assertThat(s.handshakesSeen()).isEqualTo(1000);
        assertThat(s.dropped()).isEqualTo(59_000);
        assertThat(l.keys).isEmpty();
        assertThat(l.failures).isEmpty();

        long later = 60_000_000L + t.settings().queueExpirationNanos() + 1;
        t.expire(later);
        assertThat(t.stats().waiting()).isZero();
        assertThat(t.stats().expired()).isEqualTo(1000);
        assertThat(t.onDatagram(A, 7, B, 5004, 4, false, later, clientHello, 0, clientHello.length)).isTrue();
        assertThat(t.stats().waiting()).as("room again once they expired").isEqualTo(1);
    }

    @Test
    void oneHandshakeFeedingEndlessFragmentsIsGivenUp() {
        RecordingListener l = new RecordingListener();
        DtlsSrtpTracker t = new DtlsSrtpTracker(new SessionKeys(), limits(10, 4096), l);
        for (int i = 0; i < 1000; i++) {
            // ClientHello message_seq 0 of 1 MiB, fragment i of 200 bytes, never complete
            byte[] p = new byte[13 + 12 + 200];
            p[0] = 22;
            p[1] = (byte) 0xfe;
            p[2] = (byte) 0xfd;
            p[11] = (byte) ((12 + 200) >>> 8);
            p[12] = (byte) (12 + 200);
            p[13] = 1;
            p[14] = 0x10; // length 0x100000
            int offset = i * 200;
            p[19] = (byte) (offset >>> 16);
            p[20] = (byte) (offset >>> 8);
            p[21] = (byte) offset;
            p[24] = (byte) 200;
            t.onDatagram(A, 1111, B, 2222, 4, true, i, p, 0, p.length);
        }
        assertThat(t.stats().dropped()).isEqualTo(1);
        assertThat(l.reasons()).containsExactly("handshake too large");
    }
}
