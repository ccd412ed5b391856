package org.callscope.engine.dtlssrtp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Rewrites DTLS datagrams for tests. */
final class DtlsWire {
    private DtlsWire() {
    }

    /**
     * Cuts the first handshake message of a datagram's first record into {@code n} fragments
     * (RFC 6347 §4.2.3), each a record of its own in a datagram of its own; the rest of the datagram
     * is dropped.
     */
    static List<byte[]> fragmentFirstMessage(byte[] datagram, int n) {
        int recordHeader = 13;
        int hs = recordHeader;
        int length = u24(datagram, hs + 1);
        byte[] body = Arrays.copyOfRange(datagram, hs + 12, hs + 12 + length);
        List<byte[]> out = new ArrayList<>();
        int step = (length + n - 1) / n;
        for (int from = 0; from < length; from += step) {
            int len = Math.min(step, length - from);
            byte[] d = new byte[recordHeader + 12 + len];
            System.arraycopy(datagram, 0, d, 0, 11); // type, version, epoch, sequence number
            put16(d, 11, 12 + len);
            System.arraycopy(datagram, hs, d, recordHeader, 6); // msg_type, length, message_seq
            put24(d, recordHeader + 6, from);
            put24(d, recordHeader + 9, len);
            System.arraycopy(body, from, d, recordHeader + 12, len);
            out.add(d);
        }
        return out;
    }

    /** A copy with the first occurrence of {@code what} replaced by {@code with} (same length). */
    static byte[] replace(byte[] data, byte[] what, byte[] with) {
        for (int i = 0; i + what.length <= data.length; i++) {
            if (Arrays.equals(data, i, i + what.length, what, 0, what.length)) {
                byte[] copy = data.clone();
                System.arraycopy(with, 0, copy, i, with.length);
                return copy;
            }
        }
        throw new AssertionError("pattern not found");
    }

    private static int u24(byte[] b, int p) {
        return ((b[p] & 0xff) << 16) | ((b[p + 1] & 0xff) << 8) | (b[p + 2] & 0xff);
    }

    private static void put16(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 8);
        b[p + 1] = (byte) v;
    }

    private static void put24(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 16);
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) v;
    }
}
