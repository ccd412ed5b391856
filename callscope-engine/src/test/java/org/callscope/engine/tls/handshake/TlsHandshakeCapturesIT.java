package org.callscope.engine.tls.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.callscope.engine.tls.CapturedTls;
import org.callscope.engine.tls.TlsCaptures;
import org.callscope.engine.tls.TsharkPdml;
import org.callscope.engine.tls.record.ContentType;
import org.callscope.engine.testsupport.SharedTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cleartext handshakes of the shared TLS captures, reassembled from records and parsed, against
 * tshark (run now, on the same files) and against the expectations the folders' READMEs state.
 */
class TlsHandshakeCapturesIT {
    private static final HexFormat HEX = HexFormat.of();

    static Stream<String> captures() {
        return TlsCaptures.all().stream();
    }

    /** Per direction, tshark's typed handshake messages in cleartext: those before the direction's ChangeCipherSpec. */
    private static Map<String, List<Located>> tsharkCleartextHandshakes(Path file) throws Exception {
        Map<String, List<Located>> byDirection = new LinkedHashMap<>();
        Set<String> changedCipher = new java.util.HashSet<>();
        for (TsharkPdml.Packet p : TsharkPdml.read(file, "tls")) {
            String direction = p.direction();
            for (TsharkPdml.Field record : p.root().all("tls.record")) {
                if (record.first("tls.record.content_type").map(Integer::parseInt).orElse(-1) == ContentType.CHANGE_CIPHER_SPEC) {
                    changedCipher.add(direction);
                }
                for (TsharkPdml.Field h : record.all("tls.handshake")) {
                    if (h.first("tls.handshake.type").isPresent() && !changedCipher.contains(direction)) {
                        byDirection.computeIfAbsent(direction, k -> new ArrayList<>()).add(new Located(p.frame(), h));
                    }
                }
            }
        }
        return byDirection;
    }

    private record Located(long frame, TsharkPdml.Field handshake) {
        int type() {
            return Integer.parseInt(handshake.first("tls.handshake.type").orElseThrow());
        }

        int length() {
            return Integer.parseInt(handshake.first("tls.handshake.length").orElseThrow());
        }

        List<Integer> ints(String field) {
            return handshake.all(field).stream().map(f -> Integer.decode(f.show())).toList();
        }

        String bytes(String field) {
            return handshake.all(field).stream().map(TsharkPdml.Field::value).findFirst().orElse("");
        }
    }

