package org.callscope.engine.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.decode.DecodedPacket;
import org.junit.jupiter.api.Test;

/**
 * A known stream's packets skip the endpoint lookups; these cases check that they still reach
 * the owner a fresh lookup would find whenever the endpoint table changes.
 */
class MediaProcessorResolutionTest {
    private static final byte[] CALLER = {10, 0, 0, 1};
    private static final byte[] CALLEE = {10, 0, 0, 2};

    private final AnomalyCounters anomalies = new AnomalyCounters();
    private final MediaEndpointTable endpoints = new MediaEndpointTable(anomalies);
    private final List<Object> unassociated = new ArrayList<>();
    private final MediaProcessor media = new MediaProcessor(endpoints, anomalies, unassociated::add);
    private int seq = 1000;

    private static final class Owner implements MediaOwner {
        @Override
        public PayloadFormat[] formatsReceivedBy(CallSide side) {
            return null;
        }

        final List<MediaStream> streams = new ArrayList<>();
        final List<MediaEndpoint> endpoints = new ArrayList<>();
        /** Media frames handed to this owner: one per packet it owns. */
        int activity;

        @Override
        public void onStream(MediaStream stream) {
            streams.add(stream);
        }

        @Override
        public void onMediaActivity(long tsNanos) {
        }

        @Override
        public void onMediaFrame(CapturedPacket frame) {
            activity++;
        }

        @Override
        public void onEndpointLearned(MediaEndpoint endpoint) {
            endpoints.add(endpoint);
        }

        @Override
        public MediaStream streamBySsrc(long ssrc) {
            return null;
        }
    }

    private void announce(Owner owner, byte[] addr, int port) {
        owner.endpoints.add(endpoints.announce(addr.clone(), port, CallSide.CALLEE, false,
                new PayloadFormat[0], owner, false));
    }

    /** An RTP packet (RFC 3550 §5.1: V=2, PT 0 PCMU, SSRC 0x11223344) with 160 payload bytes. */
    private void send(byte[] src, int srcPort, byte[] dst, int dstPort) {
        byte[] rtp = new byte[12 + 160];
        rtp[0] = (byte) 0x80;
        rtp[1] = 0;
        rtp[2] = (byte) (seq >>> 8);
        rtp[3] = (byte) seq;
        int ts = seq * 160;
        rtp[4] = (byte) (ts >>> 24);
        rtp[5] = (byte) (ts >>> 16);
        rtp[6] = (byte) (ts >>> 8);
        rtp[7] = (byte) ts;
        rtp[8] = 0x11;
        rtp[9] = 0x22;
        rtp[10] = 0x33;
        rtp[11] = 0x44;
        DecodedPacket p = new DecodedPacket();
        p.ipVersion = 4;
        p.protocol = DecodedPacket.PROTO_UDP;
        System.arraycopy(src, 0, p.srcAddr, 0, 4);
        System.arraycopy(dst, 0, p.dstAddr, 0, 4);
        p.srcPort = srcPort;
        p.dstPort = dstPort;
        p.payload = rtp;
        p.payloadOffset = 0;
        p.payloadLength = rtp.length;
        p.tsNanos = 1_000_000_000L + seq * 20_000_000L;
        seq++;
        media.onUdp(p, new CapturedPacket());
    }

    @Test
    void reannouncedEndpointTakesOverTheStreamFromItsFirstPacket() {
        Owner a = new Owner();
        announce(a, CALLEE, 5000);
        send(CALLER, 4000, CALLEE, 5000);
        send(CALLER, 4000, CALLEE, 5000);
        assertThat(a.activity).isEqualTo(2);
        assertThat(a.streams).hasSize(1);

        Owner b = new Owner();
        announce(b, CALLEE, 5000);
        send(CALLER, 4000, CALLEE, 5000);
        assertThat(b.activity).isEqualTo(1);
        assertThat(a.activity).isEqualTo(2);
        // Same address pair and SSRC, but the new announcement owns it: a new stream for b.
        assertThat(a.streams.get(0).packets()).isEqualTo(2);
        assertThat(b.streams).hasSize(1);
        assertThat(b.streams.get(0).packets()).isEqualTo(1);

        endpoints.release(a, a.endpoints);
        media.release(a.streams);
        send(CALLER, 4000, CALLEE, 5000);
        assertThat(b.streams).hasSize(1);
        assertThat(b.streams.get(0).packets()).isEqualTo(2);
        assertThat(b.activity).isEqualTo(2);
    }

    @Test
    void releasedEndpointStopsActivity() {
        Owner a = new Owner();
        announce(a, CALLEE, 5000);
        send(CALLER, 4000, CALLEE, 5000);
        endpoints.release(a, a.endpoints);
        send(CALLER, 4000, CALLEE, 5000);
        assertThat(a.activity).isEqualTo(1);
    }

    @Test
    void unassociatedStreamJoinsTheCallAnnouncedLater() {
        send(CALLER, 4000, CALLEE, 5000);
        send(CALLER, 4000, CALLEE, 5000);
        Owner c = new Owner();
        announce(c, CALLEE, 5000);
        send(CALLER, 4000, CALLEE, 5000);
        assertThat(c.activity).isEqualTo(1);
        assertThat(c.streams).singleElement().satisfies(st -> assertThat(st.packets()).isEqualTo(1));
    }

    @Test
    void sourceMatchedStreamSwitchesToDestinationAnnouncedLater() {
        Owner a = new Owner();
        announce(a, CALLER, 4000);
        // From the announced endpoint (symmetric RTP) to an address nobody announced.
        send(CALLER, 4000, CALLEE, 5000);
        assertThat(a.activity).isEqualTo(1);
        Owner b = new Owner();
        announce(b, CALLEE, 5000);
        send(CALLER, 4000, CALLEE, 5000);
        assertThat(b.activity).isEqualTo(1);
        assertThat(a.activity).isEqualTo(1);
    }

    @Test
    void anotherCallEndingLeavesTheStreamWithItsOwnerAndItsOwnEndingStillCounts() {
        byte[] other = {10, 0, 0, 9};
        for (boolean viaDestination : new boolean[] {true, false}) {
            Owner a = new Owner();
            Owner z = new Owner();
            announce(a, viaDestination ? CALLEE : CALLER, viaDestination ? 5000 : 4000);
            announce(z, other, 6000);
            send(CALLER, 4000, CALLEE, 5000);
            send(CALLER, 4000, CALLEE, 5000);
            assertThat(a.activity).isEqualTo(2);

            endpoints.release(z, z.endpoints);
            send(CALLER, 4000, CALLEE, 5000);
            send(CALLER, 4000, CALLEE, 5000);
            assertThat(a.activity).as("via destination %s", viaDestination).isEqualTo(4);

            endpoints.release(a, a.endpoints);
            send(CALLER, 4000, CALLEE, 5000);
            assertThat(a.activity).as("via destination %s", viaDestination).isEqualTo(4);
            media.release(a.streams);
        }
    }
}
