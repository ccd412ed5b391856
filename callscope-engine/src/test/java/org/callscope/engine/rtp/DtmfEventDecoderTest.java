package org.callscope.engine.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.callscope.engine.testsupport.SharedTestData;
import org.junit.jupiter.api.Test;

class DtmfEventDecoderTest {
    @Test
    void reportsEachEventOnceAtItsFirstPacket() {
        DtmfEventDecoder dtmf = new DtmfEventDecoder(101);
        // Event 5, volume 10, growing duration, then the end packet sent three times (RFC 4733 §2.5.1.4).
        assertThat(dtmf.onPayload(1000, Hex.bytes("050a00a0"), 0, 4)).isEqualTo('5');
        assertThat(dtmf.onPayload(1000, Hex.bytes("050a0140"), 0, 4)).isEqualTo(DtmfEventDecoder.NONE);
        for (int i = 0; i < 3; i++) {
            assertThat(dtmf.onPayload(1000, Hex.bytes("058a0320"), 0, 4)).isEqualTo(DtmfEventDecoder.NONE);
        }
        assertThat(dtmf.lastEnd()).isTrue();
        assertThat(dtmf.lastVolume()).isEqualTo(10);
        assertThat(dtmf.lastDuration()).isEqualTo(800);
        // Same digit again is a new event because the timestamp is new.
        assertThat(dtmf.onPayload(3000, Hex.bytes("050a00a0"), 0, 4)).isEqualTo('5');
        assertThat(dtmf.events()).isEqualTo(2);
    }

    @Test
    void mapsEventCodes() {
        assertThat(DtmfEventDecoder.digit(0)).isEqualTo('0');
        assertThat(DtmfEventDecoder.digit(9)).isEqualTo('9');
        assertThat(DtmfEventDecoder.digit(10)).isEqualTo('*');
        assertThat(DtmfEventDecoder.digit(11)).isEqualTo('#');
        assertThat(DtmfEventDecoder.digit(12)).isEqualTo('A');
        assertThat(DtmfEventDecoder.digit(15)).isEqualTo('D');
        assertThat(DtmfEventDecoder.digit(16)).isEqualTo(DtmfEventDecoder.NONE);
        assertThat(DtmfEventDecoder.digit(255)).isEqualTo(DtmfEventDecoder.NONE);
    }

    @Test
    void countsShortPayloadsAndIgnoresOtherPayloadTypes() {
        DtmfEventDecoder dtmf = new DtmfEventDecoder(101);
        assertThat(dtmf.onPayload(1, Hex.bytes("0500a0"), 0, 3)).isEqualTo(DtmfEventDecoder.NONE);
        assertThat(dtmf.onPayload(1, null, 0, 4)).isEqualTo(DtmfEventDecoder.NONE);
        assertThat(dtmf.malformed()).isEqualTo(2);
        RtpView rtp = new RtpView();
        byte[] audio = Hex.bytes("80 08 0001 000000a0 deadbeef 050a00a0");
        assertThat(rtp.wrap(audio, 0, audio.length)).isTrue();
        StringBuilder digits = new StringBuilder();
        assertThat(dtmf.onPacket(rtp, digits)).isFalse();
        byte[] event = Hex.bytes("80 e5 0002 000000a0 deadbeef 0b0a00a0");
        assertThat(rtp.wrap(event, 0, event.length)).isTrue();
        assertThat(dtmf.onPacket(rtp, digits)).isTrue();
        assertThat(digits).hasToString("#");
    }

    @Test
    void decodesDigitsOfSipDtmf2() throws IOException {
        List<PcapUdpReader.Datagram> all = PcapUdpReader.read(
                SharedTestData.file("wireshark-wiki-samples/SIP_DTMF2.pcap"));
        int pt = RtpStreamStatsCaptureTest.telephoneEventPayloadType(all);
        assertThat(pt).isBetween(96, 127);
        DtmfEventDecoder dtmf = new DtmfEventDecoder(pt);
        RtpView rtp = new RtpView();
        StringBuilder digits = new StringBuilder();
        int eventPackets = 0;
        for (PcapUdpReader.Datagram d : all) {
            if (d.is("192.168.105.172", 4376, "192.168.105.110", 4376) && rtp.wrap(d.payload(), 0, d.payload().length)
                    && rtp.ssrc() == 0x5711BF84L) {
                if (rtp.payloadType() == pt) {
                    eventPackets++;
                }
                dtmf.onPacket(rtp, digits);
            }
        }
        assertThat(eventPackets).isEqualTo(35);
        assertThat(digits).hasToString("6789123");
    }
}
