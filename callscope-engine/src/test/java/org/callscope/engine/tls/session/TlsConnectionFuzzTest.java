package org.callscope.engine.tls.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.callscope.engine.testsupport.Fixtures;
import org.callscope.engine.testsupport.SharedTestData;
import org.callscope.engine.tls.crypto.CipherSuite;
import org.callscope.engine.tls.crypto.CipherSuites;
import org.callscope.engine.tls.crypto.TcpStreams;
import org.callscope.engine.tls.keys.KeyLogEntry;
import org.callscope.engine.tls.keys.KeyLogFiles;
import org.callscope.engine.tls.keys.SecretLabel;
import org.callscope.engine.tls.session.SyntheticTls.Out;
import org.junit.jupiter.api.Test;

/**
 * A connection driven with random and damaged input: random records and bytes, hellos naming any
 * version and suite with keys for them, real handshakes cut and bit-flipped, both directions
 * interleaved at random. Nothing may escape {@link TlsDirection#feed} but reports, the records held
 * for keys stay within the bound, the counts add up, and the report comes exactly once.
 */
class TlsConnectionFuzzTest {
    private static final List<Integer> SUITES = CipherSuites.all().stream().map(CipherSuite::id).toList();
    private static final int[] VERSIONS = {0x0300, 0x0301, 0x0302, 0x0303, 0x0304, 0xfeff, 0xfefd, 0x0200, 0x7f1c};

    /** Runs one seeded case; a failure names the seed so it can be replayed. */
    private static void runCase(String what, long seed, Runnable body) {
        try {
            body.run();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(what + ", seed " + seed + ": " + e, e);
        }
    }

    private static void assertSound(ConnectionRig rig, TlsSettings settings) {
        assertThat(rig.connection.firstDirection().pendingBytes() + rig.connection.secondDirection().pendingBytes())
                .as("bytes held for keys").isLessThanOrEqualTo(settings.maxPendingBytes());
    }

    private static void assertClosedSoundly(ConnectionRig rig) {
        rig.connection.close(rig.clock);
        rig.connection.close(rig.clock);
        assertThat(rig.reports).as("one report").hasSize(1);
        TlsConnectionReport r = rig.report();
        assertThat(r.decryptedRecords() + r.failedRecords() + r.undecryptedRecords())
                .as("protected records decrypted, failed or not decrypted: %s", r).isEqualTo(r.protectedRecords());
        assertThat(r.protectedRecords()).isLessThanOrEqualTo(r.records());
        assertThat(r.decrypted()).isEqualTo(r.decryptedRecords() > 0);
        if (r.protectedRecords() > r.decryptedRecords()) {
            assertThat(r.error()).as("a reason for what was not decrypted: %s", r).isNotNull();
        }
    }

    // ---- structure-aware random connections ------------------------------------------------------

    private static byte[] randomBytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    private static int suite(Random rnd) {
        return rnd.nextInt(10) == 0 ? rnd.nextInt(0x10000) : SUITES.get(rnd.nextInt(SUITES.size()));
    }

    private static byte[] randomClientHello(Random rnd, byte[] random) {
        Out ext = new Out();
        if (rnd.nextBoolean()) {
            ext.ext(43, new Out().vec8(new Out().u16(VERSIONS[rnd.nextInt(VERSIONS.length)]).u16(0x0303).bytes()));
        }
        if (rnd.nextBoolean()) {
            ext.ext(42, new Out());
        }
        if (rnd.nextBoolean()) {
            ext.ext(23, new Out());
        }
        if (rnd.nextBoolean()) {
            ext.ext(35, new Out().raw(randomBytes(rnd, rnd.nextInt(3) * 16)));
        }
        byte[] sessionId = rnd.nextBoolean() ? new byte[0] : randomBytes(rnd, 32);
        return SyntheticTls.handshake(SyntheticTls.CLIENT_HELLO, new Out().u16(VERSIONS[rnd.nextInt(VERSIONS.length)])
                .raw(random).vec8(sessionId).vec16(new Out().u16(suite(rnd)).u16(suite(rnd)).bytes()).vec8(new byte[] {0})
                .vec16(ext.bytes()).bytes());
    }

