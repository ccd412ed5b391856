package org.callscope.engine.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.junit.jupiter.api.Test;

/** The framer reports where in the stream each message lay, so frames can be matched to messages. */
class SipStreamFramerOffsetTest {
    private static final String OPTIONS = "OPTIONS sip:a@b SIP/2.0\r\nCall-ID: 1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    private static final String OK = "SIP/2.0 200 OK\r\nCall-ID: 1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 4\r\n\r\nabcd";

    @Test
    void reportsStreamRangesAcrossKeepAlivesGapsAndSplitFeeds() {
        List<long[]> ranges = new ArrayList<>();
        SipStreamFramer[] holder = new SipStreamFramer[1];
        holder[0] = new SipStreamFramer((m, ts) -> ranges.add(
                new long[] {holder[0].messageStreamOffset(), holder[0].messageStreamEnd()}), new AnomalyCounters());
        SipStreamFramer framer = holder[0];
        byte[] first = ("\r\n\r\n" + OPTIONS + OK.substring(0, 10)).getBytes(StandardCharsets.US_ASCII);
        byte[] rest = OK.substring(10).getBytes(StandardCharsets.US_ASCII);
        framer.feed(first, 0, first.length, 1);
        framer.feed(rest, 0, rest.length, 2);
        framer.onGap(100);
        byte[] again = OPTIONS.getBytes(StandardCharsets.US_ASCII);
        framer.feed(again, 0, again.length, 3);

        long o = OPTIONS.length();
        long k = OK.length();
        assertThat(ranges).containsExactly(
                new long[] {4, 4 + o},
                new long[] {4 + o, 4 + o + k},
                new long[] {4 + o + k + 100, 4 + o + k + 100 + o});
    }
}
