package org.callscope.engine.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RtpViewTest {
    private final RtpView rtp = new RtpView();

    @Test
    void readsFixedHeader() {
        byte[] p = Hex.bytes("80 00 0001 000000a0 deadbeef 01020304");
        assertThat(rtp.wrap(p, 0, p.length)).isTrue();
        assertThat(rtp.version()).isEqualTo(2);
        assertThat(rtp.padding()).isFalse();
        assertThat(rtp.extension()).isFalse();
        assertThat(rtp.csrcCount()).isZero();
        assertThat(rtp.marker()).isFalse();
        assertThat(rtp.payloadType()).isZero();
        assertThat(rtp.sequence()).isEqualTo(1);
        assertThat(rtp.timestamp()).isEqualTo(160);
        assertThat(rtp.ssrc()).isEqualTo(0xdeadbeefL);
        assertThat(rtp.payloadOffset()).isEqualTo(12);
        assertThat(rtp.payloadLength()).isEqualTo(4);
        assertThat(rtp.extensionProfile()).isEqualTo(-1);
    }

    @Test
    void readsUnsignedHighValues() {
        byte[] p = Hex.bytes("80 ff ffff ffffffff ffffffff");
        assertThat(rtp.wrap(p, 0, p.length)).isTrue();
        assertThat(rtp.marker()).isTrue();
        assertThat(rtp.payloadType()).isEqualTo(127);
        assertThat(rtp.sequence()).isEqualTo(65535);
        assertThat(rtp.timestamp()).isEqualTo(0xffffffffL);
        assertThat(rtp.ssrc()).isEqualTo(0xffffffffL);
        assertThat(rtp.payloadLength()).isZero();
    }

    @Test
    void skipsCsrcs() {
        byte[] p = Hex.bytes("82 88 1234 00000001 00000002 0000000a 0000000b d5d5");
        assertThat(rtp.wrap(p, 0, p.length)).isTrue();
        assertThat(rtp.csrcCount()).isEqualTo(2);
        assertThat(rtp.csrc(0)).isEqualTo(10);
        assertThat(rtp.csrc(1)).isEqualTo(11);
        assertThat(rtp.marker()).isTrue();
        assertThat(rtp.payloadType()).isEqualTo(8);
        assertThat(rtp.payloadOffset()).isEqualTo(20);
        assertThat(rtp.payloadLength()).isEqualTo(2);
    }

    @Test
    void skipsHeaderExtension() {
        // RFC 8285 one-byte header extension: profile 0xBEDE, one word.
        byte[] p = Hex.bytes("90 60 0001 00000000 00000001 bede0001 10ff0000 aabbcc");
        assertThat(rtp.wrap(p, 0, p.length)).isTrue();
        assertThat(rtp.extension()).isTrue();
        assertThat(rtp.extensionProfile()).isEqualTo(0xbede);
        assertThat(rtp.payloadType()).isEqualTo(96);
        assertThat(rtp.payloadOffset()).isEqualTo(20);
        assertThat(rtp.payloadLength()).isEqualTo(3);
    }

    @Test
    void removesPadding() {
        byte[] p = Hex.bytes("a0 00 0001 00000000 00000001 111111 000003");
        assertThat(rtp.wrap(p, 0, p.length)).isTrue();
        assertThat(rtp.padding()).isTrue();
        assertThat(rtp.paddingLength()).isEqualTo(3);
        assertThat(rtp.payloadLength()).isEqualTo(3);
    }

    @Test
    void combinesCsrcExtensionAndPaddingAtAnOffset() {
        byte[] packet = Hex.bytes("b1 00 0001 00000000 00000001 00000009 abcd0000 0102 0002");
        byte[] buf = new byte[packet.length + 7];
        System.arraycopy(packet, 0, buf, 5, packet.length);
        assertThat(rtp.wrap(buf, 5, packet.length)).isTrue();
        assertThat(rtp.csrc(0)).isEqualTo(9);
        assertThat(rtp.extensionProfile()).isEqualTo(0xabcd);
        assertThat(rtp.payloadOffset()).isEqualTo(5 + 20);
        assertThat(rtp.payloadLength()).isEqualTo(2);
    }

    @Test
    void paddingMayConsumeWholePayload() {
        byte[] p = Hex.bytes("a0 00 0001 00000000 00000001 00000004");
        assertThat(rtp.wrap(p, 0, p.length)).isTrue();
        assertThat(rtp.payloadLength()).isZero();
    }

    @Test
    void rejectsEveryTruncationBeforeThePayload() {
        byte[] p = Hex.bytes("92 00 0001 00000000 00000001 00000009 0000000a abcd0002 00000000 00000000 ff");
        int headerEnd = 12 + 8 + 4 + 8;
        for (int n = 0; n < headerEnd; n++) {
            assertThat(rtp.wrap(p, 0, n)).as("length %d", n).isFalse();
        }
        assertThat(rtp.wrap(p, 0, headerEnd)).isTrue();
        assertThat(rtp.payloadLength()).isZero();
    }

    @Test
    void rejectsOtherVersions() {
        for (String first : new String[] {"00", "40", "c0"}) {
            byte[] p = Hex.bytes(first + " 00 0001 00000000 00000001 00");
            assertThat(rtp.wrap(p, 0, p.length)).as(first).isFalse();
        }
    }

    @Test
    void rejectsZeroOrOversizedPadding() {
        byte[] zero = Hex.bytes("a0 00 0001 00000000 00000001 1100");
        assertThat(rtp.wrap(zero, 0, zero.length)).isFalse();
        byte[] tooMuch = Hex.bytes("a0 00 0001 00000000 00000001 1105");
        assertThat(rtp.wrap(tooMuch, 0, tooMuch.length)).isFalse();
        // Padding that would reach into the header extension.
        byte[] intoHeader = Hex.bytes("b0 00 0001 00000000 00000001 00000000 05");
        assertThat(rtp.wrap(intoHeader, 0, intoHeader.length)).isFalse();
    }

    @Test
    void rejectsExtensionLongerThanPacket() {
        byte[] p = Hex.bytes("90 00 0001 00000000 00000001 0000ffff 00000000");
        assertThat(rtp.wrap(p, 0, p.length)).isFalse();
    }

    @Test
    void rejectsBadBounds() {
        byte[] p = Hex.bytes("80 00 0001 000000a0 deadbeef 01020304");
        assertThat(rtp.wrap(null, 0, 16)).isFalse();
        assertThat(rtp.wrap(p, -1, 12)).isFalse();
        assertThat(rtp.wrap(p, 8, 12)).isFalse();
        assertThat(rtp.wrap(p, 0, p.length + 1)).isFalse();
        assertThat(rtp.wrap(Arrays.copyOf(p, 11), 0, 11)).isFalse();
    }
}