    private static byte[] randomServerHello(Random rnd) {
        Out ext = new Out();
        if (rnd.nextBoolean()) {
            ext.ext(43, new Out().u16(rnd.nextInt(3) == 0 ? VERSIONS[rnd.nextInt(VERSIONS.length)] : 0x0304));
        }
        if (rnd.nextBoolean()) {
            ext.ext(23, new Out());
        }
        if (rnd.nextBoolean()) {
            ext.ext(22, new Out());
        }
        byte[] random = rnd.nextInt(8) == 0 ? SyntheticTls.HELLO_RETRY_REQUEST_RANDOM : randomBytes(rnd, 32);
        int compression = rnd.nextInt(6) == 0 ? rnd.nextInt(256) : rnd.nextInt(6) == 0 ? 1 : 0;
        return SyntheticTls.handshake(SyntheticTls.SERVER_HELLO, new Out().u16(VERSIONS[rnd.nextInt(VERSIONS.length)])
                .raw(random).vec8(rnd.nextBoolean() ? new byte[0] : randomBytes(rnd, 32)).u16(suite(rnd)).u8(compression)
                .vec16(ext.bytes()).bytes());
    }

    private static void addKeys(Random rnd, ConnectionRig rig, byte[] clientRandom) {
        for (SecretLabel label : SecretLabel.values()) {
            if (label == SecretLabel.RSA || rnd.nextInt(3) == 0) {
                continue;
            }
            int size = label == SecretLabel.CLIENT_RANDOM ? 48 : rnd.nextBoolean() ? 32 : 48;
            rig.keys.sessionKeys().add(new KeyLogEntry(label, clientRandom, randomBytes(rnd, size)));
        }
    }

    /** One random step: a hello, a record of any type, raw bytes, a gap, keys, time, the end of a side. */
    private static void step(Random rnd, ConnectionRig rig, byte[] clientRandom) {
        TlsDirection side = rnd.nextBoolean() ? rig.connection.firstDirection() : rig.connection.secondDirection();
        switch (rnd.nextInt(16)) {
            case 0 -> rig.feed(side, SyntheticTls.record(SyntheticTls.HANDSHAKE, randomClientHello(rnd, clientRandom)));
            case 1 -> rig.feed(side, SyntheticTls.record(SyntheticTls.HANDSHAKE, randomServerHello(rnd)));
            case 2 -> rig.feed(side, SyntheticTls.changeCipherSpec());
            case 3 -> rig.feed(side, SyntheticTls.record(SyntheticTls.HANDSHAKE,
                    SyntheticTls.handshake(rnd.nextInt(30), randomBytes(rnd, rnd.nextInt(300)))));
            case 4 -> rig.feed(side, randomBytes(rnd, 1 + rnd.nextInt(100)));
            case 5 -> side.gap(1 + rnd.nextInt(1000), rig.clock);
            case 6 -> addKeys(rnd, rig, clientRandom);
            case 7 -> {
                rig.advance(rnd.nextInt(3000));
                rig.connection.expire(rig.clock);
            }
            case 8 -> rig.connection.retry();
            case 9 -> {
                if (rnd.nextInt(4) == 0) {
                    side.close(rig.clock);
                }
            }
            default -> rig.feed(side, SyntheticTls.record(20 + rnd.nextInt(5), randomBytes(rnd, rnd.nextInt(600))));
        }
    }

    @Test
    void randomConnectionsWithKeysForEveryVersionAndSuiteOnlyReport() {
        for (long seed = 0; seed < 5000; seed++) {
            long s = seed;
            runCase("random connection", seed, () -> {
                Random rnd = new Random(s);
                TlsSettings settings = new TlsSettings(rnd.nextInt(3) * 1_000_000_000L, 1 + rnd.nextInt(2048), rnd.nextBoolean());
                ConnectionRig rig = new ConnectionRig(settings, TlsKeySources.empty(), rnd.nextBoolean());
                byte[] clientRandom = randomBytes(rnd, 32);
                if (rnd.nextBoolean()) {
                    addKeys(rnd, rig, clientRandom);
                }
                // Most cases start like a real connection, so that the steps reach the key phases.
                if (rnd.nextInt(4) != 0) {
                    rig.first(SyntheticTls.record(SyntheticTls.HANDSHAKE, randomClientHello(rnd, clientRandom)));
                    rig.second(SyntheticTls.record(SyntheticTls.HANDSHAKE, randomServerHello(rnd)));
                }
                int steps = rnd.nextInt(40);
                for (int i = 0; i < steps; i++) {
                    step(rnd, rig, clientRandom);
                    assertSound(rig, settings);
                }
                assertClosedSoundly(rig);
            });
        }
    }

