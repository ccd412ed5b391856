package org.callscope.engine.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.junit.jupiter.api.Test;

class WebSocketDeframerTest {
    /** RFC 6455 §1.2 opening handshake, with the SIP subprotocol of RFC 7118 §4. */
    static final String REQUEST = "GET /chat HTTP/1.1\r\n"
            + "Host: server.example.com\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Origin: http://example.com\r\n"
            + "Sec-WebSocket-Protocol: sip\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "\r\n";
    static final String RESPONSE = "HTTP/1.1 101 Switching Protocols\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
            + "Sec-WebSocket-Protocol: sip\r\n"
            + "\r\n";

    // RFC 6455 §5.7 examples, byte for byte.
    static final byte[] HELLO_UNMASKED = bytes(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f);
    static final byte[] HELLO_MASKED = bytes(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58);
    static final byte[] HEL = bytes(0x01, 0x03, 0x48, 0x65, 0x6c);
    static final byte[] LO = bytes(0x80, 0x02, 0x6c, 0x6f);
    static final byte[] PING_HELLO = bytes(0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f);
    static final byte[] PONG_HELLO_MASKED = bytes(0x8a, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58);

    private final AnomalyCounters anomalies = new AnomalyCounters();
    private final List<String> messages = new ArrayList<>();
    private final List<byte[]> rawMessages = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();
    private WebSocketDeframer deframer = new WebSocketDeframer(this::collect, anomalies);

    private void collect(byte[] buf, int off, int len, long tsNanos) {
        rawMessages.add(Arrays.copyOfRange(buf, off, off + len));
        messages.add(new String(buf, off, len, StandardCharsets.ISO_8859_1));
        times.add(tsNanos);
    }

    private void feed(byte[]... parts) {
        long ts = 1;
        for (byte[] part : parts) {
            deframer.onData(part, 0, part.length, ts++);
        }
    }

    @Test
    void readsRfcSingleFrameUnmaskedAndMaskedHello() {
        feed(HELLO_UNMASKED, HELLO_MASKED);

        assertThat(messages).containsExactly("Hello", "Hello");
        assertThat(times).containsExactly(1L, 2L);
        assertThat(anomalies.nonZero()).isEmpty();
    }

    @Test
    void joinsRfcFragmentedHelloAcrossInterleavedControlFrames() {
        feed(HEL, PING_HELLO, PONG_HELLO_MASKED, LO);

        assertThat(messages).containsExactly("Hello");
        assertThat(times).containsExactly(4L);
        assertThat(anomalies.nonZero()).isEmpty();
    }

    @Test
    void readsRfc16And64BitLengths() {
        byte[] p256 = pattern(256);
        byte[] p64k = pattern(65536);
        feed(concat(bytes(0x82, 0x7E, 0x01, 0x00), p256),
                concat(bytes(0x82, 0x7F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00), p64k));

        assertThat(rawMessages).hasSize(2);
        assertThat(rawMessages.get(0)).isEqualTo(p256);
        assertThat(rawMessages.get(1)).isEqualTo(p64k);
    }

    @Test
    void unmasksLongMaskedFrames() {
        byte[] key = bytes(0x37, 0xfa, 0x21, 0x3d);
        byte[] p = pattern(300);
        feed(concat(bytes(0x82, 0xFE, 0x01, 0x2C), key, mask(p, key)));

        assertThat(rawMessages).hasSize(1);
        assertThat(rawMessages.get(0)).isEqualTo(p);
    }

    @Test
    void skipsRequestHandshakeInSameSegmentAsFrames() {
        feed(concat(ascii(REQUEST), HELLO_MASKED, HEL, LO));

        assertThat(messages).containsExactly("Hello", "Hello");
        assertThat(deframer.stopped()).isFalse();
    }

    @Test
    void skipsResponseHandshake() {
        feed(ascii(RESPONSE), HELLO_UNMASKED);

        assertThat(messages).containsExactly("Hello");
    }

    @Test
    void stopsQuietlyWhenUpgradeIsRefused() {
        feed(ascii("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"), HELLO_UNMASKED);

        assertThat(messages).isEmpty();
        assertThat(deframer.stopped()).isTrue();
        assertThat(anomalies.nonZero()).isEmpty();
    }

    @Test
    void parsesFramesSplitAtEveryByteBoundary() {
        byte[] key = bytes(1, 2, 3, 4);
        byte[] p256 = pattern(256);
        byte[] stream = concat(ascii(REQUEST), HELLO_MASKED, HEL, PING_HELLO, LO, HELLO_UNMASKED,
                concat(bytes(0x81, 0xFE, 0x01, 0x00), key, mask(p256, key)));
        for (int split = 0; split <= stream.length; split++) {
            messages.clear();
            rawMessages.clear();
            deframer = new WebSocketDeframer(this::collect, anomalies);
            deframer.onData(stream, 0, split, 1);
            deframer.onData(stream, split, stream.length - split, 2);
            assertThat(messages).as("split at %d", split).hasSize(4).startsWith("Hello", "Hello", "Hello");
            assertThat(rawMessages.get(3)).as("split at %d", split).isEqualTo(p256);
        }
        messages.clear();
        deframer = new WebSocketDeframer(this::collect, anomalies);
        for (int i = 0; i < stream.length; i++) {
            deframer.onData(stream, i, 1, i);
        }
        assertThat(messages).hasSize(4);
        assertThat(anomalies.nonZero()).isEmpty();
    }

