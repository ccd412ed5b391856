package org.callscope.engine.rtp;

import org.callscope.engine.bytes.Bytes;

/**
 * Walks a compound RTCP packet (RFC 3550 §6.1) and fills an {@link RtcpReport}: SR and RR with
 * their report blocks (§6.4), the first SDES CNAME (§6.5.1), BYE (§6.6) and the RFC 3611 §4.7
 * VoIP metrics block of an XR packet. Other packet and block types are skipped by their length.
 * Stateless; any thread may use its own instance; allocates nothing.
 *
 * <p>Validity follows RFC 3550 Appendix A.2: every packet is version 2, the length fields add
 * up exactly to the compound length, and only the last packet may carry padding. The first
 * packet is not required to be SR/RR, since RFC 5506 reduced-size RTCP drops that rule.
 */
public final class RtcpParser {
    /** RFC 3550 §12.1 packet types, and RFC 3611 §2 for XR. */
    public static final int PT_SR = 200;
    public static final int PT_RR = 201;
    public static final int PT_SDES = 202;
    public static final int PT_BYE = 203;
    public static final int PT_APP = 204;
    public static final int PT_XR = 207;
    /** RFC 3550 §6.1: version, padding, count, type, 16-bit length in words minus one. */
    static final int HEADER_LENGTH = 4;
    /** RFC 3550 §6.4.1: SSRC of sender plus 20 octets of sender info. */
    private static final int SENDER_INFO_LENGTH = 24;
    /** RFC 3550 §6.4.1: one report block is six 32-bit words. */
    private static final int REPORT_BLOCK_LENGTH = 24;
    /** RFC 3550 §6.5.1: SDES item type of CNAME. */
    private static final int SDES_CNAME = 1;
    /** RFC 3611 §4.7: VoIP Metrics report block type and its fixed block length in words. */
    private static final int XR_VOIP_METRICS = 7;
    private static final int XR_VOIP_METRICS_WORDS = 8;

    /**
     * Parses {@code len} bytes of {@code buf} at {@code off} into {@code out}.
     *
     * @return false for a malformed compound (caller counts {@code RTCP_MALFORMED}); {@code out}
     *     then holds what was read before the fault
     */
    public boolean parse(byte[] buf, int off, int len, RtcpReport out) {
        out.reset(buf);
        if (buf == null || off < 0 || len < HEADER_LENGTH || off > buf.length - len) {
            return false;
        }
        int pos = off;
        int end = off + len;
        while (pos < end) {
            if (end - pos < HEADER_LENGTH) {
                return false;
            }
            int b0 = buf[pos] & 0xff;
            if ((b0 >>> 6) != RtpView.VERSION) {
                return false;
            }
            int packetLength = (Bytes.u16(buf, pos + 2) + 1) * 4;
            if (packetLength > end - pos) {
                return false;
            }
            int bodyEnd = pos + packetLength;
            if ((b0 & 0x20) != 0) {
                // RFC 3550 A.2: padding only on the last packet of the compound.
                if (bodyEnd != end) {
                    return false;
                }
                int padding = buf[bodyEnd - 1] & 0xff;
                if (padding == 0 || padding > packetLength - HEADER_LENGTH) {
                    return false;
                }
                bodyEnd -= padding;
            }
            int count = b0 & 0x1f;
            int type = buf[pos + 1] & 0xff;
            boolean ok = switch (type) {
                case PT_SR -> senderReport(buf, pos + HEADER_LENGTH, bodyEnd, count, out);
                case PT_RR -> receiverReport(buf, pos + HEADER_LENGTH, bodyEnd, count, out);
                case PT_SDES -> sdes(buf, pos + HEADER_LENGTH, bodyEnd, count, out);
                case PT_BYE -> bye(bodyEnd - (pos + HEADER_LENGTH), count, out);
                case PT_XR -> extendedReport(buf, pos + HEADER_LENGTH, bodyEnd, out);
                default -> true;
            };
            if (!ok) {
                return false;
            }
            out.packetCount++;
            pos += packetLength;
        }
        return true;
    }

    private static boolean senderReport(byte[] b, int p, int end, int count, RtcpReport out) {
        if (end - p < SENDER_INFO_LENGTH + count * REPORT_BLOCK_LENGTH) {
            return false;
        }
        if (!out.hasSenderReport && !out.hasReceiverReport) {
            out.senderSsrc = Bytes.u32(b, p);
            out.ntpSeconds = Bytes.u32(b, p + 4);
            out.ntpFraction = Bytes.u32(b, p + 8);
            out.senderRtpTimestamp = Bytes.u32(b, p + 12);
            out.senderPacketCount = Bytes.u32(b, p + 16);
            out.senderOctetCount = Bytes.u32(b, p + 20);
        }
        out.hasSenderReport = true;
        reportBlocks(b, p + SENDER_INFO_LENGTH, count, out);
        return true;
    }