    @Test
    void randomBytesOnBothSidesOnlyReport() {
        for (long seed = 0; seed < 1000; seed++) {
            long s = seed;
            runCase("random bytes", seed, () -> {
                Random rnd = new Random(s);
                ConnectionRig rig = new ConnectionRig();
                for (int i = 0; i < 50; i++) {
                    byte[] chunk = randomBytes(rnd, rnd.nextInt(200));
                    if (rnd.nextInt(3) == 0 && chunk.length >= 3) {
                        chunk[0] = (byte) (20 + rnd.nextInt(5)); // a plausible record header now and then
                        chunk[1] = 3;
                        chunk[2] = (byte) rnd.nextInt(5);
                    }
                    rig.feed(rnd.nextBoolean() ? rig.connection.firstDirection() : rig.connection.secondDirection(), chunk);
                }
                assertClosedSoundly(rig);
                assertThat(rig.dialog).isEmpty();
            });
        }
    }

    @Test
    void recordsHeldForAKeyStayWithinTheBound() {
        TlsSettings settings = new TlsSettings(60_000_000_000L, 64 * 1024, true);
        ConnectionRig rig = new ConnectionRig(settings);
        Tls12Exchange tls = new Tls12Exchange(SyntheticTls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, new byte[48],
                SyntheticTls.counting(1, 32), SyntheticTls.counting(2, 32), new byte[0]);
        tls.full(rig, Tls12Exchange.ecdhePoint());
        String text = "x".repeat(16_000);
        for (int i = 0; i < 64; i++) {
            rig.first(tls.client.application(text));
            rig.second(tls.server.application(text));
            assertSound(rig, settings);
        }
        TlsConnectionReport r = rig.close();
        assertThat(r.error()).startsWith("more than 65536 bytes of records waited for a key");
        assertThat(r.undecryptedRecords()).isEqualTo(r.protectedRecords()).isEqualTo(130);
    }

    // ---- real connections, cut, damaged and interleaved --------------------------------------------

    /** A recorded connection's two byte streams and the key log that opens it. */
    private record Recorded(String name, byte[] client, byte[] server, Path keyLog) {
    }

    private static List<Recorded> recorded(Path capture, Path keyLog) throws IOException {
        List<Recorded> out = new ArrayList<>();
        for (TcpStreams.Connection c : TcpStreams.read(capture)) {
            out.add(new Recorded(capture.getFileName() + " " + c, c.fromClient.toByteArray(), c.fromServer.toByteArray(), keyLog));
        }
        return out;
    }

    private static List<Recorded> fixtureConnections() throws IOException {
        Path dir = Fixtures.root().resolve("captures/tls");
        List<Recorded> all = new ArrayList<>(recorded(dir.resolve("sip-tls13-keyupdate.pcap"), dir.resolve("sip-tls13-keyupdate.keylog")));
        all.addAll(recorded(dir.resolve("sip-tls12-ecdhe.pcap"), dir.resolve("sip-tls12-ecdhe.keylog")));
        return all;
    }

    private static List<Recorded> illustratedConnections() throws IOException {
        Path third = SharedTestData.thirdParty();
        List<Recorded> all = new ArrayList<>();
        for (String dir : List.of("illustrated-tls12", "illustrated-tls13")) {
            all.addAll(recorded(third.resolve(dir).resolve("capture.pcap"), third.resolve(dir).resolve("keylog.txt")));
        }
        return all;
    }

