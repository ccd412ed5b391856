package org.callscope.engine.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.call.SipEvent;
import org.callscope.engine.cdr.Cdr;
import org.callscope.engine.config.AnalyzerSettings;
import org.callscope.engine.sip.SipMessage;
import org.callscope.engine.testsupport.Fixtures;
import org.callscope.engine.testsupport.TlsFixture;
import org.callscope.engine.tls.keys.KeyLogFiles;
import org.callscope.engine.tls.keys.PemPrivateKeys;
import org.callscope.engine.tls.session.TlsConnectionReport;
import org.callscope.engine.tls.session.TlsKeySources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SIP-over-TLS fixtures (kamailio and openssl s_client, see fixtures/captures/tls/README.md):
 * the SIP CallScope recovers equals what tshark decrypts with the same keys, message for message,
 * and every call ends up a complete CDR. SIP read from WebSocket frames inside TLS has transport
 * "wss", SIP directly inside TLS "tls", as each truth file says.
 */
class TlsFixturesDecryptIT {

    static List<TlsFixture> fixtures() {
        return TlsFixture.all();
    }

    record Seen(String client, boolean fromClient, String firstLine, String callId, String cseq, String micros) {
    }

    private static TlsRun run(TlsFixture f) throws Exception {
        return run(f, false);
    }

