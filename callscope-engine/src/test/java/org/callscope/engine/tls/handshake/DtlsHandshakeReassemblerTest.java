package org.callscope.engine.tls.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DtlsHandshakeReassemblerTest {
    private final RecordingHandshakeListener listener = new RecordingHandshakeListener();
    private final DtlsHandshakeReassembler reassembler = new DtlsHandshakeReassembler(listener);

    /** One DTLS handshake fragment (RFC 6347 §4.2.2) of {@code body[offset, offset + length)}. */
    static byte[] fragment(int type, int seq, byte[] body, int offset, int length) {
        return new Wire().u8(type).u24(body.length).u16(seq).u24(offset).u24(length)
                .bytes(Arrays.copyOfRange(body, offset, offset + length)).toByteArray();
    }

    static byte[] whole(int type, int seq, byte[] body) {
        return fragment(type, seq, body, 0, body.length);
    }

    private void feed(byte[] record) {
        reassembler.feed(record, 0, record.length, 1);
    }

    @Test
    void deliversAWholeMessageWithTheUnfragmentedDtlsHeaderAsTranscript() {
        byte[] body = Hellos.random(3);
        feed(whole(HandshakeType.CLIENT_HELLO, 0, body));
        assertThat(listener.messages).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo(1);
            assertThat(m.body()).isEqualTo(body);
            assertThat(m.transcript()).isEqualTo(whole(1, 0, body));
        });
    }

    @Test
    void joinsFragmentsInAnyOrderWithOverlapAndReportsTheWholeMessageOnce() {
        byte[] body = new byte[100];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        feed(fragment(HandshakeType.CERTIFICATE, 2, body, 60, 40));
        feed(fragment(HandshakeType.CERTIFICATE, 2, body, 0, 30));
        assertThat(reassembler.hasPartialMessage()).isTrue();
        feed(fragment(HandshakeType.CERTIFICATE, 2, body, 20, 45));
        feed(fragment(HandshakeType.CERTIFICATE, 2, body, 0, 100));
        assertThat(listener.messages).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo(body);
            // fragment_offset 0 and fragment_length = length in the transcript form (RFC 6347 §4.2.6)
            assertThat(m.transcript()).isEqualTo(whole(HandshakeType.CERTIFICATE, 2, body));
        });
        assertThat(reassembler.hasPartialMessage()).isFalse();
    }

    @Test
    void ignoresRetransmissionsAndWaitsForMissingMessages() {
        byte[] hello = Hellos.random(0);
        feed(whole(HandshakeType.SERVER_HELLO, 0, hello));
        feed(whole(HandshakeType.SERVER_HELLO, 0, hello));
        byte[] record = new Wire().bytes(whole(HandshakeType.SERVER_KEY_EXCHANGE, 2, new byte[5]))
                .bytes(whole(HandshakeType.SERVER_HELLO_DONE, 3, new byte[0])).toByteArray();
        feed(record);
        assertThat(listener.types()).containsExactly(HandshakeType.SERVER_HELLO);
        feed(whole(HandshakeType.CERTIFICATE, 1, new byte[9]));
        feed(record);
        assertThat(listener.types()).containsExactly(2, 11, 12, 14);
        assertThat(listener.messages.get(3).transcript()).containsExactly(14, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0);
        assertThat(listener.errors).isEmpty();
    }

    @Test
    void theFirstMessageSeenSetsTheSequenceAndANewTypeAtAnOldSequenceRestartsIt() {
        feed(whole(HandshakeType.HELLO_VERIFY_REQUEST, 0, Wire.hex("feff0102")));
        feed(whole(HandshakeType.SERVER_HELLO, 0, Hellos.random(1)));
        assertThat(listener.types()).containsExactly(3, 2);

        RecordingHandshakeListener late = new RecordingHandshakeListener();
        DtlsHandshakeReassembler joined = new DtlsHandshakeReassembler(late);
        byte[] f = whole(HandshakeType.SERVER_HELLO, 1, Hellos.random(1));
        joined.feed(f, 0, f.length, 1);
        assertThat(late.types()).containsExactly(HandshakeType.SERVER_HELLO);
    }

    @Test
    void rejectsFragmentsThatContradictOrOverreach() {
        byte[] body = new byte[10];
        feed(fragment(HandshakeType.CERTIFICATE, 0, body, 0, 5));
        feed(new Wire().u8(HandshakeType.CERTIFICATE).u24(11).u16(0).u24(5).u24(5).bytes(new byte[5]).toByteArray());
        feed(new Wire().u8(HandshakeType.CERTIFICATE).u24(10).u16(0).u24(8).u24(5).bytes(new byte[5]).toByteArray());
        feed(new Wire().u8(HandshakeType.CERTIFICATE).u24(10).u16(0).u24(5).u24(6).bytes(new byte[5]).toByteArray());
        feed(new byte[] {11, 0, 0});
        feed(whole(HandshakeType.FINISHED, 40, new byte[12]));
        assertThat(listener.messages).isEmpty();
        assertThat(listener.errors).containsExactly(
                "fragment of message_seq 0 says certificate of 11 bytes, earlier fragments certificate of 10 bytes, at record offset 0: dropped",
                "certificate message_seq 0: fragment 8+5 reaches beyond the message length 10 at record offset 0",
                "DTLS handshake fragment_length 6 exceeds the 5 bytes left at record offset 0",
                "DTLS handshake header cut short: 3 of 12 bytes at record offset 0",
                "finished message_seq 40 is 16 or more ahead of the expected 0 at record offset 0: dropped");
        feed(fragment(HandshakeType.CERTIFICATE, 0, body, 5, 5));
        assertThat(listener.types()).containsExactly(HandshakeType.CERTIFICATE);
    }

    @Test
    void oversizeMessageIsPassedOverSoLaterOnesStillCome() {
        DtlsHandshakeReassembler small = new DtlsHandshakeReassembler(listener, 50);
        byte[] record = new Wire().bytes(fragment(HandshakeType.CERTIFICATE, 0, new byte[60], 0, 10))
                .bytes(whole(HandshakeType.SERVER_HELLO_DONE, 1, new byte[0])).toByteArray();
        small.feed(record, 0, record.length, 1);
        byte[] rest = fragment(HandshakeType.CERTIFICATE, 0, new byte[60], 10, 50);
        small.feed(rest, 0, rest.length, 2);
        assertThat(listener.types()).containsExactly(HandshakeType.SERVER_HELLO_DONE);
        assertThat(listener.errors).containsExactly(
                "certificate message_seq 0 of 60 bytes exceeds the limit of 50 bytes at record offset 0: skipped");
    }

    @Test
    void boundsTheBytesHeldForMessagesNotYetInOrder() {
        int big = DtlsHandshakeReassembler.MAX_BUFFERED_BYTES / 2;
        feed(fragment(HandshakeType.CLIENT_HELLO, 0, new byte[10], 0, 1));
        feed(fragment(HandshakeType.CERTIFICATE, 1, new byte[big], 0, 1));
        feed(fragment(HandshakeType.CERTIFICATE, 2, new byte[big], 0, 1));
        assertThat(listener.errors).singleElement().asString().startsWith("certificate message_seq 2 of " + big
                + " bytes would take the " + (big + 10) + " bytes held over " + DtlsHandshakeReassembler.MAX_BUFFERED_BYTES);
        reassembler.reset();
        assertThat(reassembler.hasPartialMessage()).isFalse();
    }
}
