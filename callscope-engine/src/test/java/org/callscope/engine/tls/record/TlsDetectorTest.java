package org.callscope.engine.tls.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TlsDetectorTest {
    /** Record header of a ClientHello record of 0xc8 bytes, then its handshake header (0xc4 bytes). */
    private static final byte[] CLIENT_HELLO_START = HexFormat.of().parseHex("16030100c8010000c40303");
    private static final byte[] SERVER_HELLO_START = HexFormat.of().parseHex("160303005a0200005603035a");

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static boolean handshake(byte[] b) {
        return TlsDetector.looksLikeTlsHandshake(b, 0, b.length);
    }

    private static boolean record(byte[] b) {
        return TlsDetector.looksLikeTlsRecord(b, 0, b.length);
    }

    @Test
    void recognisesClientAndServerHelloRecords() {
        assertThat(handshake(CLIENT_HELLO_START)).isTrue();
        assertThat(handshake(SERVER_HELLO_START)).isTrue();
        assertThat(record(CLIENT_HELLO_START)).isTrue();
        assertThat(handshake(hex("160300002d010000290300"))).as("SSL 3.0").isTrue();
        assertThat(handshake(hex("16030400c801"))).as("header and type only").isTrue();
        byte[] inside = new byte[40];
        System.arraycopy(CLIENT_HELLO_START, 0, inside, 7, CLIENT_HELLO_START.length);
        assertThat(TlsDetector.looksLikeTlsHandshake(inside, 7, CLIENT_HELLO_START.length)).isTrue();
    }

    @Test
    void rejectsWhatIsNoHelloRecord() {
        assertThat(handshake(hex("16030100c80b0000c4"))).as("certificate first").isFalse();
        assertThat(handshake(hex("17030300c8010000c4"))).as("application data").isFalse();
        assertThat(handshake(hex("16030500c8010000c4"))).as("version 3.5").isFalse();
        assertThat(handshake(hex("16fefd00c8010000c4"))).as("DTLS version").isFalse();
        assertThat(handshake(hex("1603010000010000c4"))).as("empty record").isFalse();
        assertThat(handshake(hex("1603014001010000c4"))).as("record over 2^14").isFalse();
        assertThat(handshake(hex("16030100c801000010"))).as("hello of 16 bytes").isFalse();
        assertThat(handshake(hex("16030100c8"))).as("header only").isFalse();
        assertThat(handshake("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(handshake("INVITE sip:a@b SIP/2.0\r\n".getBytes(StandardCharsets.US_ASCII))).isFalse();
    }

    @Test
    void recognisesAnyRecordHeaderAndChecksFollowingHeaders() {
        assertThat(record(hex("1703030005aabbccddee"))).isTrue();
        assertThat(record(hex("1503030002010017030300"))).as("alert then a cut header").isTrue();
        assertThat(record(hex("150303000201001703030001ff"))).as("alert then data").isTrue();
        assertThat(record(hex("150303000201004703030001ff"))).as("alert then garbage").isFalse();
        assertThat(record(hex("1703034801"))).as("length over 2^14 + 2048").isFalse();
        assertThat(record(hex("1703034800"))).as("length 2^14 + 2048").isTrue();
        assertThat(record(hex("13030300"))).as("four bytes").isFalse();
        assertThat(record(hex("1903030001"))).as("type 25").isFalse();
        assertThat(record("SIP/2.0 200 OK\r\n".getBytes(StandardCharsets.US_ASCII))).isFalse();
    }

    @Test
    void recognisesSslv2CompatibleClientHelloWithoutCallingItTls() {
        byte[] v2 = hex("802e0103010015000000100000040000050000");
        assertThat(TlsDetector.looksLikeSslv2ClientHello(v2, 0, v2.length)).isTrue();
        assertThat(handshake(v2)).isFalse();
        assertThat(record(v2)).isFalse();
        byte[] sslv2Only = hex("802e010002");
        assertThat(TlsDetector.looksLikeSslv2ClientHello(sslv2Only, 0, 5)).isTrue();
        assertThat(TlsDetector.looksLikeSslv2ClientHello(hex("802e020301"), 0, 5)).as("server hello type").isFalse();
        assertThat(TlsDetector.looksLikeSslv2ClientHello(hex("800501030100"), 0, 6)).as("too short a body").isFalse();
        assertThat(TlsDetector.looksLikeSslv2ClientHello(CLIENT_HELLO_START, 0, CLIENT_HELLO_START.length)).isFalse();
        assertThat(TlsDetector.looksLikeSslv2ClientHello(hex("802e0103"), 0, 4)).as("four bytes").isFalse();
    }
}