    @ParameterizedTest
    @MethodSource("captures")
    void cleartextHandshakeMessagesMatchTshark(String relative) throws Exception {
        Path file = SharedTestData.file(relative);
        CapturedTls ours = CapturedTls.read(file);
        Map<String, List<Located>> theirs = tsharkCleartextHandshakes(file);
        assertThat(theirs).isNotEmpty();
        assertThat(ours.tlsDirections().stream().mapToInt(d -> d.handshakes.size()).sum()).as("messages in all")
                .isEqualTo(theirs.values().stream().mapToInt(List::size).sum());
        for (CapturedTls.Direction d : ours.tlsDirections()) {
            List<Located> expected = theirs.getOrDefault(d.key(), List.of());
            assertThat(d.handshakes.stream().map(m -> List.of(m.frame(), (long) m.type(), (long) m.body().length)).toList())
                    .as("cleartext handshake messages of %s", d.key())
                    .containsExactlyElementsOf(expected.stream().map(l -> List.of(l.frame, (long) l.type(), (long) l.length())).toList());
            assertThat(d.handshakeErrors).isEmpty();
            for (CapturedTls.Message m : d.handshakes) {
                assertThat(m.transcript()).as("transcript form").startsWith((byte) m.type(), (byte) (m.body().length >>> 16),
                        (byte) (m.body().length >>> 8), (byte) m.body().length).hasSize(4 + m.body().length);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("captures")
    void everyHelloMatchesTshark(String relative) throws Exception {
        Path file = SharedTestData.file(relative);
        CapturedTls ours = CapturedTls.read(file);
        Map<String, List<Located>> theirs = tsharkCleartextHandshakes(file);
        int hellos = 0;
        for (CapturedTls.Direction d : ours.tlsDirections()) {
            for (CapturedTls.Message m : d.handshakes) {
                if (m.type() != HandshakeType.CLIENT_HELLO && m.type() != HandshakeType.SERVER_HELLO) {
                    continue;
                }
                Located t = theirs.get(d.key()).stream().filter(l -> l.frame == m.frame() && l.type() == m.type()).findFirst().orElseThrow();
                List<Integer> extensions = t.ints("tls.handshake.extension.type");
                List<Integer> extensionLengths = t.ints("tls.handshake.extension.len");
                String where = relative + " frame " + m.frame();
                if (m.type() == HandshakeType.CLIENT_HELLO) {
                    ClientHello ch = ClientHello.parse(m.body(), false);
                    assertThat(ch.legacyVersion()).as(where).isEqualTo(t.ints("tls.handshake.version").getFirst());
                    assertThat(HEX.formatHex(ch.random())).as(where).isEqualTo(t.bytes("tls.handshake.random"));
                    assertThat(HEX.formatHex(ch.sessionId())).as(where).isEqualTo(t.bytes("tls.handshake.session_id"));
                    assertThat(list(ch.cipherSuites())).as(where).containsExactlyElementsOf(t.ints("tls.handshake.ciphersuite"));
                    assertThat(ch.serverName()).as(where).isEqualTo(t.handshake().first("tls.handshake.extensions_server_name").orElse(null));
                    assertThat(list(ch.supportedVersions())).as(where).containsExactlyElementsOf(t.ints("tls.handshake.extensions.supported_version"));
                    assertThat(list(ch.keyShareGroups())).as(where).containsExactlyElementsOf(t.ints("tls.handshake.extensions_key_share_group"));
                    assertThat(ch.extendedMasterSecret()).as(where).isEqualTo(extensions.contains(ExtensionType.EXTENDED_MASTER_SECRET));
                    assertThat(ch.encryptThenMac()).as(where).isEqualTo(extensions.contains(ExtensionType.ENCRYPT_THEN_MAC));
                    int ticket = extensions.indexOf(ExtensionType.SESSION_TICKET);
                    assertThat(ch.sessionTicketExtension()).as(where).isEqualTo(ticket >= 0);
                    assertThat(ch.sessionTicket() == null ? 0 : ch.sessionTicket().length).as(where)
                            .isEqualTo(ticket >= 0 ? extensionLengths.get(ticket) : 0);
                    assertThat(ch.preSharedKey()).isEqualTo(extensions.contains(ExtensionType.PRE_SHARED_KEY));
                } else {
                    ServerHello sh = ServerHello.parse(m.body(), false);
                    assertThat(sh.legacyVersion()).as(where).isEqualTo(t.ints("tls.handshake.version").getFirst());
                    assertThat(HEX.formatHex(sh.random())).as(where).isEqualTo(t.bytes("tls.handshake.random"));
                    assertThat(HEX.formatHex(sh.sessionId())).as(where).isEqualTo(t.bytes("tls.handshake.session_id"));
                    assertThat(sh.cipherSuite()).as(where).isEqualTo(t.ints("tls.handshake.ciphersuite").getFirst());
                    assertThat(sh.compression()).as(where).isEqualTo(t.ints("tls.handshake.comp_method").getFirst());
                    assertThat(sh.selectedVersion()).as(where).isEqualTo(t.ints("tls.handshake.extensions.supported_version").stream().findFirst().orElse(0));
                    assertThat(sh.keyShareGroup()).as(where).isEqualTo(t.ints("tls.handshake.extensions_key_share_group").stream().findFirst().orElse(-1));
                    assertThat(sh.extendedMasterSecret()).as(where).isEqualTo(extensions.contains(ExtensionType.EXTENDED_MASTER_SECRET));
                    assertThat(sh.encryptThenMac()).as(where).isEqualTo(extensions.contains(ExtensionType.ENCRYPT_THEN_MAC));
                    assertThat(sh.sessionTicketExtension()).as(where).isEqualTo(extensions.contains(ExtensionType.SESSION_TICKET));
                    assertThat(sh.helloRetryRequest()).isFalse();
                }
                hellos++;
            }
        }
        assertThat(hellos).as("hellos in %s", relative).isEqualTo(theirs.values().stream().flatMap(List::stream)
                .filter(l -> l.type() == HandshakeType.CLIENT_HELLO || l.type() == HandshakeType.SERVER_HELLO).count());
    }

    /** The ClientHello and ServerHello of each connection, in capture order. */
    private record Connection(ClientHello clientHello, ServerHello serverHello, CapturedTls.Direction client, CapturedTls.Direction server) {
    }

    private static List<Connection> connections(CapturedTls capture) throws TlsParseException {
        List<Connection> out = new ArrayList<>();
        for (CapturedTls.Direction client : capture.tlsDirections()) {
            if (client.handshakes.isEmpty() || client.handshakes.getFirst().type() != HandshakeType.CLIENT_HELLO) {
                continue;
            }
            CapturedTls.Direction server = capture.direction(client.dst + ":" + client.dstPort + ">" + client.src + ":" + client.srcPort);
            out.add(new Connection(ClientHello.parse(client.handshakes.getFirst().body(), false),
                    ServerHello.parse(server.handshakes.getFirst().body(), false), client, server));
        }
        return out;
    }

    private static CapturedTls.Message only(CapturedTls.Direction d, int type) {
        return d.handshakes.stream().filter(m -> m.type() == type).collect(Collectors.collectingAndThen(Collectors.toList(), l -> {
            assertThat(l).as("%s messages of %s", HandshakeType.name(type), d.key()).hasSize(1);
            return l.getFirst();
        }));
    }

    @Test
    void scapyTls12AndTls13SessionsAsItsReadmeSays() throws Exception {
        Path file = SharedTestData.file(TlsCaptures.SCAPY);
        List<Connection> c = connections(CapturedTls.read(file));
        assertThat(c).hasSize(2);
        Connection tls12 = c.get(0);
        assertThat(HEX.formatHex(tls12.clientHello().random())).startsWith("216e876e");
        assertThat(tls12.serverHello().cipherSuite()).isEqualTo(0xc030);
        assertThat(tls12.serverHello().negotiatedVersion()).isEqualTo(0x0303);
        assertThat(tls12.clientHello().extendedMasterSecret()).isTrue();
        assertThat(tls12.serverHello().extendedMasterSecret()).isTrue();
        NewSessionTicket ticket = NewSessionTicket.parse(only(tls12.server(), HandshakeType.NEW_SESSION_TICKET).body(), false);
        TsharkPdml.Field t = TsharkPdml.read(file, "tls.handshake.type == 4").getFirst().root();
        assertThat(ticket.lifetimeSeconds()).isEqualTo(Long.parseLong(t.first("tls.handshake.session_ticket_lifetime_hint").orElseThrow()));
        assertThat(HEX.formatHex(ticket.ticket())).isEqualTo(t.all("tls.handshake.session_ticket").getFirst().value());

        Connection tls13 = c.get(1);
        assertThat(HEX.formatHex(tls13.clientHello().random())).startsWith("74ef9557");
        assertThat(tls13.clientHello().supportedVersions()).contains(0x0304);
        assertThat(tls13.serverHello().cipherSuite()).isEqualTo(0x1302);
        assertThat(tls13.serverHello().selectedVersion()).isEqualTo(0x0304);
        assertThat(tls13.serverHello().negotiatedVersion()).isEqualTo(0x0304);
        assertThat(tls13.clientHello().keyShareGroups()).contains(tls13.serverHello().keyShareGroup());
        // Only the hellos are cleartext in TLS 1.3; the rest travels in application_data records.
        assertThat(tls13.server().handshakeTypes()).containsExactly(HandshakeType.SERVER_HELLO);
        assertThat(tls13.client().handshakeTypes()).containsExactly(HandshakeType.CLIENT_HELLO);
        assertTls13RecordSequence(tls13);
    }

    @Test
    void illustratedTls12AsItsReadmeSays() throws Exception {
        Connection c = connections(CapturedTls.read(SharedTestData.file(TlsCaptures.ILLUSTRATED_TLS12))).getFirst();
        assertThat(c.clientHello().random()).isEqualTo(Hellos.random(0x00));
        assertThat(c.clientHello().serverName()).isEqualTo("example.ulfheim.net");
        assertThat(c.serverHello().random()).isEqualTo(Hellos.random(0x70));
        assertThat(c.serverHello().cipherSuite()).isEqualTo(0xc013);
        assertThat(c.client().handshakeTypes()).containsExactly(HandshakeType.CLIENT_HELLO, HandshakeType.CLIENT_KEY_EXCHANGE);
        assertThat(c.server().handshakeTypes()).containsExactly(HandshakeType.SERVER_HELLO, HandshakeType.CERTIFICATE,
                HandshakeType.SERVER_KEY_EXCHANGE, HandshakeType.SERVER_HELLO_DONE);
        assertThat(c.client().handshakes.getFirst().frame()).isEqualTo(5);
        assertThat(c.server().handshakes.getFirst().frame()).isEqualTo(7);
    }

    @Test
    void illustratedTls13AsItsReadmeSays() throws Exception {
        Connection c = connections(CapturedTls.read(SharedTestData.file(TlsCaptures.ILLUSTRATED_TLS13))).getFirst();
        assertThat(c.clientHello().random()).isEqualTo(Hellos.random(0x00));
        assertThat(c.clientHello().serverName()).isEqualTo("example.ulfheim.net");
        assertThat(c.clientHello().cipherSuites()).containsExactly(0x1301, 0x1302, 0x1303);
        assertThat(c.serverHello().random()).isEqualTo(Hellos.random(0x70));
        assertThat(c.serverHello().cipherSuite()).isEqualTo(0x1301);
        assertThat(c.serverHello().negotiatedVersion()).isEqualTo(0x0304);
        assertThat(c.serverHello().keyShareGroup()).as("x25519").isEqualTo(0x001d);
        assertThat(c.client().handshakes.getFirst().frame()).isEqualTo(5);
        assertThat(c.server().handshakes.getFirst().frame()).isEqualTo(7);
        assertTls13RecordSequence(c);
        // Frame 7: ServerHello, CCS, then the encrypted flight; frame 9: client CCS and Finished.
        assertThat(c.server().records.stream().filter(r -> r.frame() == 7).map(CapturedTls.Record::type).toList())
                .startsWith(ContentType.HANDSHAKE, ContentType.CHANGE_CIPHER_SPEC, ContentType.APPLICATION_DATA);
        assertThat(c.client().records.stream().filter(r -> r.frame() == 9).map(CapturedTls.Record::type).toList())
                .containsExactly(ContentType.CHANGE_CIPHER_SPEC, ContentType.APPLICATION_DATA);
    }

    /** TLS 1.3 (RFC 8446 §5, Appendix D.4): one cleartext hello record, an optional CCS, then only application_data. */
    private static void assertTls13RecordSequence(Connection c) {
        for (CapturedTls.Direction d : List.of(c.client(), c.server())) {
            List<Integer> types = d.records.stream().map(CapturedTls.Record::type).toList();
            assertThat(types.subList(0, 2)).as(d.key()).containsExactly(ContentType.HANDSHAKE, ContentType.CHANGE_CIPHER_SPEC);
            assertThat(types.subList(2, types.size())).as(d.key()).isNotEmpty().containsOnly(ContentType.APPLICATION_DATA);
        }
    }

    @Test
    void pySslTestGenThirtySessionsWithTheReadmeVersionsCiphersAndPreMasters() throws Exception {
        Path file = SharedTestData.file(TlsCaptures.PY_SSL_TEST_GEN);
        List<Connection> c = connections(CapturedTls.read(file));
        List<String> list = Files.readAllLines(SharedTestData.file("py-ssl-test-gen/simulation.list"));
        assertThat(c).hasSize(30).hasSameSizeAs(list);
        int[] legacy = {0x0001, 0x0002, 0x0004, 0x0005, 0x0007, 0x0009, 0x000a};
        int[] aes = {0x002f, 0x0035};
        int[] tls12 = {0x003b, 0x003c, 0x003d, 0x009c, 0x009d};
        List<Integer> expectedSuites = new ArrayList<>();
        List<Integer> expectedVersions = new ArrayList<>();
        for (int version : new int[] {0x0300, 0x0301, 0x0302, 0x0303}) {
            int[] suites = version == 0x0300 ? legacy : version == 0x0303 ? tls12 : concat(legacy, aes);
            for (int s : suites) {
                expectedSuites.add(s);
                expectedVersions.add(version);
            }
        }
        Map<String, String> tsharkPreMasters = new HashMap<>();
        for (TsharkPdml.Packet p : TsharkPdml.read(file, "tls.handshake.type == 16")) {
            tsharkPreMasters.put(p.direction(), p.root().all("tls.handshake.epms").getFirst().value());
        }
        for (int i = 0; i < c.size(); i++) {
            Connection s = c.get(i);
            String where = "stream " + i + " " + list.get(i);
            assertThat(s.client().srcPort).as(where).isEqualTo(9999 + i);
            assertThat(s.serverHello().cipherSuite()).as(where).isEqualTo(expectedSuites.get(i));
            assertThat(s.serverHello().negotiatedVersion()).as(where).isEqualTo(expectedVersions.get(i));
            assertThat(list.get(i)).startsWith(switch (expectedVersions.get(i)) {
                case 0x0300 -> "SSL3.0/";
                case 0x0301 -> "TLS1.0/";
                case 0x0302 -> "TLS1.1/";
                default -> "TLS1.2/";
            });
            boolean ssl3 = s.serverHello().negotiatedVersion() == 0x0300;
            byte[] preMaster = ClientKeyExchange.encryptedPreMaster(only(s.client(), HandshakeType.CLIENT_KEY_EXCHANGE).body(), ssl3);
            assertThat(preMaster).as(where + ": 1024-bit RSA").hasSize(128);
            assertThat(HEX.formatHex(preMaster)).as(where).isEqualTo(tsharkPreMasters.get(s.client().key()));
            if (ssl3) {
                assertThat(s.clientHello().supportedVersions()).isEmpty();
            }
        }
    }

    @Test
    void lekensteynAllCiphersHasTheReadmeSuitesInThirtyNineServerHellos() throws Exception {
        List<Connection> c = connections(CapturedTls.read(SharedTestData.file(TlsCaptures.ALL_CIPHERS)));
        List<Integer> readme = Stream.of(("0x0003 0x0004 0x0005 0x0006 0x0007 0x0008 0x0009 0x000a 0x0012 0x0013 0x0015 0x0016 0x002f 0x0032 "
                + "0x0033 0x0035 0x0038 0x0039 0x0041 0x0044 0x0045 0x0084 0x0087 0x0088 0x0096 0x0099 0x009a 0xc002 "
                + "0xc003 0xc004 0xc005 0xc007 0xc008 0xc009 0xc00a 0xc011 0xc012 0xc013 0xc014").split(" "))
                .map(Integer::decode).toList();
        assertThat(c).hasSize(39);
        assertThat(c.stream().map(x -> x.serverHello().cipherSuite()).toList()).containsExactlyInAnyOrderElementsOf(readme);
        assertThat(c).allSatisfy(x -> {
            assertThat(x.serverHello().negotiatedVersion()).isEqualTo(0x0303);
            assertThat(x.serverHello().sessionTicketExtension()).isTrue();
            assertThat(x.serverHello().extendedMasterSecret()).isFalse();
            assertThat(x.clientHello().sessionTicketExtension()).isTrue();
            assertThat(x.clientHello().sessionTicket()).isNull();
        });
    }

    @Test
    void webRtcSignallingConnectionAsItsReadmeSays() throws Exception {
        Connection c = connections(CapturedTls.read(SharedTestData.file(TlsCaptures.WEBRTC))).getFirst();
        assertThat(c.server().srcPort).isEqualTo(8082);
        assertThat(HEX.formatHex(c.clientHello().random())).startsWith("f9dcd4c3").endsWith("6c5e");
        assertThat(c.serverHello().cipherSuite()).isEqualTo(0x009c);
        assertThat(c.client().handshakes.getFirst().frame()).isEqualTo(6);
        assertThat(c.server().handshakes.getFirst().frame()).isEqualTo(8);
    }

    @Test
    void scapySslTlsRsaSessionAsItsReadmeSays() throws Exception {
        Connection c = connections(CapturedTls.read(SharedTestData.file(TlsCaptures.SCAPY_SSL_TLS))).getFirst();
        assertThat(c.serverHello().negotiatedVersion()).isEqualTo(0x0301);
        assertThat(c.serverHello().cipherSuite()).isEqualTo(0x002f);
        CapturedTls.Message cke = only(c.client(), HandshakeType.CLIENT_KEY_EXCHANGE);
        assertThat(cke.frame()).isEqualTo(7);
        assertThat(ClientKeyExchange.encryptedPreMaster(cke.body(), false)).hasSize(cke.body().length - 2);
    }

    private static List<Integer> list(int[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }

    private static int[] concat(int[] a, int[] b) {
        int[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
