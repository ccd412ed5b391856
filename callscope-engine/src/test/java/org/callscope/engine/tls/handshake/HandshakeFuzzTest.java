package org.callscope.engine.tls.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mutated, truncated and random input for every parser and both reassemblers: nothing but
 * {@link TlsParseException} escapes a parser, nothing escapes a reassembler, nothing hangs.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HandshakeFuzzTest {
    /** Real and crafted hello bodies, covering every extension the parsers read. */
    private static List<byte[]> seeds() {
        Wire ext = new Wire()
                .ext(ExtensionType.SERVER_NAME, new Wire().vec16(new Wire().u8(0).vec16(new byte[] {'a', 'b'})))
                .ext(ExtensionType.EXTENDED_MASTER_SECRET, "")
                .ext(ExtensionType.ENCRYPT_THEN_MAC, "")
                .ext(ExtensionType.SESSION_TICKET, "0102")
                .ext(ExtensionType.USE_SRTP, "000400010002" + "00")
                .ext(ExtensionType.SUPPORTED_VERSIONS, "0403040303")
                .ext(ExtensionType.KEY_SHARE, new Wire().vec16(new Wire().u16(0x1d).vec16(new byte[4])))
                .ext(ExtensionType.PRE_SHARED_KEY, new Wire().vec16(new Wire().vec16(new byte[] {7}).u32(1))
                        .vec16(new Wire().vec8(new byte[32])));
        Wire serverExt = new Wire().ext(ExtensionType.EXTENDED_MASTER_SECRET, "").ext(ExtensionType.SESSION_TICKET, "")
                .ext(ExtensionType.USE_SRTP, "0002000100").ext(ExtensionType.PRE_SHARED_KEY, "0000")
                .ext(ExtensionType.KEY_SHARE, "0017");
        return List.of(Hellos.ILLUSTRATED_TLS13_CLIENT_HELLO, Hellos.ILLUSTRATED_TLS13_SERVER_HELLO,
                Hellos.clientHelloHead(0xfefd, new byte[3], new byte[] {9}, 0xc02b, 0x2f).vec16(ext).toByteArray(),
                Hellos.clientHelloHead(0x0303, new byte[0], null, 0x1301).vec16(ext).toByteArray(),
                Hellos.serverHelloHead(0x0303, Wire.hex(Hellos.HRR_RANDOM), 0x1301).vec16(serverExt).toByteArray(),
                new Wire().u32(1).u32(2).vec8(new byte[] {1}).vec16(new byte[] {2}).vec16(new Wire().ext(42, "00000001")).toByteArray());
    }

    /** Runs every parser; returns how many accepted the input. */
    private static int parseAll(byte[] b) {
        int accepted = 0;
        for (ThrowingParser p : PARSERS) {
            try {
                p.parse(b);
                accepted++;
            } catch (TlsParseException e) {
                assertThat(e.getMessage()).isNotBlank().contains(" at offset ");
            }
        }
        return accepted;
    }

    private interface ThrowingParser {
        void parse(byte[] b) throws TlsParseException;
    }

    private static final List<ThrowingParser> PARSERS = List.of(
            b -> ClientHello.parse(b, false),
            b -> ClientHello.parse(b, true),
            b -> ServerHello.parse(b, false),
            b -> ServerHello.parse(b, true),
            b -> NewSessionTicket.parse(b, false),
            b -> NewSessionTicket.parse(b, true),
            b -> ClientKeyExchange.encryptedPreMaster(b, false),
            b -> ClientKeyExchange.encryptedPreMaster(b, true),
            b -> Alert.parse(b, 0, b.length),
            KeyUpdate::parse);

    @Test
    void seedsParseAsIntended() throws TlsParseException {
        List<byte[]> seeds = seeds();
        ClientHello.parse(seeds.get(0), false);
        ServerHello.parse(seeds.get(1), false);
        assertThat(ClientHello.parse(seeds.get(2), true).useSrtpProfiles()).containsExactly(1, 2);
        assertThat(ClientHello.parse(seeds.get(3), false).pskIdentities()).hasNumberOfRows(1);
        assertThat(ServerHello.parse(seeds.get(4), false).helloRetryRequest()).isTrue();
        assertThat(NewSessionTicket.parse(seeds.get(5), true).nonce()).containsExactly(1);
    }

    @Test
    void everyByteMutatedAndEveryTruncationFailsOnlyWithTlsParseException() {
        Random random = new Random(8446);
        int[] flips = {0x01, 0x02, 0x10, 0x80, 0xff};
        for (byte[] seed : seeds()) {
            for (int i = 0; i < seed.length; i++) {
                for (int flip : flips) {
                    byte[] b = seed.clone();
                    b[i] ^= (byte) flip;
                    parseAll(b);
                }
                byte[] b = seed.clone();
                b[i] = (byte) random.nextInt(256);
                parseAll(b);
                parseAll(Arrays.copyOf(seed, i));
                parseAll(Arrays.copyOfRange(seed, i, seed.length));
            }
        }
    }

    @Test
    void randomAndMultiplyMutatedInputFailsOnlyWithTlsParseException() {
        Random random = new Random(5246);
        List<byte[]> seeds = seeds();
        for (int i = 0; i < 20_000; i++) {
            byte[] b;
            if (i % 2 == 0) {
                b = new byte[random.nextInt(i % 10 == 0 ? 3000 : 120)];
                random.nextBytes(b);
            } else {
                b = seeds.get(random.nextInt(seeds.size())).clone();
                for (int e = 0; e < 1 + random.nextInt(6); e++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
            }
            parseAll(b);
        }
    }

    @Test
    void tlsReassemblerSurvivesRandomStreamsAndStaysWithinItsLimit() {
        Random random = new Random(7627);
        for (int round = 0; round < 300; round++) {
            RecordingHandshakeListener l = new RecordingHandshakeListener();
            HandshakeReassembler r = new HandshakeReassembler(l, 1 + random.nextInt(5000));
            byte[] stream = new byte[random.nextInt(20_000)];
            random.nextBytes(stream);
            for (int pos = 0; pos < stream.length;) {
                int n = Math.min(stream.length - pos, random.nextInt(700));
                r.feed(stream, pos, n, pos);
                pos += n;
            }
            long delivered = l.messages.stream().mapToLong(m -> m.transcript().length).sum();
            assertThat(delivered).isLessThanOrEqualTo(stream.length);
            assertThat(l.messages).allSatisfy(m -> assertThat(m.transcript()).hasSize(4 + m.body().length));
        }
    }

    @Test
    void dtlsReassemblerRebuildsAShuffledDuplicatedFragmentedFlightExactly() {
        Random random = new Random(6347);
        byte[][] bodies = {Hellos.ILLUSTRATED_TLS13_SERVER_HELLO, new byte[3000], new byte[300], new byte[0]};
        random.nextBytes(bodies[1]);
        random.nextBytes(bodies[2]);
        int[] types = {HandshakeType.SERVER_HELLO, HandshakeType.CERTIFICATE, HandshakeType.SERVER_KEY_EXCHANGE,
                HandshakeType.SERVER_HELLO_DONE};
        for (int round = 0; round < 300; round++) {
            List<byte[]> fragments = new ArrayList<>();
            for (int m = 0; m < bodies.length; m++) {
                int pos = 0;
                do {
                    int n = Math.min(bodies[m].length - pos, 1 + random.nextInt(900));
                    int start = Math.max(0, pos - random.nextInt(20)); // some overlap
                    fragments.add(DtlsHandshakeReassemblerTest.fragment(types[m], 5 + m, bodies[m], start, pos + n - start));
                    pos += n;
                } while (pos < bodies[m].length);
            }
            for (int d = random.nextInt(4); d > 0; d--) {
                fragments.add(fragments.get(random.nextInt(fragments.size()))); // retransmissions
            }
            Collections.shuffle(fragments.subList(1, fragments.size()), random); // the first datagram seen starts the flight
            RecordingHandshakeListener l = new RecordingHandshakeListener();
            DtlsHandshakeReassembler r = new DtlsHandshakeReassembler(l);
            // Several fragments per record, records of random sizes.
            for (int i = 0; i < fragments.size();) {
                Wire record = new Wire();
                for (int k = 1 + random.nextInt(3); k > 0 && i < fragments.size(); k--) {
                    record.bytes(fragments.get(i++));
                }
                byte[] b = record.toByteArray();
                r.feed(b, 0, b.length, i);
            }
            assertThat(l.errors).isEmpty();
            assertThat(l.types()).containsExactly(2, 11, 12, 14);
            for (int m = 0; m < bodies.length; m++) {
                assertThat(l.messages.get(m).body()).isEqualTo(bodies[m]);
                assertThat(l.messages.get(m).transcript()).isEqualTo(DtlsHandshakeReassemblerTest.whole(types[m], 5 + m, bodies[m]));
            }
            assertThat(r.hasPartialMessage()).isFalse();
        }
    }

    @Test
    void dtlsReassemblerSurvivesRandomAndMutatedFragments() {
        Random random = new Random(9147);
        byte[] good = new Wire().bytes(DtlsHandshakeReassemblerTest.whole(2, 0, Hellos.ILLUSTRATED_TLS13_SERVER_HELLO))
                .bytes(DtlsHandshakeReassemblerTest.fragment(11, 1, new byte[500], 100, 200)).toByteArray();
        for (int round = 0; round < 20_000; round++) {
            RecordingHandshakeListener l = new RecordingHandshakeListener();
            DtlsHandshakeReassembler r = new DtlsHandshakeReassembler(l, 1 + random.nextInt(70_000));
            for (int k = 0; k < 1 + random.nextInt(5); k++) {
                byte[] b;
                if (random.nextBoolean()) {
                    b = good.clone();
                    for (int e = 0; e < 1 + random.nextInt(4); e++) {
                        b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                    }
                    b = Arrays.copyOf(b, random.nextInt(b.length + 1));
                } else {
                    b = new byte[random.nextInt(100)];
                    random.nextBytes(b);
                }
                r.feed(b, 0, b.length, k);
            }
            assertThat(l.messages).allSatisfy(m -> assertThat(m.transcript()).hasSize(12 + m.body().length));
        }
    }
}
