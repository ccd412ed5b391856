package org.callscope.engine.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RtpCodecsTest {
    @Test
    void knowsRfc3551StaticTypes() {
        assertThat(RtpCodecs.encodingName(0)).isEqualTo("PCMU");
        assertThat(RtpCodecs.encodingName(3)).isEqualTo("GSM");
        assertThat(RtpCodecs.encodingName(4)).isEqualTo("G723");
        assertThat(RtpCodecs.encodingName(8)).isEqualTo("PCMA");
        assertThat(RtpCodecs.encodingName(9)).isEqualTo("G722");
        assertThat(RtpCodecs.encodingName(18)).isEqualTo("G729");
        assertThat(RtpCodecs.encodingName(96)).isNull();
        assertThat(RtpCodecs.encodingName(-1)).isNull();
        assertThat(RtpCodecs.staticClockRate(0)).isEqualTo(8000);
        assertThat(RtpCodecs.staticClockRate(9)).as("RFC 3551 §4.5.2").isEqualTo(8000);
        assertThat(RtpCodecs.staticClockRate(6)).isEqualTo(16000);
        assertThat(RtpCodecs.staticClockRate(10)).isEqualTo(44100);
        assertThat(RtpCodecs.staticClockRate(34)).isEqualTo(90000);
        assertThat(RtpCodecs.staticClockRate(20)).isZero();
        assertThat(RtpCodecs.staticClockRate(100)).isZero();
    }

    @Test
    void printsWiresharkNames() {
        assertThat(RtpCodecs.wiresharkName(8)).isEqualTo("g711A");
        assertThat(RtpCodecs.wiresharkName(0)).isEqualTo("g711U");
    }

    @Test
    void knowsDynamicClockRatesByName() {
        assertThat(RtpCodecs.clockRate("opus")).isEqualTo(48000);
        assertThat(RtpCodecs.clockRate("OPUS")).isEqualTo(48000);
        assertThat(RtpCodecs.clockRate("telephone-event")).isEqualTo(8000);
        assertThat(RtpCodecs.clockRate("AMR-WB")).isEqualTo(16000);
        assertThat(RtpCodecs.clockRate("PCMA")).isEqualTo(8000);
        assertThat(RtpCodecs.clockRate("no-such-codec")).isZero();
        assertThat(RtpCodecs.clockRate(null)).isZero();
        assertThat(RtpCodecs.isTelephoneEvent("Telephone-Event")).isTrue();
        assertThat(RtpCodecs.isComfortNoise(13)).isTrue();
        assertThat(RtpCodecs.isDynamic(101)).isTrue();
        assertThat(RtpCodecs.isDynamic(95)).isFalse();
    }
}
