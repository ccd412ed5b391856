package org.callscope.engine.tls.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class SessionKeysTest {
    /** A distinct client random per (writer, n), and a secret derived from it, so a reader can check content. */
    private static byte[] random(int writer, int n) {
        return ByteBuffer.allocate(32).putInt(writer).putInt(n).putLong(0x5EC2E7L).array();
    }

    private static byte[] secretFor(byte[] random) {
        byte[] s = new byte[48];
        for (int i = 0; i < s.length; i++) {
            s[i] = (byte) (random[i % 32] * 7 + i);
        }
        return s;
    }

    private static KeyLogEntry masterSecret(int writer, int n) {
        byte[] r = random(writer, n);
        return new KeyLogEntry(SecretLabel.CLIENT_RANDOM, r, secretFor(r));
    }

    @Test
    void findsByLabelAndId() {
        SessionKeys keys = new SessionKeys();
        KeyLogEntry e = masterSecret(1, 1);
        assertThat(keys.add(e)).isTrue();
        assertThat(keys.masterSecret(e.id())).isEqualTo(e.secret());
        assertThat(keys.find(SecretLabel.CLIENT_RANDOM, e.id())).isEqualTo(e.secret());
        assertThat(keys.find(SecretLabel.EXPORTER_SECRET, e.id())).isNull();
        assertThat(keys.masterSecret(random(1, 2))).isNull();
        keys.masterSecret(e.id())[0] ^= 1; // a copy: the store is unchanged
        assertThat(keys.masterSecret(e.id())).isEqualTo(e.secret());
    }

    @Test
    void identicalAddsChangeNothingAndDifferentSecretsReplace() {
        SessionKeys keys = new SessionKeys();
        KeyLogEntry e = masterSecret(1, 1);
        keys.add(e);
        long v = keys.version();
        assertThat(keys.add(masterSecret(1, 1))).isFalse();
        assertThat(keys.version()).isEqualTo(v);
        byte[] other = new byte[48];
        assertThat(keys.add(new KeyLogEntry(SecretLabel.CLIENT_RANDOM, e.id(), other))).isTrue();
        assertThat(keys.version()).isGreaterThan(v);
        assertThat(keys.masterSecret(e.id())).isEqualTo(other);
        assertThat(keys.size()).isEqualTo(1);
    }

    @Test
    void versionIncreasesOnEveryAddThatChangesTheStore() {
        SessionKeys keys = new SessionKeys();
        long before = keys.version();
        for (int i = 0; i < 10; i++) {
            keys.add(masterSecret(0, i));
            assertThat(keys.version()).isEqualTo(before + i + 1);
        }
    }

    @Test
    void boundEvictsTheOldestFirst() {
        SessionKeys keys = new SessionKeys(3);
        for (int i = 0; i < 5; i++) {
            keys.add(masterSecret(0, i));
        }
        assertThat(keys.size()).isEqualTo(3);
        assertThat(keys.masterSecret(random(0, 0))).isNull();
        assertThat(keys.masterSecret(random(0, 1))).isNull();
        assertThat(keys.masterSecret(random(0, 2))).isNotNull();
        assertThat(keys.masterSecret(random(0, 4))).isNotNull();
        // logging an entry again makes it the newest
        keys.add(masterSecret(0, 2));
        keys.add(masterSecret(0, 5));
        assertThat(keys.masterSecret(random(0, 2))).isNotNull();
        assertThat(keys.masterSecret(random(0, 3))).isNull();
        assertThatThrownBy(() -> new SessionKeys(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void removeDropsOneSecret() {
        SessionKeys keys = new SessionKeys();
        KeyLogEntry e = masterSecret(1, 1);
        KeyLogEntry exporter = new KeyLogEntry(SecretLabel.EXPORTER_SECRET, e.id(), new byte[32]);
        keys.add(e);
        keys.add(exporter);
        keys.remove(SecretLabel.CLIENT_RANDOM, e.id());
        assertThat(keys.masterSecret(e.id())).isNull();
        assertThat(keys.find(SecretLabel.EXPORTER_SECRET, e.id())).isNotNull();
        assertThat(keys.size()).isEqualTo(1);
        assertThat(keys.add(e)).isTrue();
    }

    @Test
    void writersAndAReaderConcurrently() throws Exception {
        int writers = 4;
        int perWriter = 20_000;
        SessionKeys keys = new SessionKeys(writers * perWriter);
        AtomicIntegerArray written = new AtomicIntegerArray(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int n = 0; n < perWriter; n++) {
                        assertThat(keys.add(masterSecret(writer, n))).isTrue();
                        written.set(writer, n + 1);
                    }
                    return null;
                }));
            }
            Future<Integer> reader = pool.submit(() -> {
                start.await();
                Random r = new Random(1);
                long lastVersion = 0;
                int lookups = 0;
                // every secret a writer has announced must be there, whole, while others are being added
                while (lookups < 50_000 || done.stream().anyMatch(f -> !f.isDone())) {
                    long v = keys.version();
                    assertThat(v).isGreaterThanOrEqualTo(lastVersion);
                    lastVersion = v;
                    int w = r.nextInt(writers);
                    int upTo = written.get(w);
                    if (upTo > 0) {
                        byte[] id = random(w, r.nextInt(upTo));
                        assertThat(keys.masterSecret(id)).isEqualTo(secretFor(id));
                        lookups++;
                    }
                }
                return lookups;
            });
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertThat(reader.get(60, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(50_000);
        } finally {
            pool.shutdownNow();
        }
        assertThat(keys.size()).isEqualTo(writers * perWriter);
        assertThat(keys.version()).isEqualTo((long) writers * perWriter);
    }

    @Test
    void boundHoldsUnderConcurrentWriters() throws Exception {
        SessionKeys keys = new SessionKeys(1000);
        Thread[] threads = new Thread[4];
        for (int w = 0; w < threads.length; w++) {
            int writer = w;
            threads[w] = new Thread(() -> {
                for (int n = 0; n < 10_000; n++) {
                    keys.add(masterSecret(writer, n));
                    assertThat(keys.size()).isLessThanOrEqualTo(1000);
                }
            });
            threads[w].start();
        }
        for (Thread t : threads) {
            t.join(60_000);
        }
        assertThat(keys.size()).isEqualTo(1000);
        assertThat(keys.version()).isEqualTo(40_000);
    }
}
