package org.callscope.engine.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.callscope.engine.bytes.PackedEndpoint;
import org.callscope.engine.decode.DecodedPacket;
import org.junit.jupiter.api.Test;

class StreamTableTest {

    private static DecodedPacket packet(byte[] src, int srcPort, byte[] dst, int dstPort) {
        DecodedPacket p = new DecodedPacket();
        p.ipVersion = src.length == 4 ? 4 : 6;
        System.arraycopy(src, 0, p.srcAddr, 0, src.length);
        System.arraycopy(dst, 0, p.dstAddr, 0, dst.length);
        p.srcPort = srcPort;
        p.dstPort = dstPort;
        return p;
    }

    private static MediaStream stream(DecodedPacket p, long ssrc) {
        int n = p.addrLength();
        return new MediaStream(ssrc, PackedEndpoint.pack(p.srcAddr, n, p.srcPort),
                PackedEndpoint.pack(p.dstAddr, n, p.dstPort), p, null, null, null, null, false, new SrtpKeyring());
    }

    private static MediaStream find(StreamTable t, long hash, MediaStream s, DecodedPacket p) {
        return t.find(hash, s.srcKey, s.dstKey, s.ssrc, p);
    }

    @Test
    void findsEveryLiveStreamUnderRandomAddsAndRemovesWithCollidingHashes() {
        StreamTable table = new StreamTable();
        List<MediaStream> live = new ArrayList<>();
        List<DecodedPacket> packets = new ArrayList<>();
        List<Long> hashes = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 60_000; i++) {
            if (!live.isEmpty() && random.nextInt(3) == 0) {
                int k = random.nextInt(live.size());
                table.remove(hashes.get(k), live.get(k));
                live.remove(k);
                packets.remove(k);
                hashes.remove(k);
            } else {
                byte[] src = {10, 0, (byte) random.nextInt(4), (byte) random.nextInt(256)};
                byte[] dst = {10, 1, 0, (byte) random.nextInt(256)};
                DecodedPacket p = packet(src, 10_000 + random.nextInt(50) * 2, dst, 20_000);
                MediaStream s = stream(p, random.nextInt() & 0xffffffffL);
                // Few distinct hashes: long collision runs exercise probing and backward shifts.
                long hash = random.nextInt(64);
                table.add(hash, s);
                live.add(s);
                packets.add(p);
                hashes.add(hash);
            }
        }
        assertThat(table.size()).isEqualTo(live.size());
        for (int k = 0; k < live.size(); k++) {
            MediaStream found = find(table, hashes.get(k), live.get(k), packets.get(k));
            assertThat(found).isNotNull();
            assertThat(found.ssrc).isEqualTo(live.get(k).ssrc);
            assertThat(found.srcKey).isEqualTo(live.get(k).srcKey);
        }
    }

    @Test
    void removedStreamIsNotFound() {
        StreamTable table = new StreamTable();
        DecodedPacket p = packet(new byte[] {(byte) 192, 0, 2, 1}, 4000, new byte[] {(byte) 192, 0, 2, 2}, 5000);
        MediaStream s = stream(p, 0x1234);
        long hash = StreamTable.hash(s.srcKey, s.dstKey, s.ssrc);
        table.add(hash, s);
        assertThat(find(table, hash, s, p)).isSameAs(s);
        table.remove(hash, s);
        assertThat(find(table, hash, s, p)).isNull();
        assertThat(table.size()).isZero();
    }

    @Test
    void ipv6TuplesWithEqualPackedKeysAreToldApartByAddress() {
        byte[] a = new byte[16];
        byte[] b = new byte[16];
        a[0] = 0x20;
        b[0] = 0x20;
        b[15] = 1;
        byte[] dst = new byte[16];
        dst[15] = 9;
        DecodedPacket pa = packet(a, 4000, dst, 5000);
        DecodedPacket pb = packet(b, 4000, dst, 5000);
        MediaStream sa = stream(pa, 1);
        StreamTable table = new StreamTable();
        long hash = StreamTable.hash(sa.srcKey, sa.dstKey, 1);
        table.add(hash, sa);
        // Same keys as if b hashed to a's key: only the address comparison can reject it.
        assertThat(table.find(hash, sa.srcKey, sa.dstKey, 1, pb)).isNull();
        assertThat(table.find(hash, sa.srcKey, sa.dstKey, 1, pa)).isSameAs(sa);
    }

    @Test
    void doesNotMatchOtherSsrcOrPort() {
        DecodedPacket p = packet(new byte[] {10, 0, 0, 1}, 4000, new byte[] {10, 0, 0, 2}, 5000);
        MediaStream s = stream(p, 77);
        StreamTable table = new StreamTable();
        long hash = StreamTable.hash(s.srcKey, s.dstKey, 77);
        table.add(hash, s);
        assertThat(table.find(hash, s.srcKey, s.dstKey, 78, p)).isNull();
        assertThat(table.find(hash, s.srcKey + 1, s.dstKey, 77, p)).isNull();
    }
}