    private static ConnectionRig rigWithKeys(Recorded c) {
        ConnectionRig rig = new ConnectionRig();
        try {
            KeyLogFiles.load(c.keyLog(), rig.keys.sessionKeys(), w -> {
                throw new AssertionError(w);
            });
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return rig;
    }

    /** Feeds both streams in random chunks, the sides taking turns at random. */
    private static void interleave(Random rnd, ConnectionRig rig, byte[] client, byte[] server) {
        int c = 0;
        int s = 0;
        while (c < client.length || s < server.length) {
            boolean fromClient = s >= server.length || (c < client.length && rnd.nextBoolean());
            byte[] from = fromClient ? client : server;
            int at = fromClient ? c : s;
            int n = Math.min(from.length - at, 1 + rnd.nextInt(rnd.nextBoolean() ? 8 : 400));
            rig.feed(fromClient ? rig.connection.firstDirection() : rig.connection.secondDirection(),
                    Arrays.copyOfRange(from, at, at + n));
            if (fromClient) {
                c += n;
            } else {
                s += n;
            }
        }
    }

    private static ConnectionRig inOrder(Recorded c) {
        ConnectionRig rig = rigWithKeys(c);
        rig.first(c.client());
        rig.second(c.server());
        rig.close();
        return rig;
    }

    private static void sameTextInAnyInterleaving(List<Recorded> connections) {
        for (Recorded c : connections) {
            ConnectionRig reference = inOrder(c);
            assertThat(reference.report().error()).as(c.name()).isNull();
            assertThat(reference.clientText()).as(c.name()).isNotEmpty();
            for (long seed = 0; seed < 100; seed++) {
                long s = seed;
                runCase(c.name() + " interleaved", seed, () -> {
                    ConnectionRig rig = rigWithKeys(c);
                    // Any order: effects may be seen before their causes (a ServerHello before its
                    // ClientHello, a Finished before the other side's flight), as when the two
                    // directions are captured apart with skewed clocks.
                    interleave(new Random(s), rig, c.client(), c.server());
                    assertClosedSoundly(rig);
                    assertThat(rig.report().error()).isNull();
                    assertThat(rig.clientText()).isEqualTo(reference.clientText());
                    assertThat(rig.serverText()).isEqualTo(reference.serverText());
                });
            }
        }
    }

    @Test
    void recordedConnectionsGiveTheSamePlaintextInAnyInterleaving() throws IOException {
        List<Recorded> fixtures = fixtureConnections();
        assertThat(fixtures).hasSize(4);
        sameTextInAnyInterleaving(fixtures);
        assertThat(inOrder(fixtures.getFirst()).clientText()).startsWith("OPTIONS sip:bob@registrar.callscope.test SIP/2.0\r\n")
                .contains("BYE sip:bob@127.0.0.1:5171");
    }

    @Test
    void illustratedConnectionsGiveTheSamePlaintextInAnyInterleaving() throws IOException {
        List<Recorded> illustrated = illustratedConnections();
        sameTextInAnyInterleaving(illustrated);
        assertThat(illustrated).extracting(c -> inOrder(c).clientText()).containsOnly("ping");
    }

    /** Bit flips, truncation and inserted bytes in the first {@code span} bytes of one or both streams. */
    private static byte[] damage(Random rnd, byte[] stream) {
        byte[] b = stream.clone();
        int span = Math.max(1, Math.min(b.length, 1 + rnd.nextInt(2000)));
        switch (rnd.nextInt(4)) {
            case 0 -> {
                for (int i = 0, n = 1 + rnd.nextInt(4); i < n; i++) {
                    b[rnd.nextInt(span)] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case 1 -> b = Arrays.copyOf(b, rnd.nextInt(span));
            case 2 -> {
                int at = rnd.nextInt(span);
                byte[] extra = randomBytes(rnd, 1 + rnd.nextInt(20));
                b = SyntheticTls.concat(Arrays.copyOf(b, at), extra, Arrays.copyOfRange(b, at, b.length));
            }
            default -> b[rnd.nextInt(span)] = (byte) rnd.nextInt(256);
        }
        return b;
    }

    private static void damagedOnlyReport(List<Recorded> connections, int casesPerConnection) {
        for (Recorded c : connections) {
            for (long seed = 0; seed < casesPerConnection; seed++) {
                long s = seed;
                runCase(c.name() + " damaged", seed, () -> {
                    Random rnd = new Random(s);
                    byte[] client = rnd.nextInt(3) != 1 ? damage(rnd, c.client()) : c.client();
                    byte[] server = rnd.nextInt(3) != 0 ? damage(rnd, c.server()) : c.server();
                    ConnectionRig rig = rigWithKeys(c);
                    interleave(rnd, rig, client, server);
                    if (rnd.nextBoolean()) {
                        rig.connection.endOfStream(rig.clock);
                    }
                    assertSound(rig, TlsSettings.DEFAULTS);
                    assertClosedSoundly(rig);
                });
            }
        }
    }

    @Test
    void damagedRecordedHandshakesOnlyReport() throws IOException {
        damagedOnlyReport(fixtureConnections(), 400);
    }

    @Test
    void damagedIllustratedHandshakesOnlyReport() throws IOException {
        damagedOnlyReport(illustratedConnections(), 1000);
    }
}