    @Test
    void startsWithFramesWhenPickedUpMidStream() {
        feed(HELLO_UNMASKED);

        assertThat(messages).containsExactly("Hello");
    }

    @Test
    void stopsOnReservedBits() {
        feed(bytes(0xC1, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f), HELLO_UNMASKED); // RSV1: compressed

        assertThat(messages).isEmpty();
        assertThat(anomalies.get(Anomaly.WEBSOCKET_BAD_FRAME)).isEqualTo(1);
        assertThat(deframer.stopped()).isTrue();
    }

    @Test
    void stopsOnReservedOpcode() {
        feed(bytes(0x83, 0x00));

        assertThat(anomalies.get(Anomaly.WEBSOCKET_BAD_FRAME)).isEqualTo(1);
    }

    @Test
    void stopsOnContinuationWithoutMessage() {
        feed(LO, HELLO_UNMASKED);

        assertThat(messages).isEmpty();
        assertThat(anomalies.get(Anomaly.WEBSOCKET_BAD_FRAME)).isEqualTo(1);
    }

    @Test
    void stopsOnNewMessageInsideFragmentedOne() {
        feed(HEL, HELLO_UNMASKED);

        assertThat(messages).isEmpty();
        assertThat(anomalies.get(Anomaly.WEBSOCKET_BAD_FRAME)).isEqualTo(1);
    }

    @Test
    void stopsOnFragmentedOrOversizedControlFrame() {
        feed(bytes(0x09, 0x00));
        assertThat(anomalies.get(Anomaly.WEBSOCKET_BAD_FRAME)).isEqualTo(1);

        deframer = new WebSocketDeframer(this::collect, anomalies);
        feed(concat(bytes(0x89, 0x7E, 0x00, 0x7E), pattern(126)));
        assertThat(anomalies.get(Anomaly.WEBSOCKET_BAD_FRAME)).isEqualTo(2);
    }

    @Test
    void stopsOn64BitLengthWithTopBitSet() {
        feed(bytes(0x82, 0x7F, 0x80, 0, 0, 0, 0, 0, 0, 1, 0x00));

        assertThat(anomalies.get(Anomaly.WEBSOCKET_BAD_FRAME)).isEqualTo(1);
    }

    @Test
    void skipsMessageOverLimitAndKeepsFraming() {
        deframer = new WebSocketDeframer(this::collect, anomalies, 6);
        feed(HEL, bytes(0x00, 0x03, 0x6c, 0x6f, 0x21), bytes(0x80, 0x01, 0x3f), // "Hel"+"lo!"+"?" = 7 > 6
                HELLO_UNMASKED,
                concat(bytes(0x82, 0x7E, 0x01, 0x00), pattern(256)));

        assertThat(messages).containsExactly("Hello");
        assertThat(anomalies.get(Anomaly.WEBSOCKET_FRAME_TOO_LARGE)).isEqualTo(2);
        assertThat(deframer.stopped()).isFalse();
    }

    @Test
    void stopsOnOverlongHandshake() {
        byte[] head = ascii("GET / HTTP/1.1\r\nX: " + "a".repeat(WebSocketDeframer.MAX_HANDSHAKE_BYTES) + "\r\n\r\n");
        feed(head, HELLO_UNMASKED);

        assertThat(messages).isEmpty();
        assertThat(anomalies.get(Anomaly.WEBSOCKET_BAD_FRAME)).isEqualTo(1);
    }

    @Test
    void ignoresEverythingAfterCloseFrame() {
        feed(HELLO_UNMASKED, bytes(0x88, 0x02, 0x03, 0xe8), HELLO_UNMASKED);

        assertThat(messages).containsExactly("Hello");
        assertThat(deframer.stopped()).isTrue();
        assertThat(anomalies.nonZero()).isEmpty();
    }

    @Test
    void dropsMessageWithGapInPayloadAndContinues() {
        deframer.onData(HELLO_UNMASKED, 0, 4, 1); // header + "He"
        deframer.onGap(2, 2); // "ll" lost
        deframer.onData(HELLO_UNMASKED, 6, 1, 3); // "o"
        feed(HELLO_MASKED);

        assertThat(messages).containsExactly("Hello");
        assertThat(deframer.stopped()).isFalse();
    }

    @Test
    void stopsOnGapOutsidePayload() {
        deframer.onData(HELLO_UNMASKED, 0, 1, 1);
        deframer.onGap(1, 2);
        feed(HELLO_UNMASKED);

        assertThat(messages).isEmpty();
        assertThat(deframer.stopped()).isTrue();
    }

    @Test
    void truncatedStreamDeliversNothingAndCloses() {
        deframer.onData(HELLO_MASKED, 0, HELLO_MASKED.length - 1, 1);
        deframer.onClose(2);

        assertThat(messages).isEmpty();
        assertThat(deframer.stopped()).isTrue();
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        return b;
    }

    static byte[] mask(byte[] payload, byte[] key) {
        byte[] out = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            out[i] = (byte) (payload[i] ^ key[i % 4]);
        }
        return out;
    }
}
