package org.callscope.engine.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link RtpStreamStats} keeps its per-packet state compact for speed; its results must stay
 * exactly those of the straightforward algorithm it replaced, frozen in {@link RtpStreamStatsReference}
 * (with {@link JitterBufferSimulatorReference}). Thousands of random streams with loss, reordering,
 * duplicates, sequence and timestamp wraps and jumps, comfort noise, telephone events, static and
 * dynamic payload types and late packets are fed to both, and every public getter (found by
 * reflection, so a new getter is compared too) must agree exactly: integers by value, doubles by
 * {@link Double#compare}, which tells -0.0 from 0.0 and compares NaN.
 */
class RtpStreamStatsEquivalenceTest {
    private static final long MS = 1_000_000L;
    private static final int STREAMS = 5_000;
    private static final int SEQUENCE_WINDOW_EDGE = RtpStreamStats.SEQUENCE_WINDOW;
    private static final int TELEPHONE_EVENT = 101;
    private static final int[] PAYLOAD_TYPES = {0, 8, 9, 18, 13, 19, 96, 97, 111, TELEPHONE_EVENT, 34, 127};

    @Test
    void everyGetterMatchesTheReferenceOnRandomStreams() throws Exception {
        Random random = new Random(20_261_125L);
        long packetsCompared = 0;
        for (int stream = 0; stream < STREAMS; stream++) {
            packetsCompared += compareOneStream(random, stream);
        }
        assertThat(packetsCompared).isGreaterThan(1_000_000L);
    }

    /**
     * The duplicate window's edges, which random streams rarely hit exactly: a run of in-order
     * packets, a jump forward, then old sequence numbers right at and around the window's end,
     * then more of the same after a second jump.
     */
    @Test
    void duplicateWindowEdgesMatch() throws Exception {
        int w = RtpStreamStats.SEQUENCE_WINDOW;
        int[] runs = {1, 2, w - 2, w - 1, w, w + 1, 2 * w + 3};
        int[] jumps = {1, 2, 3, 64, 65, w - 1, w, w + 1, 40_000};
        int[] backs = {0, 1, 2, 63, 64, w - 3, w - 2, w - 1, w, w + 1};
        int streams = 0;
        for (int run : runs) {
            for (int jump : jumps) {
                for (int back : backs) {
                    RtpStreamStats actual = new RtpStreamStats();
                    RtpStreamStatsReference expected = new RtpStreamStatsReference();
                    int seq = 65_000;
                    long t = 0;
                    for (int i = 0; i < run; i++) {
                        feed(actual, expected, t += 20 * MS, seq++);
                    }
                    seq += jump - 1;
                    feed(actual, expected, t += 20 * MS, seq);
                    for (int probe = 0; probe < 3; probe++) {
                        feed(actual, expected, t += MS, seq - back - probe);
                        assertSame(expected, actual, "run " + run + " jump " + jump + " back " + back);
                    }
                    seq += jump;
                    feed(actual, expected, t += 20 * MS, seq);
                    feed(actual, expected, t += MS, seq - back);
                    feed(actual, expected, t += MS, seq - jump);
                    assertSame(expected, actual, "run " + run + " jump " + jump + " back " + back + " again");
                    streams++;
                }
            }
        }
        assertThat(streams).isEqualTo(runs.length * jumps.length * backs.length);
    }

    private static void feed(RtpStreamStats actual, RtpStreamStatsReference expected, long arrival, int seq) {
        long ts = 160L * seq;
        actual.onPacket(arrival, seq & 0xffff, ts, 0, false, 160);
        expected.onPacket(arrival, seq & 0xffff, ts, 0, false, 160);
    }

    @Test
    void emptyStreamsMatch() throws Exception {
        RtpStreamStats actual = new RtpStreamStats();
        RtpStreamStatsReference expected = new RtpStreamStatsReference();
        assertSame(expected, actual, "empty");
        actual.setCodec(EModel.Codec.G729);
        expected.setCodec(EModel.Codec.G729);
        assertSame(expected, actual, "empty with codec");
    }

    /** Feeds one random stream to both; compares at random points and at the end. */
    private static int compareOneStream(Random random, int stream) throws Exception {
        RtpStreamStats actual = new RtpStreamStats();
        RtpStreamStatsReference expected = new RtpStreamStatsReference();
        if (random.nextInt(4) != 0) {
            int hz = random.nextInt(5) == 0 ? 0 : new int[] {8000, 16000, 48000, 44100, 90000}[random.nextInt(5)];
            actual.setClockRate(hz);
            expected.setClockRate(hz);
        }
        if (random.nextInt(3) != 0) {
            actual.setTelephoneEventPayloadType(TELEPHONE_EVENT);
            expected.setTelephoneEventPayloadType(TELEPHONE_EVENT);
        }
        if (random.nextInt(3) == 0) {
            EModel.Codec codec = EModel.Codec.values()[random.nextInt(EModel.Codec.values().length)];
            actual.setCodec(codec);
            expected.setCodec(codec);
        }
        // Stream character: how often each impairment happens.
        int count = switch (random.nextInt(10)) {
            case 0 -> 1 + random.nextInt(5);
            case 1, 2 -> 1000 + random.nextInt(3000); // longer than the duplicate window
            default -> 1 + random.nextInt(600);
        };
        double loss = random.nextInt(3) == 0 ? 0 : random.nextDouble() * 0.2;
        double reorder = random.nextInt(3) == 0 ? 0 : random.nextDouble() * 0.1;
        double duplicate = random.nextInt(3) == 0 ? 0 : random.nextDouble() * 0.05;
        double jump = random.nextInt(4) == 0 ? random.nextDouble() * 0.01 : 0;
        double otherType = random.nextInt(3) == 0 ? random.nextDouble() * 0.2 : 0;
        double jitterMillis = new double[] {0, 1, 5, 40, 150, 400}[random.nextInt(6)];
        int mainType = PAYLOAD_TYPES[random.nextInt(PAYLOAD_TYPES.length)];
        int step = new int[] {160, 320, 960, 3000, 1}[random.nextInt(5)];
        // Bases near the wraps often, so both 16-bit sequence and 32-bit timestamp wrap.
        int seq = random.nextBoolean() ? 65535 - random.nextInt(300) : random.nextInt(65536);
        long ts = random.nextBoolean() ? 0xffff_ffffL - random.nextInt(200_000) : random.nextLong() & 0xffff_ffffL;
        long clock = random.nextLong(1L << 40);

        List<long[]> packets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int pt = random.nextDouble() < otherType ? PAYLOAD_TYPES[random.nextInt(PAYLOAD_TYPES.length)] : mainType;
            if (random.nextDouble() < jump) {
                seq += random.nextInt(3) == 0 ? -random.nextInt(5000) : random.nextInt(70_000);
                ts += random.nextInt(3) == 0 ? -random.nextLong(3L << 31) : random.nextLong(3L << 31);
            }
            boolean marker = random.nextInt(30) == 0;
            long arrival = clock + Math.round(random.nextDouble() * jitterMillis * MS)
                    + (random.nextInt(200) == 0 ? random.nextLong(2000 * MS) : 0);
            if (random.nextDouble() >= loss) {
                packets.add(new long[] {arrival, seq & 0xffff, ts & 0xffff_ffffL, pt, marker ? 1 : 0,
                        random.nextInt(10) == 0 ? random.nextInt(1500) - 10 : 160});
                if (random.nextDouble() < duplicate) {
                    long[] dup = packets.getLast().clone();
                    dup[0] += random.nextLong(50 * MS);
                    packets.add(dup);
                }
            }
            seq++;
            ts += step;
            clock += 20 * MS;
        }
        if (random.nextBoolean()) {
            // Deliver in arrival order, as a capture sees them.
            packets.sort(Comparator.comparingLong(p -> p[0]));
        }
        for (int i = 0; i + 1 < packets.size(); i++) {
            if (random.nextDouble() < reorder) {
                int j = Math.min(packets.size() - 1, i + 1 + switch (random.nextInt(10)) {
                    case 0 -> random.nextInt(1500);
                    case 1 -> SEQUENCE_WINDOW_EDGE - 3 + random.nextInt(6); // around the window's end
                    default -> random.nextInt(4);
                });
                long[] t = packets.get(i);
                packets.set(i, packets.get(j));
                packets.set(j, t);
            }
        }
        // Late copies around the window's end: a duplicate just inside, an old packet just outside.
        if (duplicate > 0) {
            for (int i = packets.size() - 1; i >= 0; i--) {
                if (random.nextDouble() < duplicate / 4) {
                    int at = i + SEQUENCE_WINDOW_EDGE - 3 + random.nextInt(6);
                    if (at <= packets.size()) {
                        packets.add(at, packets.get(i).clone());
                    }
                }
            }
        }
        int n = 0;
        for (long[] p : packets) {
            actual.onPacket(p[0], (int) p[1], p[2], (int) p[3], p[4] != 0, (int) p[5]);
            expected.onPacket(p[0], (int) p[1], p[2], (int) p[3], p[4] != 0, (int) p[5]);
            n++;
            if (random.nextInt(50) == 0) {
                assertSame(expected, actual, "stream " + stream + " after packet " + n);
            }
        }
        assertSame(expected, actual, "stream " + stream + " at the end (" + n + " packets)");
        return n;
    }

    private static void assertSame(RtpStreamStatsReference expected, RtpStreamStats actual, String where)
            throws ReflectiveOperationException {
        for (Method m : publicGetters(RtpStreamStats.class)) {
            Object a = m.invoke(actual);
            Object e = RtpStreamStatsReference.class.getMethod(m.getName()).invoke(expected);
            if (a instanceof JitterBufferSimulator buffer) {
                assertSameBuffer((JitterBufferSimulatorReference) e, buffer, where + " " + m.getName());
            } else {
                assertEqual(e, a, where + " " + m.getName());
            }
        }
        for (int i = 0; i < RtpStreamStats.DELAY_BUCKET_MILLIS.length; i++) {
            assertThat(actual.delayBucket(i)).as(where + " delayBucket " + i).isEqualTo(expected.delayBucket(i));
        }
    }

    private static void assertSameBuffer(JitterBufferSimulatorReference expected, JitterBufferSimulator actual,
            String where) throws ReflectiveOperationException {
        for (Method m : publicGetters(JitterBufferSimulator.class)) {
            Object a = m.invoke(actual);
            Object e = JitterBufferSimulatorReference.class.getMethod(m.getName()).invoke(expected);
            assertEqual(e, a, where + "." + m.getName());
        }
    }

    private static void assertEqual(Object expected, Object actual, String what) {
        if (expected instanceof Double e) {
            assertThat(Double.compare(e, (Double) actual)).as(what + ": " + e + " vs " + actual).isZero();
        } else {
            assertThat(actual).as(what).isEqualTo(expected);
        }
    }

    /** Public instance methods without parameters that return something, sorted by name. */
    private static List<Method> publicGetters(Class<?> type) {
        List<Method> getters = new ArrayList<>();
        for (Method m : type.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())
                    && m.getParameterCount() == 0 && m.getReturnType() != void.class) {
                getters.add(m);
            }
        }
        getters.sort(Comparator.comparing(Method::getName));
        assertThat(getters).isNotEmpty();
        return getters;
    }

    @Test
    void reflectionSeesTheGettersThatMatter() {
        List<String> names = publicGetters(RtpStreamStats.class).stream().map(Method::getName).toList();
        assertThat(names).contains("packets", "lost", "missing", "duplicates", "outOfOrder", "meanJitterMillis",
                "mosF1", "mosF2", "mosAdapt", "bufferAdaptive");
        assertThat(Arrays.stream(JitterBufferSimulator.class.getDeclaredMethods()).map(Method::getName))
                .contains("discarded", "meanDelayMillis", "currentDelayMillis", "packets");
    }
}
