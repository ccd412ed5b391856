package org.callscope.engine.tls.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.callscope.engine.bytes.Bytes;
import org.callscope.engine.tls.CapturedTls;
import org.callscope.engine.tls.TlsCaptures;
import org.callscope.engine.tls.TsharkPdml;
import org.callscope.engine.tls.record.ContentType;
import org.callscope.engine.tls.record.DtlsRecord;
import org.callscope.engine.tls.record.DtlsRecords;
import org.callscope.engine.testsupport.SharedTestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The DTLS 1.0 handshake of the WebRTC call in {@code lekensteyn-wireshark-notes/webrtc-freeswitch.pcapng}
 * (FreeSWITCH 209.105.235.10:20336 is the DTLS client, Chromium 10.9.1.2:56706 the server), read
 * from its UDP payloads, against the folder's README and tshark.
 */
class DtlsHandshakeCaptureIT {
    private static final HexFormat HEX = HexFormat.of();
    private static final String CLIENT = "209.105.235.10:20336>10.9.1.2:56706";
    private static final String SERVER = "10.9.1.2:56706>209.105.235.10:20336";

    private static Path file;
    private static List<CapturedTls.Datagram> dtls;
    private static final Map<String, RecordingHandshakeListener> MESSAGES = new LinkedHashMap<>();
    /** Every message of both directions in capture order; each one's timestamp is the frame that completed it. */
    private static final List<RecordingHandshakeListener.Message> ALL = new ArrayList<>();

    @BeforeAll
    static void readTheCall() throws Exception {
        file = SharedTestData.file(TlsCaptures.WEBRTC);
        CapturedTls capture = CapturedTls.read(file);
        dtls = capture.datagrams.stream().filter(d -> DtlsRecords.looksLikeDtls(d.payload(), 0, d.payload().length)).toList();
        Map<String, DtlsHandshakeReassembler> reassemblers = new LinkedHashMap<>();
        for (CapturedTls.Datagram d : dtls) {
            String key = d.src() + ":" + d.srcPort() + ">" + d.dst() + ":" + d.dstPort();
            RecordingHandshakeListener listener = MESSAGES.computeIfAbsent(key, k -> new RecordingHandshakeListener());
            DtlsHandshakeReassembler r = reassemblers.computeIfAbsent(key, k -> new DtlsHandshakeReassembler(listener));
            for (DtlsRecord record : DtlsRecords.parse(d.payload(), 0, d.payload().length)) {
                if (record.contentType() == ContentType.HANDSHAKE && record.epoch() == 0) {
                    int before = listener.messages.size();
                    r.feed(record.fragment(), 0, record.fragment().length, d.frame());
                    for (int i = before; i < listener.messages.size(); i++) {
                        ALL.add(listener.messages.get(i));
                    }
                }
            }
        }
    }

    @Test
    void dtlsRecordsMatchTshark() throws Exception {
        List<List<Long>> ours = new ArrayList<>();
        for (CapturedTls.Datagram d : dtls) {
            List<DtlsRecord> records = DtlsRecords.parse(d.payload(), 0, d.payload().length);
            assertThat(records.stream().mapToInt(DtlsRecord::wireLength).sum()).as("frame %d read whole", d.frame())
                    .isEqualTo(d.payload().length);
            for (DtlsRecord r : records) {
                ours.add(List.of(d.frame(), (long) r.contentType(), (long) r.version(), (long) r.epoch(), r.sequence(), (long) r.fragment().length));
            }
        }
        List<List<Long>> theirs = new ArrayList<>();
        for (TsharkPdml.Packet p : TsharkPdml.read(file, "dtls && !icmp")) {
            for (TsharkPdml.Field r : p.root().all("dtls.record")) {
                theirs.add(List.of(p.frame(), Long.parseLong(r.first("dtls.record.content_type").orElseThrow()),
                        Long.decode(r.first("dtls.record.version").orElseThrow()), Long.parseLong(r.first("dtls.record.epoch").orElseThrow()),
                        Long.parseLong(r.first("dtls.record.sequence_number").orElseThrow()),
                        Long.parseLong(r.first("dtls.record.length").orElseThrow())));
            }
        }
        assertThat(theirs).hasSizeGreaterThan(10);
        assertThat(ours).containsExactlyElementsOf(theirs);
    }

