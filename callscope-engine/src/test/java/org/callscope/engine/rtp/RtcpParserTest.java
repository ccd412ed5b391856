package org.callscope.engine.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RtcpParserTest {
    /** SR, one report block (RFC 3550 §6.4.1): 52 bytes, length field 12. */
    static final String SR = "81c8000c 11111111 e6b0f5c1 80000000 0000a000 00000064 00003e80"
            + " 22222222 40fffffe 00010010 00000020 aabbccdd 00010000";
    /** SDES, one chunk with CNAME "user@host1", null item and one pad octet (RFC 3550 §6.5). */
    static final String SDES = "81ca0005 11111111 010a 75736572 40686f73 7431 00 000000";
    /** RR with one block: 32 bytes, length field 7. */
    static final String RR = "81c90007 33333333 44444444 0a000005 0000ffff 0000000c 00000000 00000000";
    /** XR with a VoIP metrics block (RFC 3611 §4.7): 44 bytes, length field 10. */
    static final String XR = "80cf000a 33333333 07000008 44444444 0d051020 006401f4 00960028 7f7f7f7f 5a7f2928"
            + " 00000028 00780190";
    static final String BYE = "81cb0001 11111111";

    private final RtcpParser parser = new RtcpParser();
    private final RtcpReport report = new RtcpReport();

    private boolean parse(String hex) {
        byte[] b = Hex.bytes(hex);
        return parser.parse(b, 0, b.length, report);
    }

    @Test
    void readsSenderReportWithSdes() {
        assertThat(parse(SR + SDES)).isTrue();
        assertThat(report.packetCount).isEqualTo(2);
        assertThat(report.hasSenderReport).isTrue();
        assertThat(report.senderSsrc).isEqualTo(0x11111111L);
        assertThat(report.ntpSeconds).isEqualTo(0xe6b0f5c1L);
        assertThat(report.ntpFraction).isEqualTo(0x80000000L);
        assertThat(report.senderRtpTimestamp).isEqualTo(0xa000);
        assertThat(report.senderPacketCount).isEqualTo(100);
        assertThat(report.senderOctetCount).isEqualTo(16000);
        assertThat(report.reportBlockCount).isEqualTo(1);
        assertThat(report.blockSsrc[0]).isEqualTo(0x22222222L);
        assertThat(report.blockFractionLost[0]).isEqualTo(64);
        assertThat(report.blockCumulativeLost[0]).isEqualTo(-2);
        assertThat(report.blockHighestSequence[0]).isEqualTo(0x10010);
        assertThat(report.blockJitter[0]).isEqualTo(32);
        assertThat(report.blockLastSr[0]).isEqualTo(0xaabbccddL);
        assertThat(report.blockDelaySinceLastSr[0]).isEqualTo(65536);
        assertThat(report.hasCname).isTrue();
        assertThat(report.cnameSsrc).isEqualTo(0x11111111L);
        assertThat(report.cname()).isEqualTo("user@host1");
        assertThat(report.hasVoipMetrics).isFalse();
    }

    @Test
    void readsReceiverReportXrAndBye() {
        assertThat(parse(RR + XR + BYE)).isTrue();
        assertThat(report.packetCount).isEqualTo(3);
        assertThat(report.hasSenderReport).isFalse();
        assertThat(report.hasReceiverReport).isTrue();
        assertThat(report.senderSsrc).isEqualTo(0x33333333L);
        assertThat(report.blockFractionLost[0]).isEqualTo(10);
        assertThat(report.blockCumulativeLost[0]).isEqualTo(5);
        assertThat(report.blockHighestSequence[0]).isEqualTo(65535);
        assertThat(report.hasVoipMetrics).isTrue();
        assertThat(report.xrSsrc).isEqualTo(0x44444444L);
        assertThat(report.xrLossRate).isEqualTo(13);
        assertThat(report.xrDiscardRate).isEqualTo(5);
        assertThat(report.xrBurstDensity).isEqualTo(16);
        assertThat(report.xrGapDensity).isEqualTo(32);
        assertThat(report.xrBurstDuration).isEqualTo(100);
        assertThat(report.xrGapDuration).isEqualTo(500);
        assertThat(report.xrRoundTripDelay).isEqualTo(150);
        assertThat(report.xrEndSystemDelay).isEqualTo(40);
        assertThat(report.xrRFactor).isEqualTo(90);
        assertThat(report.xrMosLqValue()).isEqualTo(4.1);
        assertThat(report.xrMosCqValue()).isEqualTo(4.0);
        assertThat(report.hasBye).isTrue();
        assertThat(report.byeSsrcCount).isEqualTo(1);
        assertThat(report.hasCname).isFalse();
        assertThat(report.cname()).isNull();
    }

    @Test
    void reportsUnavailableXrMos() {
        assertThat(parse(RR + XR.replace("5a7f2928", "5a7f7f7f"))).isTrue();
        assertThat(report.xrMosLqValue()).isNaN();
        assertThat(report.xrMosCqValue()).isNaN();
    }

    @Test
    void skipsUnknownPacketAndXrBlockTypes() {
        String app = "80cc0002 11111111 6e616d65";
        String xrOther = "80cf0004 33333333 04000002 44444444 00000001";
        assertThat(parse(RR + app + xrOther)).isTrue();
        assertThat(report.packetCount).isEqualTo(3);
        assertThat(report.hasVoipMetrics).isFalse();
    }

    @Test
    void acceptsPaddingOnLastPacketOnly() {
        assertThat(parse("a1cb0002 11111111 00000004")).isTrue();
        assertThat(report.byeSsrcCount).isEqualTo(1);
        assertThat(parse("a1cb0002 11111111 00000004" + RR)).isFalse();
        assertThat(parse("a1cb0002 11111111 00000000")).isFalse();
    }

    @Test
    void rejectsLengthsThatDoNotAddUp() {
        // Length field one word too long, then one word short of the datagram.
        assertThat(parse(RR.replaceFirst("81c90007", "81c90008"))).isFalse();
        assertThat(parse(RR + "00000000")).isFalse();
        // Report count larger than the packet holds.
        assertThat(parse(RR.replaceFirst("81c9", "82c9"))).isFalse();
        assertThat(parse(SR.replaceFirst("81c8", "9fc8"))).isFalse();
    }

    @Test
    void rejectsWrongVersionAnywhere() {
        assertThat(parse(RR.replaceFirst("81", "41"))).isFalse();
        assertThat(parse(RR + BYE.replaceFirst("81", "c1"))).isFalse();
    }

    @Test
    void rejectsSdesItemRunningPastPacket() {
        assertThat(parse("81ca0002 11111111 01ff7573")).isFalse();
        assertThat(parse("81ca0002 11111111 01027573")).isFalse();
    }

    @Test
    void rejectsVoipMetricsBlockOfWrongLength() {
        assertThat(parse("80cf0004 33333333 07000002 44444444 00000000")).isFalse();
        assertThat(parse("80cf0004 33333333 07000009 44444444 00000000")).isFalse();
    }

    @Test
    void rejectsEveryWordTruncation() {
        byte[] full = Hex.bytes(SR + SDES);
        int srAlone = Hex.bytes(SR).length;
        for (int n = 0; n < full.length; n++) {
            assertThat(parser.parse(full, 0, n, report)).as("length %d", n).isEqualTo(n == srAlone);
        }
    }

    @Test
    void keepsAtMostMaxReportBlocks() {
        StringBuilder hex = new StringBuilder();
        for (int r = 0; r < 3; r++) {
            hex.append("9fc9").append(String.format("%04x", 1 + 31 * 6)).append("33333333");
            hex.append("44444444 00000000 00000000 00000000 00000000 00000000".repeat(31));
        }
        assertThat(parse(hex.toString())).isTrue();
        assertThat(report.reportBlockCount).isEqualTo(RtcpReport.MAX_REPORT_BLOCKS);
        assertThat(report.droppedReportBlocks).isEqualTo(93 - RtcpReport.MAX_REPORT_BLOCKS);
    }

    @Test
    void resetsBetweenParses() {
        assertThat(parse(SR + SDES)).isTrue();
        assertThat(parse(BYE)).isTrue();
        assertThat(report.hasSenderReport).isFalse();
        assertThat(report.reportBlockCount).isZero();
        assertThat(report.hasCname).isFalse();
    }

    @Test
    void tellsRtcpFromRtp() {
        byte[] rtcp = Hex.bytes(SR + SDES);
        assertThat(RtpHeuristic.looksLikeRtcp(rtcp, 0, rtcp.length)).isTrue();
        assertThat(RtpHeuristic.isMuxedRtcpType(rtcp, 0, rtcp.length)).isTrue();
        byte[] rtp = Hex.bytes("80 08 0001 000000a0 deadbeef d5d5d5d5");
        assertThat(RtpHeuristic.looksLikeRtcp(rtp, 0, rtp.length)).isFalse();
        assertThat(RtpHeuristic.isMuxedRtcpType(rtp, 0, rtp.length)).isFalse();
        // PT 72 with marker reads as 200 but the length walk fails.
        byte[] markedRtp = Hex.bytes("80 c8 0001 000000a0 deadbeef d5d5d5d5");
        assertThat(RtpHeuristic.looksLikeRtcp(markedRtp, 0, markedRtp.length)).isFalse();
        byte[] xrFirst = Hex.bytes(XR);
        assertThat(RtpHeuristic.looksLikeRtcp(xrFirst, 0, xrFirst.length)).isFalse();
        assertThat(RtpHeuristic.looksLikeRtcp(null, 0, 4)).isFalse();
        assertThat(RtpHeuristic.looksLikeRtcp(rtcp, 0, 3)).isFalse();
    }
}
