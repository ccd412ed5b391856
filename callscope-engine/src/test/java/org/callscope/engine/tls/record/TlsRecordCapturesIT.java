package org.callscope.engine.tls.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.callscope.engine.tls.CapturedTls;
import org.callscope.engine.tls.TlsCaptures;
import org.callscope.engine.tls.TsharkPdml;
import org.callscope.engine.testsupport.SharedTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every TCP direction of the shared TLS captures, reassembled and framed into records, against
 * the records tshark decodes: same frames, types, versions and lengths, in the same order.
 */
class TlsRecordCapturesIT {

    static Stream<String> captures() {
        return TlsCaptures.all().stream();
    }

    /** frame, type, version, length: what both sides can say about a record. */
    private record Seen(long frame, int type, int version, int length) {
    }

    @ParameterizedTest
    @MethodSource("captures")
    void everyRecordMatchesTshark(String relative) throws Exception {
        Path file = SharedTestData.file(relative);
        CapturedTls ours = CapturedTls.read(file);
        Map<String, List<Seen>> theirs = new LinkedHashMap<>();
        for (TsharkPdml.Packet p : TsharkPdml.read(file, "tls")) {
            for (TsharkPdml.Field r : p.root().all("tls.record")) {
                int type = Integer.parseInt(r.first("tls.record.content_type").or(() -> r.first("tls.record.opaque_type")).orElseThrow());
                theirs.computeIfAbsent(p.direction(), k -> new ArrayList<>()).add(new Seen(p.frame(),
                        type, Integer.decode(r.first("tls.record.version").orElseThrow()),
                        Integer.parseInt(r.first("tls.record.length").orElseThrow())));
            }
        }
        assertThat(theirs).as("tshark's TLS directions in %s", relative).isNotEmpty();
        for (Map.Entry<String, List<Seen>> e : theirs.entrySet()) {
            CapturedTls.Direction d = ours.direction(e.getKey());
            List<Seen> seen = d.records.stream().map(r -> new Seen(r.frame(), r.type(), r.version(), r.length())).toList();
            assertThat(seen).as("records of %s", e.getKey()).containsExactlyElementsOf(e.getValue());
        }
        for (CapturedTls.Direction d : ours.tlsDirections()) {
            assertThat(theirs).as("directions tshark saw").containsKey(d.key());
            assertThat(d.unframeable).as("unframeable %s", d.key()).isEmpty();
            assertThat(d.gapBytes).isZero();
            long offset = 0;
            for (CapturedTls.Record r : d.records) {
                assertThat(r.streamOffset()).as("stream offset of a record of %s", d.key()).isEqualTo(offset);
                offset += RecordHeader.LENGTH + r.length();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("captures")
    void everyTlsDirectionStartsWithAHelloTheDetectorRecognises(String relative) throws Exception {
        CapturedTls ours = CapturedTls.read(SharedTestData.file(relative));
        assertThat(ours.tlsDirections()).isNotEmpty().allSatisfy(d -> {
            byte[] head = d.headBytes();
            assertThat(TlsDetector.looksLikeTlsHandshake(head, 0, head.length)).as("hello at the start of %s", d.key()).isTrue();
            assertThat(TlsDetector.looksLikeTlsRecord(head, 0, head.length)).isTrue();
            assertThat(TlsDetector.looksLikeSslv2ClientHello(head, 0, head.length)).isFalse();
        });
    }

    @Test
    void plainSipOverWebSocketIsNotTakenForTls() throws Exception {
        CapturedTls ws = CapturedTls.read(SharedTestData.file("lekensteyn-wireshark-notes/websocket-sip.pcapng"));
        assertThat(ws.directions).isNotEmpty().allSatisfy(d -> {
            byte[] head = d.headBytes();
            assertThat(TlsDetector.looksLikeTlsHandshake(head, 0, head.length)).isFalse();
            assertThat(TlsDetector.looksLikeTlsRecord(head, 0, head.length)).isFalse();
            // 'G' of GET (71) from the client, 'H' of HTTP/1.1 (72) from the server
            assertThat(d.unframeable).singleElement().asString().matches("bad record content type 7[12] at stream offset 0");
        });
    }

    @Test
    void sipAndRtpDatagramsAreNotTakenForDtlsOrTls() throws Exception {
        for (String sample : List.of("wireshark-wiki-samples/SIP_CALL_RTP_G711.pcap", "wireshark-wiki-samples/sip-rtp-g711.pcap")) {
            CapturedTls c = CapturedTls.read(SharedTestData.file(sample));
            assertThat(c.datagrams).as(sample).hasSizeGreaterThan(100).allSatisfy(d -> {
                assertThat(DtlsRecords.looksLikeDtls(d.payload(), 0, d.payload().length)).isFalse();
                assertThat(TlsDetector.looksLikeTlsRecord(d.payload(), 0, d.payload().length)).isFalse();
            });
        }
    }

    @Test
    void onlyTheDtlsDatagramsOfTheWebRtcCallLookLikeDtls() throws Exception {
        Path file = SharedTestData.file(TlsCaptures.WEBRTC);
        CapturedTls ours = CapturedTls.read(file);
        List<Long> dtls = ours.datagrams.stream().filter(d -> DtlsRecords.looksLikeDtls(d.payload(), 0, d.payload().length))
                .map(CapturedTls.Datagram::frame).toList();
        // Frames in ICMP errors quote UDP headers too; tshark's dtls filter covers what is carried in UDP.
        List<Long> theirs = TsharkPdml.read(file, "dtls && !icmp").stream().map(TsharkPdml.Packet::frame).toList();
        assertThat(theirs).hasSize(6);
        assertThat(dtls).containsExactlyElementsOf(theirs);
    }
}
