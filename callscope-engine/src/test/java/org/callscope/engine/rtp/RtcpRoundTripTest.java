package org.callscope.engine.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RtcpRoundTripTest {
    /** The worked example of RFC 3550 §6.4.1 (figure 2): A=0xb7108000, LSR=0xb7052000, DLSR=0x00054000. */
    @Test
    void reproducesRfc3550Example() {
        assertThat(RtcpRoundTrip.roundTripMillis(0xb7108000L, 0xb7052000L, 0x00054000L)).isCloseTo(6125, within(1e-9));
    }

    @Test
    void survivesWrapOfMiddle32() {
        assertThat(RtcpRoundTrip.roundTripMillis(0x00004000L, 0xffff8000L, 0x00004000L)).isCloseTo(500, within(1e-9));
    }

    @Test
    void refusesWithoutSenderReportOrWithNegativeResult() {
        assertThat(RtcpRoundTrip.roundTripMillis(0xb7108000L, 0, 0)).isEqualTo(-1);
        assertThat(RtcpRoundTrip.roundTripMillis(0xb7000000L, 0xb7052000L, 0)).isEqualTo(-1);
    }

    @Test
    void convertsUnixTimeToNtpMiddle32() {
        // 1970-01-01 is NTP second 2208988800 = 0x83AA7E80 (RFC 5905 §6).
        assertThat(RtcpRoundTrip.ntpMiddle32(0)).isEqualTo(0x7e800000L);
        assertThat(RtcpRoundTrip.ntpMiddle32(1_500_000_000L)).isEqualTo(0x7e818000L);
        assertThat(RtcpRoundTrip.ntpMiddle32(0x83aa7e81L, 0x80000000L)).isEqualTo(0x7e818000L);
    }

    @Test
    void roundTripFromParsedReceiverReport() {
        RtcpReport report = new RtcpReport();
        byte[] rr = Hex.bytes("81c90007 33333333 44444444 00000000 00000000 00000000 b7052000 00054000");
        assertThat(new RtcpParser().parse(rr, 0, rr.length, report)).isTrue();
        assertThat(RtcpRoundTrip.roundTripMillis(0xb7108000L, report.blockLastSr[0], report.blockDelaySinceLastSr[0]))
                .isCloseTo(6125, within(1e-9));
    }
}
