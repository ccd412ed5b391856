package org.callscope.engine.bytes;

/**
 * Packs an IP address and port into one {@code long} for allocation-free flow keys.
 *
 * <p>IPv4: {@code address << 16 | port}, exact. IPv6: a 47-bit hash of the address with the top
 * bit set, so it never equals an IPv4 key; tables keyed this way must confirm IPv6 matches against
 * the full address they stored.
 */
public final class PackedEndpoint {
    private static final long IPV6_FLAG = 1L << 63;

    private PackedEndpoint() {
    }

    public static long pack(byte[] addr, int addrLength, int port) {
        if (addrLength == 4) {
            long ip = ((long) (addr[0] & 0xff) << 24) | ((addr[1] & 0xff) << 16) | ((addr[2] & 0xff) << 8) | (addr[3] & 0xff);
            return (ip << 16) | port;
        }
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < addrLength; i++) {
            h = (h ^ (addr[i] & 0xff)) * 0x100000001b3L;
        }
        return IPV6_FLAG | ((h & 0x7FFF_FFFF_FFFFL) << 16) | port;
    }

    public static boolean isIpv6(long packed) {
        return (packed & IPV6_FLAG) != 0;
    }

    public static int port(long packed) {
        return (int) (packed & 0xffff);
    }
}
