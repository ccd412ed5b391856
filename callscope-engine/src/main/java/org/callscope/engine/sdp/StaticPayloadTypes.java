package org.callscope.engine.sdp;

/** The static RTP payload types of RFC 3551 §6 (Tables 4 and 5), 0 to 34. */
final class StaticPayloadTypes {
    private static final String[] NAMES = new String[35];
    private static final int[] CLOCK_RATES = new int[35];

    static {
        put(0, "PCMU", 8000);
        put(3, "GSM", 8000);
        put(4, "G723", 8000);
        put(5, "DVI4", 8000);
        put(6, "DVI4", 16000);
        put(7, "LPC", 8000);
        put(8, "PCMA", 8000);
        put(9, "G722", 8000);
        put(10, "L16", 44100);
        put(11, "L16", 44100);
        put(12, "QCELP", 8000);
        put(13, "CN", 8000);
        put(14, "MPA", 90000);
        put(15, "G728", 8000);
        put(16, "DVI4", 11025);
        put(17, "DVI4", 22050);
        put(18, "G729", 8000);
        put(25, "CelB", 90000);
        put(26, "JPEG", 90000);
        put(28, "nv", 90000);
        put(31, "H261", 90000);
        put(32, "MPV", 90000);
        put(33, "MP2T", 90000);
        put(34, "H263", 90000);
    }

    private StaticPayloadTypes() {
    }

    private static void put(int pt, String name, int clock) {
        NAMES[pt] = name;
        CLOCK_RATES[pt] = clock;
    }

    /** Encoding name, or null for reserved, unassigned and dynamic types. */
    static String name(int pt) {
        return pt >= 0 && pt < NAMES.length ? NAMES[pt] : null;
    }

    /** Clock rate in Hz, or -1 when not static. */
    static int clockRate(int pt) {
        return name(pt) == null ? -1 : CLOCK_RATES[pt];
    }
}