    @Test
    void handshakeIsTheReadmesWithTheRetransmittedClientHelloOnce() throws Exception {
        RecordingHandshakeListener client = MESSAGES.get(CLIENT);
        RecordingHandshakeListener server = MESSAGES.get(SERVER);
        assertThat(client.types()).containsExactly(HandshakeType.CLIENT_HELLO, HandshakeType.CERTIFICATE,
                HandshakeType.CLIENT_KEY_EXCHANGE, HandshakeType.CERTIFICATE_VERIFY);
        assertThat(server.types()).containsExactly(HandshakeType.SERVER_HELLO, HandshakeType.CERTIFICATE,
                HandshakeType.SERVER_KEY_EXCHANGE, HandshakeType.CERTIFICATE_REQUEST, HandshakeType.SERVER_HELLO_DONE);
        assertThat(client.errors).isEmpty();
        assertThat(server.errors).isEmpty();
        assertThat(client.messages.getFirst().tsNanos()).as("frame of the ClientHello").isEqualTo(51);
        assertThat(server.messages.getFirst().tsNanos()).as("frame of the ServerHello").isEqualTo(62);

        ClientHello ch = ClientHello.parse(client.messages.getFirst().body(), true);
        assertThat(ch.legacyVersion()).isEqualTo(0xfeff);
        assertThat(HEX.formatHex(ch.random())).isEqualTo("9be49c50e2f95dea155837afc0591886dcc95ec6522f88cd8729468bbfffab95");
        assertThat(ch.cookie()).isEmpty();
        assertThat(ch.useSrtpProfiles()).contains(0x0001);
        TsharkPdml.Field tsharkHello = TsharkPdml.read(file, "frame.number == 51").getFirst().root();
        assertThat(Arrays.stream(ch.cipherSuites()).boxed().toList()).containsExactlyElementsOf(
                tsharkHello.all("dtls.handshake.ciphersuite").stream().map(f -> Integer.decode(f.show())).toList());
        assertThat(Arrays.stream(ch.useSrtpProfiles()).boxed().toList()).containsExactlyElementsOf(
                tsharkHello.all("dtls.use_srtp.protection_profile").stream().map(f -> Integer.decode(f.show())).toList());
        assertThat(ch.sessionTicketExtension()).isTrue();

        ServerHello sh = ServerHello.parse(server.messages.getFirst().body(), true);
        assertThat(HEX.formatHex(sh.random())).isEqualTo("42640e679f0712796001ef3ac620aaf7b52029484f61e5c803e478b46c51c416");
        assertThat(sh.cipherSuite()).as("ECDHE-RSA-AES128-SHA").isEqualTo(0xc013);
        assertThat(sh.useSrtpProfile()).as("SRTP_AES128_CM_HMAC_SHA1_80").isEqualTo(0x0001);
        assertThat(sh.negotiatedVersion()).isEqualTo(0xfeff);

        for (RecordingHandshakeListener.Message m : ALL) {
            byte[] t = m.transcript();
            assertThat(t).hasSize(12 + m.body().length);
            assertThat(Bytes.u24(t, 1)).isEqualTo(m.body().length);
            assertThat(Bytes.u24(t, 6)).as("fragment_offset").isZero();
            assertThat(Bytes.u24(t, 9)).as("fragment_length").isEqualTo(m.body().length);
        }
    }

    /**
     * The client's CertificateVerify (RFC 4346 §7.4.8: RSA over MD5 and SHA-1 of all handshake
     * messages before it) verifies with its certificate's key over our transcript bytes, in
     * message order. This settles which form RFC 6347 §4.2.6 means: with the 12-byte DTLS headers
     * it verifies, with TLS-style 4-byte headers it does not.
     */
    @Test
    void clientCertificateVerifySignsTheTranscriptInItsDtlsForm() throws Exception {
        RecordingHandshakeListener client = MESSAGES.get(CLIENT);
        byte[] certificates = client.messages.get(1).body();
        int firstLength = Bytes.u24(certificates, 3);
        PublicKey key = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificates, 6, firstLength)).getPublicKey();
        byte[] verify = client.messages.get(3).body();
        byte[] signature = Arrays.copyOfRange(verify, 2, 2 + Bytes.u16(verify, 0));
        assertThat(signature).hasSize(verify.length - 2);

        ByteArrayOutputStream dtlsForm = new ByteArrayOutputStream();
        ByteArrayOutputStream tlsForm = new ByteArrayOutputStream();
        List<RecordingHandshakeListener.Message> before = ALL.subList(0, ALL.indexOf(client.messages.get(3)));
        assertThat(before.stream().map(RecordingHandshakeListener.Message::type).toList())
                .containsExactly(1, 2, 11, 12, 13, 14, 11, 16);
        for (RecordingHandshakeListener.Message m : before) {
            dtlsForm.writeBytes(m.transcript());
            tlsForm.writeBytes(Wire.message(m.type(), m.body()));
        }
        assertThat(rsaMd5Sha1Verifies(key, dtlsForm.toByteArray(), signature)).isTrue();
        assertThat(rsaMd5Sha1Verifies(key, tlsForm.toByteArray(), signature)).isFalse();
    }

    private static boolean rsaMd5Sha1Verifies(PublicKey key, byte[] messages, byte[] signature) throws Exception {
        byte[] hashes = new ByteArrayOutputStream() {
            {
                writeBytes(MessageDigest.getInstance("MD5").digest(messages));
                writeBytes(MessageDigest.getInstance("SHA-1").digest(messages));
            }
        }.toByteArray();
        Signature rsa = Signature.getInstance("NONEwithRSA");
        rsa.initVerify(key);
        rsa.update(hashes);
        return rsa.verify(signature);
    }
}
