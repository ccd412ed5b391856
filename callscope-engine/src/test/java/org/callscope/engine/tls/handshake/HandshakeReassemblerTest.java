package org.callscope.engine.tls.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HandshakeReassemblerTest {
    private final RecordingHandshakeListener listener = new RecordingHandshakeListener();
    private final HandshakeReassembler reassembler = new HandshakeReassembler(listener);

    private void feed(byte[] b, int from, int to, long ts) {
        reassembler.feed(b, from, to - from, ts);
    }

    @Test
    void joinsAMessageSplitAcrossThreeRecords() {
        byte[] certificate = Wire.message(HandshakeType.CERTIFICATE, Hellos.random(7));
        feed(certificate, 0, 2, 1);
        assertThat(reassembler.hasPartialMessage()).isTrue();
        feed(certificate, 2, 20, 2);
        assertThat(listener.messages).isEmpty();
        feed(certificate, 20, certificate.length, 3);
        assertThat(reassembler.hasPartialMessage()).isFalse();
        assertThat(listener.messages).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo(HandshakeType.CERTIFICATE);
            assertThat(m.body()).isEqualTo(Hellos.random(7));
            assertThat(m.transcript()).isEqualTo(certificate);
            assertThat(m.tsNanos()).isEqualTo(3);
        });
    }

    @Test
    void splitsTwoMessagesOfOneRecordAndAnEmptyOne() {
        byte[] record = new Wire().bytes(Wire.message(HandshakeType.SERVER_HELLO, Hellos.ILLUSTRATED_TLS13_SERVER_HELLO))
                .bytes(Wire.message(HandshakeType.CERTIFICATE, new byte[] {1, 2, 3}))
                .bytes(Wire.message(HandshakeType.SERVER_HELLO_DONE, new byte[0])).toByteArray();
        byte[] carrier = new Wire().u8(0xee).bytes(record).u8(0xee).toByteArray();
        reassembler.feed(carrier, 1, record.length, 5);
        assertThat(listener.types()).containsExactly(HandshakeType.SERVER_HELLO, HandshakeType.CERTIFICATE, HandshakeType.SERVER_HELLO_DONE);
        assertThat(listener.messages.get(0).body()).isEqualTo(Hellos.ILLUSTRATED_TLS13_SERVER_HELLO);
        assertThat(listener.messages.get(1).transcript()).containsExactly(11, 0, 0, 3, 1, 2, 3);
        assertThat(listener.messages.get(2).body()).isEmpty();
        assertThat(listener.messages.get(2).transcript()).containsExactly(14, 0, 0, 0);
        assertThat(listener.errors).isEmpty();
    }

    @Test
    void deliversTheSameFedOneByteAtATime() {
        byte[] stream = new Wire().bytes(Wire.message(1, Hellos.ILLUSTRATED_TLS13_CLIENT_HELLO))
                .bytes(Wire.message(14, new byte[0])).bytes(Wire.message(20, new byte[12])).toByteArray();
        for (int i = 0; i < stream.length; i++) {
            reassembler.feed(stream, i, 1, i);
        }
        assertThat(listener.types()).containsExactly(1, 14, 20);
        assertThat(listener.messages.get(0).body()).isEqualTo(Hellos.ILLUSTRATED_TLS13_CLIENT_HELLO);
        assertThat(Arrays.stream(new int[] {0, 1, 2}).mapToObj(i -> listener.messages.get(i).transcript().length).toList())
                .containsExactly(4 + Hellos.ILLUSTRATED_TLS13_CLIENT_HELLO.length, 4, 16);
    }

    @Test
    void oversizeMessageIsReportedAndSkippedWithoutBufferingAndTheNextOneStillComes() {
        HandshakeReassembler small = new HandshakeReassembler(listener, 100);
        byte[] big = Wire.message(HandshakeType.CERTIFICATE, new byte[101]);
        byte[] next = Wire.message(HandshakeType.SERVER_HELLO_DONE, new byte[0]);
        byte[] stream = new Wire().bytes(Wire.message(2, new byte[100])).bytes(big).bytes(next).toByteArray();
        small.feed(stream, 0, 150, 1);
        small.feed(stream, 150, stream.length - 150, 2);
        assertThat(listener.types()).containsExactly(2, 14);
        assertThat(listener.errors).containsExactly(
                "certificate message of 101 bytes exceeds the limit of 100 bytes at handshake stream offset 104: skipped");
    }

    @Test
    void hugeAnnouncedLengthIsAnErrorNotAnAllocation() {
        byte[] header = {11, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        reassembler.feed(header, 0, 4, 1);
        assertThat(listener.errors).singleElement().asString().startsWith("certificate message of 16777215 bytes exceeds the limit of 262144");
        assertThat(reassembler.hasPartialMessage()).isTrue();
    }

    @Test
    void resetDropsThePartialMessage() {
        byte[] m = Wire.message(HandshakeType.FINISHED, new byte[12]);
        reassembler.feed(m, 0, 7, 1);
        reassembler.reset();
        assertThat(reassembler.hasPartialMessage()).isFalse();
        reassembler.feed(m, 0, m.length, 2);
        assertThat(listener.messages).singleElement().satisfies(x -> assertThat(x.transcript()).isEqualTo(m));
    }
}
