package org.callscope.engine.capture;

/**
 * The interfaces declared by Interface Description Blocks in the current pcapng section
 * (draft-ietf-opsawg-pcapng §4.2): link type, snaplen and how to turn timestamp units into
 * nanoseconds. Cleared by each new Section Header Block, since interface ids are per section.
 *
 * <p>Owned by the reader of one file. Grows by doubling up to {@link #MAX_INTERFACES}, so a
 * hostile file cannot make it grow without bound; conversion allocates nothing.
 */
final class PcapngInterfaces {
    /**
     * Interfaces per section we keep. No real capture comes near it; it only bounds memory when
     * a corrupt file is a long run of interface blocks.
     */
    static final int MAX_INTERFACES = 65_536;
    /** if_tsresol default: 10^-6 s (draft-ietf-opsawg-pcapng §4.2, if_tsresol). */
    static final int DEFAULT_TSRESOL = 6;
    /** 10^19 is the largest power of ten that fits an unsigned 64-bit unit count. */
    private static final int MAX_DECIMAL_EXPONENT = 19;
    private static final int MAX_BINARY_EXPONENT = 63;
    /** Powers of ten; 10^19 is kept as its unsigned 64-bit bit pattern. */
    private static final long[] POW10 = new long[MAX_DECIMAL_EXPONENT + 1];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private int count;
    private int[] linkTypes = new int[4];
    private int[] snaplens = new int[4];
    private int[] tsresols = new int[4];
    private long[] offsetNanos = new long[4];

    void clear() {
        count = 0;
    }

    int count() {
        return count;
    }

    /** Whether an if_tsresol value can be converted (exponent within a 64-bit unit count). */
    static boolean isValidTsresol(int tsresol) {
        int exponent = tsresol & 0x7f;
        return (tsresol & 0x80) == 0 ? exponent <= MAX_DECIMAL_EXPONENT : exponent <= MAX_BINARY_EXPONENT;
    }

    /** Adds an interface; false when the section already holds {@link #MAX_INTERFACES}. */
    boolean add(int linkType, int snaplen, int tsresol, long offsetSeconds) {
        if (count == MAX_INTERFACES) {
            return false;
        }
        if (count == linkTypes.length) {
            int grown = count * 2;
            linkTypes = java.util.Arrays.copyOf(linkTypes, grown);
            snaplens = java.util.Arrays.copyOf(snaplens, grown);
            tsresols = java.util.Arrays.copyOf(tsresols, grown);
            offsetNanos = java.util.Arrays.copyOf(offsetNanos, grown);
        }
        linkTypes[count] = linkType;
        snaplens[count] = snaplen;
        tsresols[count] = tsresol;
        offsetNanos[count] = offsetSeconds * 1_000_000_000L;
        count++;
        return true;
    }

    int linkType(int id) {
        return linkTypes[id];
    }

    int snaplen(int id) {
        return snaplens[id];
    }

    /** Nanoseconds since the epoch for a packet's 64-bit timestamp on interface {@code id}. */
    long toNanos(int id, long units) {
        return offsetNanos[id] + unitsToNanos(units, tsresols[id]);
    }

    /**
     * Converts an unsigned count of 10^-n or 2^-n second units (if_tsresol, high bit selects
     * base 2) to nanoseconds, truncating finer resolutions as Wireshark does.
     */
    static long unitsToNanos(long units, int tsresol) {
        int exponent = tsresol & 0x7f;
        if ((tsresol & 0x80) == 0) {
            if (exponent <= 9) {
                return units * POW10[9 - exponent];
            }
            long perSecond = POW10[exponent];
            long seconds = Long.divideUnsigned(units, perSecond);
            long fraction = Long.remainderUnsigned(units, perSecond);
            return seconds * 1_000_000_000L + Long.divideUnsigned(fraction, POW10[exponent - 9]);
        }
        if (exponent == 0) {
            return units * 1_000_000_000L;
        }
        long seconds = units >>> exponent;
        long fraction = units & ((1L << exponent) - 1);
        // fraction * 1e9 / 2^exponent in 128 bits, since fraction may use all 63 bits.
        long low = fraction * 1_000_000_000L;
        long high = Math.unsignedMultiplyHigh(fraction, 1_000_000_000L);
        long fractionNanos = (high << (64 - exponent)) | (low >>> exponent);
        return seconds * 1_000_000_000L + fractionNanos;
    }
}
