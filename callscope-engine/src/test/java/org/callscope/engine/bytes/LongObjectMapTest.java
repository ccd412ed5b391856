package org.callscope.engine.bytes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongObjectMapTest {

    @Test
    void behavesLikeAHashMapUnderRandomPutsAndRemoves() {
        LongObjectMap<Long> ours = new LongObjectMap<>(4);
        Map<Long, Long> reference = new HashMap<>();
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            long key = random.nextInt(5_000) * 0x10001L; // clustered keys stress probing
            if (random.nextInt(3) == 0) {
                assertThat(ours.remove(key)).isEqualTo(reference.remove(key));
            } else {
                long value = random.nextLong();
                assertThat(ours.put(key, value)).isEqualTo(reference.put(key, value));
            }
        }
        assertThat(ours.size()).isEqualTo(reference.size());
        reference.forEach((k, v) -> assertThat(ours.get(k)).isEqualTo(v));
    }

    @Test
    void packsIpv4ExactlyAndSeparatesIpv6() {
        long v4 = PackedEndpoint.pack(new byte[] {10, 0, 2, 15}, 4, 5060);
        assertThat(v4).isEqualTo((0x0A00020FL << 16) | 5060);
        assertThat(PackedEndpoint.port(v4)).isEqualTo(5060);
        assertThat(PackedEndpoint.isIpv6(v4)).isFalse();
        byte[] v6 = new byte[16];
        v6[15] = 1;
        long p6 = PackedEndpoint.pack(v6, 16, 5060);
        assertThat(PackedEndpoint.isIpv6(p6)).isTrue();
        assertThat(PackedEndpoint.port(p6)).isEqualTo(5060);
    }
}
