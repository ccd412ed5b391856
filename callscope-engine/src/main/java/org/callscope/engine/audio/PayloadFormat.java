package org.callscope.engine.audio;

/**
 * One payload type of a stream as audio export sees it.
 *
 * @param payloadType RTP payload type
 * @param name        encoding name (SDP rtpmap or RFC 3551 static table), null when unknown
 * @param codec       what this package does with it
 * @param clockRate   RTP timestamp clock, Hz; 0 when unknown
 * @param channels    audio channels, at least 1
 */
record PayloadFormat(int payloadType, String name, AudioCodec codec, int clockRate, int channels) {
    /** L16 rates taken as audio; others (an SDP's "L16/1") are reported rather than resampled. */
    static final int MIN_L16_RATE = 8000;
    static final int MAX_L16_RATE = 192000;
    /** More interleaved L16 channels than any audio device uses are not taken as audio either. */
    static final int MAX_L16_CHANNELS = 8;

    static PayloadFormat of(int payloadType, String encoding, int clockRate, int channels) {
        String name = AudioCodec.encodingName(payloadType, encoding);
        AudioCodec codec = AudioCodec.of(name);
        int clock = AudioCodec.clockRate(payloadType, name, clockRate);
        int ch = AudioCodec.channels(payloadType, encoding, channels);
        if (codec == AudioCodec.L16 && (clock < MIN_L16_RATE || clock > MAX_L16_RATE || ch > MAX_L16_CHANNELS)) {
            codec = AudioCodec.UNSUPPORTED;
        }
        return new PayloadFormat(payloadType, name, codec, clock, ch);
    }

    boolean matches(int payloadType, String encoding, int clockRate, int channels) {
        return this.payloadType == payloadType
                && java.util.Objects.equals(name, AudioCodec.encodingName(payloadType, encoding))
                && this.clockRate == AudioCodec.clockRate(payloadType, this.name, clockRate)
                && this.channels == AudioCodec.channels(payloadType, encoding, channels);
    }

    /** How the unsupported-codec list names it: {@code G729 (pt 18)}. */
    String label() {
        return (name == null ? "unknown" : name) + " (pt " + payloadType + ")";
    }
}
