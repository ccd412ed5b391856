package org.callscope.engine.tls.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.callscope.engine.tls.handshake.TlsParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Random and mutated record streams and datagrams: no exception escapes, nothing hangs, offsets add up. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RecordFuzzTest {

    private static byte[] validStream(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0, n = 1 + random.nextInt(20); i < n; i++) {
            byte[] fragment = new byte[random.nextInt(random.nextInt(10) == 0 ? RecordHeader.MAX_FRAGMENT_LENGTH + 1 : 300)];
            random.nextBytes(fragment);
            out.writeBytes(TlsRecordReaderTest.record(20 + random.nextInt(5), 0x0300 + random.nextInt(5), fragment));
        }
        return out.toByteArray();
    }

    @Test
    void randomAndMutatedStreamsInRandomChunks() {
        Random random = new Random(5246_2);
        for (int round = 0; round < 2000; round++) {
            byte[] stream = validStream(random);
            if (round % 3 != 0) {
                for (int e = 0; e < 1 + random.nextInt(5); e++) {
                    stream[random.nextInt(stream.length)] = (byte) random.nextInt(256);
                }
            }
            if (round % 7 == 0) {
                random.nextBytes(stream);
            }
            RecordingRecordListener l = new RecordingRecordListener();
            TlsRecordReader r = new TlsRecordReader(l);
            l.reader = r;
            long gaps = 0;
            for (int pos = 0; pos < stream.length;) {
                int n = Math.min(stream.length - pos, random.nextInt(2000));
                r.feed(stream, pos, n, pos);
                pos += n;
                if (random.nextInt(200) == 0) {
                    r.onGap(7, pos);
                    gaps += 7;
                }
            }
            assertThat(r.streamOffset()).isEqualTo(stream.length + gaps);
            assertThat(l.unframeable).hasSizeLessThanOrEqualTo(1);
            assertThat(r.failed()).isEqualTo(!l.unframeable.isEmpty());
            long framed = 0;
            for (RecordingRecordListener.Delivered d : l.records) {
                assertThat(d.streamOffset()).isEqualTo(framed);
                assertThat(d.fragment().length).isLessThanOrEqualTo(RecordHeader.MAX_FRAGMENT_LENGTH);
                framed += RecordHeader.LENGTH + d.fragment().length;
            }
            assertThat(framed).isLessThanOrEqualTo(stream.length);
            if (round % 3 == 0 && gaps == 0 && round % 7 != 0) {
                assertThat(l.unframeable).as("an unmutated stream").isEmpty();
                assertThat(framed).isEqualTo(stream.length);
            }
        }
    }

    @Test
    void detectorsAnswerAnyInput() {
        Random random = new Random(7983);
        for (int i = 0; i < 50_000; i++) {
            byte[] b = new byte[random.nextInt(40)];
            random.nextBytes(b);
            if (b.length > 0 && i % 2 == 0) {
                b[0] = (byte) (20 + random.nextInt(5));
            }
            if (b.length > 2 && i % 4 == 0) {
                b[1] = 3;
                b[2] = (byte) random.nextInt(5);
            }
            int off = b.length == 0 ? 0 : random.nextInt(b.length);
            TlsDetector.looksLikeTlsHandshake(b, off, b.length - off);
            TlsDetector.looksLikeTlsRecord(b, off, b.length - off);
            TlsDetector.looksLikeSslv2ClientHello(b, off, b.length - off);
            DtlsRecords.looksLikeDtls(b, off, b.length - off);
        }
    }

    @Test
    void dtlsDatagramsFailOnlyWithTlsParseException() {
        Random random = new Random(6347_2);
        byte[] good = concat(
                DtlsRecordsTest.dtlsRecord(22, 0xfeff, 0, 1, new byte[40]),
                DtlsRecordsTest.dtlsRecord(20, 0xfeff, 0, 2, new byte[] {1}),
                DtlsRecordsTest.dtlsRecord(22, 0xfeff, 1, 0, new byte[64]));
        int parsed = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] b;
            if (i % 2 == 0) {
                b = good.clone();
                for (int e = 0; e < 1 + random.nextInt(4); e++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
                b = Arrays.copyOf(b, random.nextInt(b.length + 1));
            } else {
                b = new byte[random.nextInt(200)];
                random.nextBytes(b);
            }
            try {
                List<DtlsRecord> records = DtlsRecords.parse(b, 0, b.length);
                assertThat(records).isNotEmpty();
                assertThat(records.stream().mapToInt(DtlsRecord::wireLength).sum()).isLessThanOrEqualTo(b.length);
                parsed++;
            } catch (TlsParseException e) {
                assertThat(e.getMessage()).contains("datagram");
            }
        }
        assertThat(parsed).as("mutations that still parse").isGreaterThan(1000);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
