package org.callscope.engine.defrag;

import org.callscope.engine.bytes.Bytes;

/**
 * Identifies one datagram being reassembled. IPv4 (RFC 791 §3.2): source, destination, protocol,
 * identification. IPv6 (RFC 8200 §4.5): source, destination, identification. Addresses are packed
 * into longs (IPv4 in the low words); {@code tag} holds version, protocol and identification.
 */
record FragmentKey(long srcHigh, long srcLow, long dstHigh, long dstLow, long tag) {

    static FragmentKey ipv4(byte[] src, byte[] dst, int identification, int protocol) {
        long tag = (4L << 56) | ((long) (protocol & 0xff) << 32) | (identification & 0xffffL);
        return new FragmentKey(0, Bytes.u32(src, 0), 0, Bytes.u32(dst, 0), tag);
    }

    static FragmentKey ipv6(byte[] src, byte[] dst, long identification) {
        long tag = (6L << 56) | (identification & 0xffff_ffffL);
        return new FragmentKey(word(src, 0), word(src, 8), word(dst, 0), word(dst, 8), tag);
    }

    /** Eight bytes from {@code off}, big-endian. */
    private static long word(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }
}