    private static boolean receiverReport(byte[] b, int p, int end, int count, RtcpReport out) {
        if (end - p < 4 + count * REPORT_BLOCK_LENGTH) {
            return false;
        }
        if (!out.hasSenderReport && !out.hasReceiverReport) {
            out.senderSsrc = Bytes.u32(b, p);
        }
        out.hasReceiverReport = true;
        reportBlocks(b, p + 4, count, out);
        return true;
    }

    private static void reportBlocks(byte[] b, int p, int count, RtcpReport out) {
        for (int i = 0; i < count; i++, p += REPORT_BLOCK_LENGTH) {
            int n = out.reportBlockCount;
            if (n == RtcpReport.MAX_REPORT_BLOCKS) {
                out.droppedReportBlocks++;
                continue;
            }
            out.blockSsrc[n] = Bytes.u32(b, p);
            out.blockFractionLost[n] = b[p + 4] & 0xff;
            // Signed 24-bit two's complement: shift up to the int sign bit and back.
            out.blockCumulativeLost[n] = (Bytes.u24(b, p + 5) << 8) >> 8;
            out.blockHighestSequence[n] = Bytes.u32(b, p + 8);
            out.blockJitter[n] = Bytes.u32(b, p + 12);
            out.blockLastSr[n] = Bytes.u32(b, p + 16);
            out.blockDelaySinceLastSr[n] = Bytes.u32(b, p + 20);
            out.reportBlockCount = n + 1;
        }
    }

    /** RFC 3550 §6.5: SC chunks, each an SSRC then items ending in a null octet, word aligned. */
    private static boolean sdes(byte[] b, int p, int end, int count, RtcpReport out) {
        int chunkStart = p;
        for (int c = 0; c < count; c++) {
            p = chunkStart;
            if (end - p < 4) {
                return false;
            }
            long ssrc = Bytes.u32(b, p);
            p += 4;
            while (true) {
                if (p >= end) {
                    return false;
                }
                int itemType = b[p] & 0xff;
                if (itemType == 0) {
                    p++;
                    break;
                }
                if (end - p < 2) {
                    return false;
                }
                int itemLength = b[p + 1] & 0xff;
                if (itemLength > end - p - 2) {
                    return false;
                }
                if (itemType == SDES_CNAME && !out.hasCname) {
                    out.hasCname = true;
                    out.cnameSsrc = ssrc;
                    out.cnameOffset = p + 2;
                    out.cnameLength = itemLength;
                }
                p += 2 + itemLength;
            }
            // The null terminator is followed by zero octets up to the next 32-bit boundary.
            chunkStart = p + ((4 - ((p - chunkStart) & 3)) & 3);
            if (chunkStart > end) {
                return false;
            }
        }
        return true;
    }

    private static boolean bye(int bodyLength, int count, RtcpReport out) {
        if (bodyLength < count * 4) {
            return false;
        }
        out.hasBye = true;
        out.byeSsrcCount += count;
        return true;
    }

    /** RFC 3611 §2: SSRC of the sender, then blocks of BT, type-specific, length in words. */
    private static boolean extendedReport(byte[] b, int p, int end, RtcpReport out) {
        if (end - p < 4) {
            return false;
        }
        p += 4;
        while (p < end) {
            if (end - p < 4) {
                return false;
            }
            int blockType = b[p] & 0xff;
            int words = Bytes.u16(b, p + 2);
            int blockEnd = p + 4 + 4 * words;
            if (blockEnd > end) {
                return false;
            }
            if (blockType == XR_VOIP_METRICS) {
                if (words != XR_VOIP_METRICS_WORDS) {
                    return false;
                }
                voipMetrics(b, p + 4, out);
            }
            p = blockEnd;
        }
        return true;
    }

    /** RFC 3611 §4.7 field layout, offsets from the SSRC of source. */
    private static void voipMetrics(byte[] b, int p, RtcpReport out) {
        out.hasVoipMetrics = true;
        out.xrSsrc = Bytes.u32(b, p);
        out.xrLossRate = b[p + 4] & 0xff;
        out.xrDiscardRate = b[p + 5] & 0xff;
        out.xrBurstDensity = b[p + 6] & 0xff;
        out.xrGapDensity = b[p + 7] & 0xff;
        out.xrBurstDuration = Bytes.u16(b, p + 8);
        out.xrGapDuration = Bytes.u16(b, p + 10);
        out.xrRoundTripDelay = Bytes.u16(b, p + 12);
        out.xrEndSystemDelay = Bytes.u16(b, p + 14);
        out.xrRFactor = b[p + 20] & 0xff;
        out.xrMosLq = b[p + 22] & 0xff;
        out.xrMosCq = b[p + 23] & 0xff;
    }
}