    private static TlsRun run(TlsFixture f, boolean tlsOnly) throws Exception {
        TlsKeySources keys = TlsKeySources.empty();
        AnalyzerSettings settings = new AnalyzerSettings();
        switch (f.keys()) {
            case TlsFixture.RsaPrivateKey k -> keys.serverKeys().add("127.0.0.1", f.serverPort(), PemPrivateKeys.readRsa(k.pem(), null));
            case TlsFixture.KeyLogFile k -> {
                List<String> warnings = new ArrayList<>();
                KeyLogFiles.load(k.file(), keys.sessionKeys(), warnings::add);
                assertThat(warnings).isEmpty();
            }
            case TlsFixture.KeyLogDatagrams k -> {
                settings.tls().setKeyDatagramPort(k.udpPort());
                // The fixture sends its keys after the whole session, 2.3 s after the first record.
                settings.tls().setMaxWaitMs(5_000);
            }
        }
        return tlsOnly ? TlsRun.tlsOnly(f.capture(), keys, settings) : TlsRun.of(f.capture(), keys, settings, frame -> true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void followingTlsOnlyGivesTheSameConnectionsAndPlaintextWithoutSip(TlsFixture f) throws Exception {
        TlsRun full = run(f, false);
        TlsRun only = run(f, true);
        assertThat(only.reports()).isEqualTo(full.reports());
        assertThat(only.list()).extracting(TlsRun.Connection::clientText)
                .isEqualTo(full.list().stream().map(TlsRun.Connection::clientText).toList());
        assertThat(only.list()).extracting(TlsRun.Connection::serverText)
                .isEqualTo(full.list().stream().map(TlsRun.Connection::serverText).toList());
        assertThat(full.sip).hasSize(f.sipMessagesTotal());
        assertThat(only.sip).isEmpty();
        assertThat(only.calls).isEmpty();
        assertThat(only.analyzer.stats().sipMessages).isZero();
        assertThat(only.analyzer.stats().keysFromCapture).isEqualTo(full.analyzer.stats().keysFromCapture);
    }

    @Test
    void followingTlsOnlyLeavesPlainSipAlone() throws Exception {
        Path capture = Fixtures.capture("answered-udp.pcap");
        TlsRun full = TlsRun.of(capture, TlsKeySources.empty(), new AnalyzerSettings(), frame -> true);
        TlsRun only = TlsRun.tlsOnly(capture, TlsKeySources.empty(), new AnalyzerSettings());
        assertThat(full.calls).isNotEmpty();
        assertThat(full.analyzer.stats().sipMessages).isPositive();
        assertThat(only.calls).isEmpty();
        assertThat(only.analyzer.stats().sipMessages).isZero();
        assertThat(only.analyzer.stats().frames).isEqualTo(full.analyzer.stats().frames);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void recoversExactlyTheSipTsharkDecrypts(TlsFixture f) throws Exception {
        TlsRun run = run(f);
        Map<String, List<Seen>> expected = new LinkedHashMap<>();
        for (TlsFixture.Connection c : f.connections()) {
            List<Seen> list = expected.computeIfAbsent(c.client(), k -> new ArrayList<>());
            for (TlsFixture.SipMessage m : c.sipMessages()) {
                list.add(new Seen(c.client(), m.fromClient(), m.firstLine(), m.callId(), m.cseq(),
                        new BigDecimal(m.timeEpoch()).movePointRight(6).toBigInteger().toString()));
            }
        }
        Map<String, List<Seen>> actual = new LinkedHashMap<>();
        for (SipEvent e : run.sip) {
            assertThat(e.transport()).isEqualTo(f.sipTransport());
            boolean fromClient = e.dstPort() == f.serverPort();
            String client = fromClient ? e.srcIp() + ":" + e.srcPort() : e.dstIp() + ":" + e.dstPort();
            SipMessage m = e.message();
            String firstLine = m.isRequest() ? m.method() + " " + m.requestUri() + " " + m.sipVersion()
                    : m.sipVersion() + " " + m.statusCode() + " " + m.reasonPhrase();
            actual.computeIfAbsent(client, k -> new ArrayList<>()).add(new Seen(client, fromClient, firstLine, m.callId(),
                    m.cseqNumber() + " " + m.cseqMethod(), Long.toString(e.tsNanos() / 1_000)));
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(run.sip).hasSize(f.sipMessagesTotal());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyConnectionDecryptsAndReportsWhatTsharkSaw(TlsFixture f) throws Exception {
        TlsRun run = run(f);
        assertThat(run.reports()).hasSize(f.connections().size());
        for (TlsFixture.Connection c : f.connections()) {
            TlsConnectionReport r = run.reports().stream()
                    .filter(x -> (x.clientIp() + ":" + x.clientPort()).equals(c.client())).findFirst().orElseThrow();
            assertThat(r.version()).isEqualTo(c.version());
            assertThat(r.cipher()).isEqualTo(c.cipherSuiteName());
            assertThat(r.decrypted()).as(r.toString()).isTrue();
            assertThat(r.error()).as(r.toString()).isNull();
            assertThat(r.failedRecords()).isZero();
            assertThat(r.undecryptedRecords()).isZero();
            if (c.resumed() && f.keys() instanceof TlsFixture.KeyLogFile && c.version().equals("TLS 1.2")) {
                assertThat(r.keySource()).as("the key log holds only the first connection's secret").isEqualTo("resumed session");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void noAnomalyOnAnyFixture(TlsFixture f) throws Exception {
        TlsRun run = run(f);
        assertThat(run.analyzer.anomalyCounters().nonZero()).isEmpty();
    }

    @Test
    void wssPlaintextIsAWebSocketUpgradeThenMaskedFrames() throws Exception {
        TlsFixture f = TlsFixture.named("sip-wss");
        TlsRun run = run(f);
        assertThat(run.list()).hasSize(f.connections().size()).allSatisfy(c -> {
            assertThat(c.clientText()).startsWith("GET / HTTP/1.1\r\n").contains("Sec-WebSocket-Protocol: sip\r\n");
            assertThat(c.serverText()).startsWith("HTTP/1.1 101 ");
            String afterUpgrade = c.clientText().substring(c.clientText().indexOf("\r\n\r\n") + 4);
            // FIN + text opcode, then the MASK bit (RFC 6455 §5.2): the client's SIP is not readable in its plaintext.
            assertThat(afterUpgrade.charAt(0)).isEqualTo((char) 0x81);
            assertThat(afterUpgrade.charAt(1) & 0x80).isEqualTo(0x80);
            assertThat(afterUpgrade).doesNotContain("SIP/2.0");
        });
        assertThat(run.sip).extracting(e -> e.message().callId()).contains("sip-wss-call@127.0.0.1");
    }

    @Test
    void aTamperedRecordLosesOnlyItsOwnMessage() throws Exception {
        TlsFixture f = TlsFixture.named("sip-tls13");
        TlsFixture.SipMessage victim = f.allSipMessages().get(4);
        TlsKeySources keys = TlsKeySources.empty();
        KeyLogFiles.load(((TlsFixture.KeyLogFile) f.keys()).file(), keys.sessionKeys(), w -> { });
        TlsRun run = TlsRun.of(f.capture(), keys, new AnalyzerSettings(), frame -> {
            if (frame.frameNumber == victim.frame()) {
                frame.data[frame.capturedLength - 1] ^= 0x40; // inside the record's authentication tag
            }
            return true;
        });
        assertThat(run.sip).hasSize(f.sipMessagesTotal() - 1);
        assertThat(run.sip).noneMatch(e -> e.tsNanos() / 1_000
                == new BigDecimal(victim.timeEpoch()).movePointRight(6).longValueExact());
        assertThat(run.reports()).extracting(TlsConnectionReport::failedRecords).containsExactlyInAnyOrder(0L, 1L);
        assertThat(run.reports()).filteredOn(r -> r.failedRecords() == 1).singleElement()
                .satisfies(r -> assertThat(r.error()).startsWith("authentication tag mismatch"));
        // The SIP framer was told that bytes are missing and found the next message's start.
        assertThat(run.analyzer.anomalyCounters().nonZero()).containsOnlyKeys(Anomaly.SIP_STREAM_RESYNC);
    }

    @Test
    void keysLaterThanTheWaitLimitAreReportedNotGuessed() throws Exception {
        TlsFixture f = TlsFixture.named("sip-tls-late-keys");
        AnalyzerSettings settings = new AnalyzerSettings();
        settings.tls().setKeyDatagramPort(((TlsFixture.KeyLogDatagrams) f.keys()).udpPort());
        TlsRun run = TlsRun.of(f.capture(), TlsKeySources.empty(), settings, frame -> true);
        assertThat(settings.tlsSettings().maxWaitNanos()).isEqualTo(2_000_000_000L);
        assertThat(run.sip).isEmpty();
        assertThat(run.reports()).hasSize(2).allSatisfy(r -> {
            assertThat(r.decrypted()).isFalse();
            assertThat(r.error()).startsWith("no key within 2000 ms: ");
            assertThat(r.undecryptedRecords()).isEqualTo(r.protectedRecords()).isPositive();
        });
        assertThat(run.analyzer.stats().keysFromCapture).isEqualTo(6);
    }

    @Test
    void withoutTheKeyPortTheKeyDatagramsAreJustUdp() throws Exception {
        TlsFixture f = TlsFixture.named("sip-tls-late-keys");
        TlsRun run = TlsRun.of(f.capture(), TlsKeySources.empty(), new AnalyzerSettings(), frame -> true);
        assertThat(run.analyzer.stats().keysFromCapture).isZero();
        assertThat(run.reports()).allSatisfy(r -> assertThat(r.decrypted()).isFalse());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void callsAreCompleteCdrsWithTheirTlsConnection(TlsFixture f) throws Exception {
        TlsRun run = run(f);
        assertThat(run.calls).extracting(Cdr::callId).containsExactlyInAnyOrderElementsOf(
                f.calls().stream().map(TlsFixture.Call::callId).toList());
        for (TlsFixture.Call expected : f.calls()) {
            Cdr cdr = run.calls.stream().filter(c -> c.callId().equals(expected.callId())).findFirst().orElseThrow();
            assertThat(cdr.lastSipResponseNum()).isEqualTo(expected.finalResponse());
            assertThat(cdr.transport()).isEqualTo(f.sipTransport());
            assertThat(cdr.tls()).isNotNull();
            assertThat(cdr.tls().decrypted()).isTrue();
            assertThat(cdr.tls().error()).isNull();
            assertThat(cdr.tls().version()).startsWith("TLS 1.");
            assertThat(cdr.tls().cipher()).startsWith("TLS_");
        }
    }
}
