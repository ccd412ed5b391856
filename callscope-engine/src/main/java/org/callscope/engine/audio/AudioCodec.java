package org.callscope.engine.audio;

import org.callscope.engine.rtp.RtpCodecs;

/** What an RTP payload is for audio export: a codec this package decodes, or what it skips. */
enum AudioCodec {
    PCMU,
    PCMA,
    G722,
    OPUS,
    L16,
    /** RFC 3389 comfort noise: a level, turned into noise until the stream's next packet. */
    COMFORT_NOISE,
    /** RFC 4733 events: not audio, left out of the timeline. */
    TELEPHONE_EVENT,
    /** Audio this package cannot decode (G.729, GSM, iLBC, AMR, ...): silence, and reported. */
    UNSUPPORTED;

    /** Encoding name from SDP, or else the RFC 3551 static name of the payload type (may be null). */
    static String encodingName(int payloadType, String encoding) {
        if (encoding != null && !encoding.isBlank()) {
            return encoding.trim();
        }
        if (RtpCodecs.isComfortNoise(payloadType)) {
            return "CN";
        }
        return RtpCodecs.encodingName(payloadType);
    }

    static AudioCodec of(String encodingName) {
        if (encodingName == null) {
            return UNSUPPORTED;
        }
        return switch (encodingName.toUpperCase(java.util.Locale.ROOT)) {
            case "PCMU" -> PCMU;
            case "PCMA" -> PCMA;
            case "G722" -> G722;
            case "OPUS" -> OPUS;
            case "L16" -> L16;
            case "CN" -> COMFORT_NOISE;
            case "TELEPHONE-EVENT" -> TELEPHONE_EVENT;
            default -> UNSUPPORTED;
        };
    }

    /** RTP clock: SDP's when given, else the static table's, else the name's usual one; 0 if unknown. */
    static int clockRate(int payloadType, String encodingName, int sdpClockRate) {
        if (sdpClockRate > 0) {
            return sdpClockRate;
        }
        int rate = RtpCodecs.staticClockRate(payloadType);
        return rate > 0 ? rate : RtpCodecs.clockRate(encodingName);
    }

    /**
     * Audio channels: SDP's when given (0 and 1 mean mono), else 2 for the static L16 stereo type
     * 10 (RFC 3551 table 4).
     */
    static int channels(int payloadType, String encoding, int sdpChannels) {
        if (sdpChannels > 0) {
            return sdpChannels;
        }
        return encoding == null && payloadType == 10 ? 2 : 1;
    }

    /** Output rate this codec needs to keep its bandwidth (0: no need of its own). */
    int neededOutputRate(int clockRate) {
        return switch (this) {
            case PCMU, PCMA -> 8000;
            case G722 -> 16000;
            case OPUS -> 48000;
            case L16 -> clockRate <= 8000 ? 8000 : clockRate <= 16000 ? 16000 : 48000;
            default -> 0;
        };
    }

    boolean decodable() {
        return this == PCMU || this == PCMA || this == G722 || this == OPUS || this == L16;
    }
}
