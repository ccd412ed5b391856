package org.callscope.engine.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random and mutated input never throws, and views stay inside the bytes they were given. */
class RtpFuzzTest {
    private static final int ROUNDS = 20_000;
    private static final byte[][] SEEDS = {
        Hex.bytes("b1 00 0001 00000000 00000001 00000009 abcd0001 01020304 0102 0002"),
        Hex.bytes(RtcpParserTest.SR + RtcpParserTest.SDES),
        Hex.bytes(RtcpParserTest.RR + RtcpParserTest.XR + RtcpParserTest.BYE),
    };

    @Test
    void viewsNeverThrowOnRandomOrMutatedInput() {
        Random random = new Random(20260101L);
        RtpView rtp = new RtpView();
        RtcpParser parser = new RtcpParser();
        RtcpReport report = new RtcpReport();
        DtmfEventDecoder dtmf = new DtmfEventDecoder(101);
        RtpStreamStats stats = new RtpStreamStats();
        stats.setTelephoneEventPayloadType(101);
        long accepted = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] b = input(random);
            int off = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            int len = random.nextInt(b.length - off + 1);
            if (rtp.wrap(b, off, len)) {
                accepted++;
                assertThat(rtp.payloadOffset()).isBetween(off, off + len);
                assertThat(rtp.payloadOffset() + rtp.payloadLength()).isLessThanOrEqualTo(off + len);
                assertThat(rtp.payloadLength()).isNotNegative();
                rtp.csrcCount();
                rtp.extensionProfile();
                rtp.paddingLength();
                dtmf.onPacket(rtp);
                stats.onPacket(random.nextLong(), rtp.sequence(), rtp.timestamp(), rtp.payloadType(), rtp.marker(),
                        rtp.payloadLength());
            }
            if (parser.parse(b, off, len, report) && report.hasCname) {
                assertThat(report.cnameOffset + report.cnameLength).isLessThanOrEqualTo(off + len);
            }
            RtpHeuristic.looksLikeRtcp(b, off, len);
            RtpHeuristic.isMuxedRtcpType(b, off, len);
        }
        assertThat(accepted).as("mutations still produce valid packets").isPositive();
        stats.mosF1();
        stats.mosAdapt();
    }

    @Test
    void rejectsOutOfRangeArguments() {
        byte[] b = SEEDS[0];
        RtcpReport report = new RtcpReport();
        assertThat(new RtpView().wrap(b, b.length, 12)).isFalse();
        assertThat(new RtpView().wrap(b, Integer.MAX_VALUE, 12)).isFalse();
        assertThat(new RtcpParser().parse(b, -4, 8, report)).isFalse();
        assertThat(new RtcpParser().parse(null, 0, 8, report)).isFalse();
        assertThat(RtpHeuristic.looksLikeRtcp(b, 3, Integer.MAX_VALUE)).isFalse();
    }

    private static byte[] input(Random random) {
        if (random.nextBoolean()) {
            byte[] b = new byte[random.nextInt(80)];
            random.nextBytes(b);
            return b;
        }
        byte[] seed = SEEDS[random.nextInt(SEEDS.length)];
        byte[] b = seed.clone();
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips; i++) {
            b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
    }
}
