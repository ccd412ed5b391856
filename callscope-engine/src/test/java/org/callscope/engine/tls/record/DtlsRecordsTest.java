package org.callscope.engine.tls.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import org.callscope.engine.tls.handshake.TlsParseException;
import org.junit.jupiter.api.Test;

class DtlsRecordsTest {
    static byte[] dtlsRecord(int type, int version, int epoch, long sequence, byte[] fragment) {
        byte[] r = new byte[13 + fragment.length];
        r[0] = (byte) type;
        r[1] = (byte) (version >>> 8);
        r[2] = (byte) version;
        r[3] = (byte) (epoch >>> 8);
        r[4] = (byte) epoch;
        for (int i = 0; i < 6; i++) {
            r[5 + i] = (byte) (sequence >>> (40 - 8 * i));
        }
        r[11] = (byte) (fragment.length >>> 8);
        r[12] = (byte) fragment.length;
        System.arraycopy(fragment, 0, r, 13, fragment.length);
        return r;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void parsesSeveralRecordsOfOneDatagram() throws Exception {
        byte[] datagram = concat(
                dtlsRecord(ContentType.HANDSHAKE, 0xfeff, 0, 5, new byte[] {1, 2, 3}),
                dtlsRecord(ContentType.CHANGE_CIPHER_SPEC, 0xfefd, 0, 6, new byte[] {1}),
                dtlsRecord(ContentType.HANDSHAKE, 0xfefd, 0xfffe, 0xffff_ffff_ffffL, new byte[0]));
        byte[] carrier = concat(new byte[3], datagram, new byte[4]);
        List<DtlsRecord> records = DtlsRecords.parse(carrier, 3, datagram.length);
        assertThat(records).hasSize(3);
        assertThat(records.get(0)).satisfies(r -> {
            assertThat(r.contentType()).isEqualTo(22);
            assertThat(r.version()).isEqualTo(0xfeff);
            assertThat(r.epoch()).isZero();
            assertThat(r.sequence()).isEqualTo(5);
            assertThat(r.fragment()).containsExactly(1, 2, 3);
            assertThat(r.wireLength()).isEqualTo(16);
        });
        assertThat(records.get(1).contentType()).isEqualTo(20);
        assertThat(records.get(2).epoch()).isEqualTo(0xfffe);
        assertThat(records.get(2).sequence()).isEqualTo(0xffff_ffff_ffffL);
        assertThat(records.get(2).fragment()).isEmpty();
        assertThat(records.stream().mapToInt(DtlsRecord::wireLength).sum()).isEqualTo(datagram.length);
    }

    @Test
    void keepsTheRecordsBeforeAMalformedOne() throws Exception {
        byte[] first = dtlsRecord(ContentType.HANDSHAKE, 0xfefd, 0, 1, new byte[] {9, 9});
        byte[] second = dtlsRecord(ContentType.APPLICATION_DATA, 0xfefd, 1, 1, new byte[20]);
        byte[] cut = concat(first, second);
        List<DtlsRecord> records = DtlsRecords.parse(cut, 0, cut.length - 1);
        assertThat(records).singleElement().satisfies(r -> assertThat(r.fragment()).containsExactly(9, 9));
        assertThat(records.getFirst().wireLength()).isLessThan(cut.length - 1);
    }

    @Test
    void rejectsADatagramWhoseFirstRecordIsMalformed() {
        byte[] good = dtlsRecord(ContentType.HANDSHAKE, 0xfefd, 0, 1, new byte[] {1, 2});
        assertThatThrownBy(() -> DtlsRecords.parse(good, 0, 12)).isInstanceOf(TlsParseException.class)
                .hasMessage("DTLS record header cut short: 12 of 13 bytes at datagram offset 0");
        assertThatThrownBy(() -> DtlsRecords.parse(good, 0, 14)).isInstanceOf(TlsParseException.class)
                .hasMessage("DTLS record length 2 exceeds the 1 bytes left at datagram offset 0");
        byte[] badType = dtlsRecord(25, 0xfefd, 0, 1, new byte[1]);
        assertThatThrownBy(() -> DtlsRecords.parse(badType, 0, badType.length))
                .hasMessage("bad DTLS record content type 25 at datagram offset 0");
        byte[] tlsVersion = dtlsRecord(22, 0x0303, 0, 1, new byte[1]);
        assertThatThrownBy(() -> DtlsRecords.parse(tlsVersion, 0, tlsVersion.length))
                .hasMessage("bad DTLS record version 0x0303 at datagram offset 0");
        byte[] tooLong = dtlsRecord(23, 0xfefd, 1, 1, new byte[RecordHeader.MAX_FRAGMENT_LENGTH + 1]);
        assertThatThrownBy(() -> DtlsRecords.parse(tooLong, 0, tooLong.length))
                .hasMessage("DTLS record length 18433 exceeds 18432 at datagram offset 0");
        assertThatThrownBy(() -> DtlsRecords.parse(new byte[0], 0, 0)).hasMessage("DTLS datagram is empty");
    }

    @Test
    void demultiplexesDtlsFromStunRtpAndTls() {
        byte[] dtls = dtlsRecord(ContentType.HANDSHAKE, 0xfeff, 0, 0, new byte[4]);
        assertThat(DtlsRecords.looksLikeDtls(dtls, 0, dtls.length)).isTrue();
        byte[] stun = HexFormat.of().parseHex("000100002112a442000102030405060708090a0b");
        byte[] rtp = HexFormat.of().parseHex("806f1ff6000000000000abcd00000000");
        byte[] tls = TlsRecordReaderTest.record(ContentType.HANDSHAKE, 0x0303, new byte[20]);
        assertThat(DtlsRecords.looksLikeDtls(stun, 0, stun.length)).isFalse();
        assertThat(DtlsRecords.looksLikeDtls(rtp, 0, rtp.length)).isFalse();
        assertThat(DtlsRecords.looksLikeDtls(tls, 0, tls.length)).isFalse();
        assertThat(DtlsRecords.looksLikeDtls(dtls, 0, 12)).as("cut header").isFalse();
        byte[] dtls13Ciphertext = HexFormat.of().parseHex("2c0001020304050607080910111213");
        assertThat(DtlsRecords.looksLikeDtls(dtls13Ciphertext, 0, dtls13Ciphertext.length)).isFalse();
    }
}
