package org.callscope.engine.srtp;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** Test helper: plain RTP and RTCP packets built field by field. */
final class RtpPackets {
    static final int PAYLOAD_TYPE_PCMA = 8;

    private RtpPackets() {
    }

    /** A version 2 RTP packet with a payload of {@code payloadLength} bytes derived from {@code seq}. */
    static byte[] rtp(int seq, long ssrc, int payloadLength) {
        return rtp(seq, ssrc, new long[0], null, payload(seq, payloadLength), 0);
    }

    /**
     * @param extension the header extension (profile word included) or null
     * @param padding   padding bytes to append (P bit set), 0 for none
     */
    static byte[] rtp(int seq, long ssrc, long[] csrcs, byte[] extension, byte[] payload, int padding) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x80 | (padding > 0 ? 0x20 : 0) | (extension != null ? 0x10 : 0) | csrcs.length);
        b.write(PAYLOAD_TYPE_PCMA);
        b.write(seq >>> 8);
        b.write(seq);
        writeInt(b, seq * 160L);
        writeInt(b, ssrc);
        for (long c : csrcs) {
            writeInt(b, c);
        }
        if (extension != null) {
            b.writeBytes(extension);
        }
        b.writeBytes(payload);
        if (padding > 0) {
            byte[] pad = new byte[padding];
            pad[padding - 1] = (byte) padding;
            b.writeBytes(pad);
        }
        return b.toByteArray();
    }

    /** An RTCP receiver report with one report block, and an SDES CNAME: a small compound. */
    static byte[] rtcp(long ssrc, int seed) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0x81, (byte) 201, 0, 7});
        writeInt(b, ssrc);
        writeInt(b, 0x11223344L);
        writeInt(b, seed);
        writeInt(b, 0x00010000L + seed);
        writeInt(b, 20);
        writeInt(b, 0);
        writeInt(b, 0);
        b.writeBytes(new byte[] {(byte) 0x81, (byte) 202, 0, 3});
        writeInt(b, ssrc);
        b.writeBytes(new byte[] {1, 4, 'a', 'b', 'c', 'd', 0, 0});
        return b.toByteArray();
    }

    static long ssrc(byte[] rtp) {
        return (rtp[8] & 0xffL) << 24 | (rtp[9] & 0xff) << 16 | (rtp[10] & 0xff) << 8 | (rtp[11] & 0xff);
    }

    static byte[] payload(int seed, int length) {
        byte[] p = new byte[length];
        for (int i = 0; i < length; i++) {
            p[i] = (byte) (seed * 31 + i * 7);
        }
        return p;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void writeInt(ByteArrayOutputStream b, long v) {
        b.write((int) (v >>> 24));
        b.write((int) (v >>> 16));
        b.write((int) (v >>> 8));
        b.write((int) v);
    }
}
