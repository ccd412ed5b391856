package org.callscope.engine.tls.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TlsRecordReaderTest {
    private final RecordingRecordListener listener = new RecordingRecordListener();
    private final TlsRecordReader reader = new TlsRecordReader(listener);

    {
        listener.reader = reader;
    }

    static byte[] record(int type, int version, byte[] fragment) {
        byte[] r = new byte[5 + fragment.length];
        r[0] = (byte) type;
        r[1] = (byte) (version >>> 8);
        r[2] = (byte) version;
        r[3] = (byte) (fragment.length >>> 8);
        r[4] = (byte) fragment.length;
        System.arraycopy(fragment, 0, r, 5, fragment.length);
        return r;
    }

    static byte[] filled(int length, int seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A stream of records of every content type and of lengths 0, 1, small and the largest allowed. */
    private static final class Stream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<RecordingRecordListener.Delivered> expected = new ArrayList<>();

        Stream add(int type, int version, byte[] fragment) {
            expected.add(new RecordingRecordListener.Delivered(type, version, fragment, bytes.size(), 0));
            bytes.writeBytes(record(type, version, fragment));
            return this;
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }

    private static Stream sample() {
        return new Stream()
                .add(ContentType.HANDSHAKE, 0x0301, filled(200, 1))
                .add(ContentType.CHANGE_CIPHER_SPEC, 0x0303, new byte[] {1})
                .add(ContentType.APPLICATION_DATA, 0x0303, new byte[0])
                .add(ContentType.ALERT, 0x0300, new byte[] {1, 0})
                .add(ContentType.HEARTBEAT, 0x0302, filled(3, 2))
                .add(ContentType.APPLICATION_DATA, 0x0303, filled(RecordHeader.MAX_FRAGMENT_LENGTH, 3))
                .add(ContentType.APPLICATION_DATA, 0x0304, filled(17, 4));
    }

    @Test
    void deliversEveryRecordOfAStreamFedWhole() {
        Stream s = sample();
        byte[] all = s.toByteArray();
        reader.feed(all, 0, all.length, 7);
        assertThat(listener.records).containsExactlyElementsOf(s.expected);
        assertThat(listener.records).allSatisfy(r -> assertThat(r.tsNanos()).isEqualTo(7));
        assertThat(listener.unframeable).isEmpty();
        assertThat(reader.streamOffset()).isEqualTo(all.length);
        assertThat(reader.hasPartialRecord()).isFalse();
        assertThat(reader.recordStreamOffset()).isEqualTo(s.expected.getLast().streamOffset());
    }

    @Test
    void deliversTheSameFedOneByteAtATime() {
        Stream s = sample();
        byte[] all = s.toByteArray();
        for (int i = 0; i < all.length; i++) {
            reader.feed(all, i, 1, i);
            assertThat(reader.streamOffset()).isEqualTo(i + 1);
        }
        assertThat(listener.records).containsExactlyElementsOf(s.expected);
        // Each record is delivered with the timestamp of the call that brought its last byte.
        for (int i = 0; i < s.expected.size(); i++) {
            long lastByte = i + 1 < s.expected.size() ? s.expected.get(i + 1).streamOffset() - 1 : all.length - 1;
            assertThat(listener.records.get(i).tsNanos()).isEqualTo(lastByte);
        }
    }

    @Test
    void deliversTheSameSplitInTwoAtEveryBoundary() {
        Stream s = new Stream()
                .add(ContentType.HANDSHAKE, 0x0303, filled(40, 5))
                .add(ContentType.CHANGE_CIPHER_SPEC, 0x0303, new byte[] {1})
                .add(ContentType.APPLICATION_DATA, 0x0303, filled(30, 6));
        byte[] all = s.toByteArray();
        for (int split = 0; split <= all.length; split++) {
            RecordingRecordListener l = new RecordingRecordListener();
            TlsRecordReader r = new TlsRecordReader(l);
            l.reader = r;
            r.feed(all, 0, split, 1);
            r.feed(all, split, all.length - split, 2);
            assertThat(l.records).as("split at %d", split).containsExactlyElementsOf(s.expected);
            assertThat(r.streamOffset()).isEqualTo(all.length);
        }
    }

    @Test
    void deliversTheSameInRandomChunksFromAnOffsetInsideTheBuffer() {
        Random random = new Random(5246);
        for (int round = 0; round < 50; round++) {
            Stream s = new Stream();
            for (int i = 0, n = 1 + random.nextInt(30); i < n; i++) {
                s.add(20 + random.nextInt(5), 0x0300 + random.nextInt(5), filled(random.nextInt(random.nextBoolean() ? 50 : RecordHeader.MAX_FRAGMENT_LENGTH + 1), i));
            }
            byte[] all = s.toByteArray();
            RecordingRecordListener l = new RecordingRecordListener();
            TlsRecordReader r = new TlsRecordReader(l);
            l.reader = r;
            for (int pos = 0; pos < all.length;) {
                int n = Math.min(all.length - pos, 1 + random.nextInt(3000));
                byte[] carrier = new byte[n + 20];
                System.arraycopy(all, pos, carrier, 10, n);
                r.feed(carrier, 10, n, pos);
                pos += n;
            }
            assertThat(l.records).containsExactlyElementsOf(s.expected);
            assertThat(l.unframeable).isEmpty();
        }
    }

    @Test
    void deliversManySmallRecordsFromOneFeed() {
        Stream s = new Stream();
        for (int i = 0; i < 500; i++) {
            s.add(ContentType.APPLICATION_DATA, 0x0303, filled(i % 7, i));
        }
        byte[] all = s.toByteArray();
        reader.feed(all, 0, all.length, 1);
        assertThat(listener.records).hasSize(500).containsExactlyElementsOf(s.expected);
    }

    @Test
    void partialRecordIsReportedUntilItCompletes() {
        byte[] r = record(ContentType.HANDSHAKE, 0x0303, filled(10, 1));
        reader.feed(r, 0, 3, 1);
        assertThat(reader.hasPartialRecord()).isTrue();
        reader.feed(r, 3, 8, 1);
        assertThat(reader.hasPartialRecord()).isTrue();
        assertThat(listener.records).isEmpty();
        reader.feed(r, 11, r.length - 11, 1);
        assertThat(reader.hasPartialRecord()).isFalse();
        assertThat(listener.records).hasSize(1);
    }

    @Test
    void oversizeLengthIsUnframeableAtTheRecordOffset() {
        byte[] good = record(ContentType.HANDSHAKE, 0x0303, filled(10, 1));
        byte[] oversize = {23, 3, 3, (byte) ((RecordHeader.MAX_FRAGMENT_LENGTH + 1) >>> 8), (byte) (RecordHeader.MAX_FRAGMENT_LENGTH + 1), 0, 0};
        reader.feed(good, 0, good.length, 1);
        reader.feed(oversize, 0, oversize.length, 2);
        assertThat(listener.records).hasSize(1);
        assertThat(listener.unframeable).containsExactly("record length 18433 exceeds 18432 at stream offset 15");
        assertThat(reader.failed()).isTrue();
        assertThat(reader.streamOffset()).isEqualTo(good.length + oversize.length);
    }

    @Test
    void badTypeAndBadVersionAreUnframeableEvenWhenTheHeaderIsSplit() {
        byte[] good = record(ContentType.APPLICATION_DATA, 0x0303, filled(4, 1));
        byte[] badType = record(25, 0x0303, filled(4, 1));
        reader.feed(good, 0, good.length, 1);
        reader.feed(badType, 0, 2, 2);
        reader.feed(badType, 2, badType.length - 2, 3);
        assertThat(listener.unframeable).containsExactly("bad record content type 25 at stream offset 9");

        for (int version : new int[] {0x0305, 0x0203, 0xfefd}) {
            RecordingRecordListener l = new RecordingRecordListener();
            TlsRecordReader r = new TlsRecordReader(l);
            byte[] bad = record(ContentType.HANDSHAKE, version, filled(4, 1));
            r.feed(bad, 0, bad.length, 1);
            assertThat(l.unframeable).containsExactly(String.format("bad record version 0x%04x at stream offset 0", version));
            assertThat(l.records).isEmpty();
        }
    }

    @Test
    void nothingIsDeliveredAfterTheStreamFailedAndOffsetsKeepCounting() {
        byte[] bad = record(19, 0x0303, filled(4, 1));
        byte[] good = record(ContentType.APPLICATION_DATA, 0x0303, filled(4, 1));
        reader.feed(bad, 0, bad.length, 1);
        reader.feed(good, 0, good.length, 2);
        reader.onGap(5, 3);
        assertThat(listener.records).isEmpty();
        assertThat(listener.unframeable).containsExactly("bad record content type 19 at stream offset 0");
        assertThat(reader.streamOffset()).isEqualTo(bad.length + good.length + 5);
        assertThat(reader.hasPartialRecord()).isFalse();
    }

    @Test
    void gapMakesTheStreamUnframeable() {
        byte[] good = record(ContentType.APPLICATION_DATA, 0x0303, filled(32, 1));
        reader.feed(good, 0, good.length, 1);
        reader.feed(good, 0, 3, 2);
        reader.onGap(1000, 3);
        reader.feed(good, 0, good.length, 4);
        assertThat(listener.records).hasSize(1);
        assertThat(listener.unframeable).containsExactly("gap of 1000 bytes at stream offset 40");
        assertThat(reader.failed()).isTrue();
        assertThat(reader.streamOffset()).isEqualTo(40 + 1000 + good.length);
    }

    @Test
    void sslv2CompatibleClientHelloIsNamed() {
        // SSLv2 CLIENT-HELLO offering TLS 1.0: length 0x2e, type 1, version 3.1 (RFC 5246 E.2).
        byte[] hello = {(byte) 0x80, 0x2e, 0x01, 0x03, 0x01, 0x00, 0x15, 0x00, 0x00, 0x00, 0x10};
        reader.feed(hello, 0, hello.length, 1);
        assertThat(listener.unframeable).singleElement().asString()
                .startsWith("SSLv2-compatible ClientHello at stream offset 0");
        assertThat(listener.records).isEmpty();
    }
}
