package org.callscope.engine.rtp;

/**
 * Payload type facts: the static assignments of RFC 3551 §6 table 4 and clock rates of common
 * dynamic encodings (IANA "RTP Payload Format media types"). Stateless; lookups by payload type
 * allocate nothing and are safe on the hot path; lookups by name are for SDP time.
 *
 * <p>Clock rates follow the RFCs, not the sampling rate: G722 is 8000 although it samples at
 * 16 kHz (RFC 3551 §4.5.2 keeps the historical value). Payload types 1, 2 and 19, which RFC 3551
 * marks reserved, keep the clock rate Wireshark gives them (former 1016, G721 and comfort noise)
 * so that jitter agrees with {@code tshark} on old captures.
 */
public final class RtpCodecs {
    /** RFC 3551 §3: 96-127 are dynamic; anything below is statically assigned or reserved. */
    public static final int FIRST_DYNAMIC = 96;
    public static final int MAX_PAYLOAD_TYPE = 127;
    /** RFC 3389 comfort noise, and the pre-RFC 3551 value Wireshark still treats as such. */
    public static final int PT_CN = 13;
    public static final int PT_CN_OLD = 19;

    private static final String[] NAMES = new String[FIRST_DYNAMIC];
    private static final int[] CLOCK_RATES = new int[FIRST_DYNAMIC];
    private static final String[] WIRESHARK_NAMES = new String[FIRST_DYNAMIC];

    static {
        assign(0, "PCMU", 8000, "g711U");
        assign(1, null, 8000, "fs-1016");
        assign(2, null, 8000, "g721");
        assign(3, "GSM", 8000, "GSM");
        assign(4, "G723", 8000, "g723");
        assign(5, "DVI4", 8000, "DVI4 8k");
        assign(6, "DVI4", 16000, "DVI4 16k");
        assign(7, "LPC", 8000, "Exp. from Xerox PARC");
        assign(8, "PCMA", 8000, "g711A");
        assign(9, "G722", 8000, "g722");
        assign(10, "L16", 44100, "16-bit audio, stereo");
        assign(11, "L16", 44100, "16-bit audio, monaural");
        assign(12, "QCELP", 8000, "Qualcomm Code Excited Linear Predictive coding");
        assign(PT_CN, "CN", 8000, "Comfort noise");
        assign(14, "MPA", 90000, "MPEG-I/II Audio");
        assign(15, "G728", 8000, "g728");
        assign(16, "DVI4", 11025, "DVI4 11k");
        assign(17, "DVI4", 22050, "DVI4 22k");
        assign(18, "G729", 8000, "g729");
        assign(PT_CN_OLD, null, 8000, "Comfort noise (old)");
        assign(25, "CelB", 90000, "Sun CellB video encoding");
        assign(26, "JPEG", 90000, "JPEG-compressed video");
        assign(28, "nv", 90000, "'nv' program");
        assign(31, "H261", 90000, "ITU-T H.261");
        assign(32, "MPV", 90000, "MPEG-I/II Video");
        assign(33, "MP2T", 90000, "MPEG-II transport streams");
        assign(34, "H263", 90000, "ITU-T H.263");
    }

    /** Dynamic encodings and their RTP clock rates, by their registered names (case-insensitive). */
    private static final String[] DYNAMIC_NAMES = {
        "opus", "telephone-event", "AMR", "AMR-WB", "EVS", "G7221", "G726-16", "G726-24", "G726-32",
        "G726-40", "G729D", "G729E", "GSM-EFR", "iLBC", "speex", "SILK", "L16", "red", "t140",
        "H264", "H265", "VP8", "VP9", "AV1", "H263-1998", "H263-2000", "MP4V-ES"
    };
    private static final int[] DYNAMIC_RATES = {
        48000, 8000, 8000, 16000, 16000, 16000, 8000, 8000, 8000,
        8000, 8000, 8000, 8000, 8000, 8000, 16000, 44100, 1000, 1000,
        90000, 90000, 90000, 90000, 90000, 90000, 90000, 90000
    };

    private RtpCodecs() {
    }

    private static void assign(int pt, String name, int clockRate, String wiresharkName) {
        NAMES[pt] = name;
        CLOCK_RATES[pt] = clockRate;
        WIRESHARK_NAMES[pt] = wiresharkName;
    }

    /** Canonical encoding name of a static payload type (RFC 3551 table 4), or null. */
    public static String encodingName(int payloadType) {
        return payloadType >= 0 && payloadType < FIRST_DYNAMIC ? NAMES[payloadType] : null;
    }

    /** The name Wireshark prints in its RTP stream tables, or null for unknown types. */
    public static String wiresharkName(int payloadType) {
        return payloadType >= 0 && payloadType < FIRST_DYNAMIC ? WIRESHARK_NAMES[payloadType] : null;
    }

    /** Clock rate of a static payload type in Hz, 0 when unassigned or dynamic. */
    public static int staticClockRate(int payloadType) {
        return payloadType >= 0 && payloadType < FIRST_DYNAMIC ? CLOCK_RATES[payloadType] : 0;
    }

    /** Default clock rate of an encoding name as used in SDP {@code a=rtpmap}, 0 when unknown. */
    public static int clockRate(String encodingName) {
        if (encodingName == null) {
            return 0;
        }
        for (int i = 0; i < DYNAMIC_NAMES.length; i++) {
            if (DYNAMIC_NAMES[i].equalsIgnoreCase(encodingName)) {
                return DYNAMIC_RATES[i];
            }
        }
        for (int pt = 0; pt < FIRST_DYNAMIC; pt++) {
            if (NAMES[pt] != null && NAMES[pt].equalsIgnoreCase(encodingName)) {
                return CLOCK_RATES[pt];
            }
        }
        return 0;
    }

    public static boolean isDynamic(int payloadType) {
        return payloadType >= FIRST_DYNAMIC && payloadType <= MAX_PAYLOAD_TYPE;
    }

    /** Comfort noise, RFC 3389 (13), or the older 19 that Wireshark also treats as such. */
    public static boolean isComfortNoise(int payloadType) {
        return payloadType == PT_CN || payloadType == PT_CN_OLD;
    }

    /** RFC 4733 §7.1.1 media type name. */
    public static boolean isTelephoneEvent(String encodingName) {
        return "telephone-event".equalsIgnoreCase(encodingName);
    }
}
