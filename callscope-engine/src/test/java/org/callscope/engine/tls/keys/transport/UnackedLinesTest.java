package org.callscope.engine.tls.keys.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnackedLinesTest {
    private static List<String> lines(List<UnackedLines.Pending> pending) {
        return pending.stream().map(UnackedLines.Pending::line).toList();
    }

    @Test
    void dropsTheOldestWhenFull() {
        UnackedLines u = new UnackedLines(3);
        assertThat(u.add("a")).isFalse();
        assertThat(u.add("b")).isFalse();
        assertThat(u.add("c")).isFalse();
        assertThat(u.add("d")).isTrue();
        assertThat(u.size()).isEqualTo(3);
        assertThat(lines(u.after(-1, 10))).containsExactly("b", "c", "d");
    }

    @Test
    void removesThroughASequenceNumberAndListsWhatFollowsOne() {
        UnackedLines u = new UnackedLines(10);
        for (String s : new String[] {"a", "b", "c", "d"}) {
            u.add(s);
        }
        List<UnackedLines.Pending> all = u.after(-1, 10);
        assertThat(all).extracting(UnackedLines.Pending::seq).containsExactly(0L, 1L, 2L, 3L);
        assertThat(lines(u.after(1, 10))).containsExactly("c", "d");
        assertThat(lines(u.after(0, 2))).containsExactly("b", "c");
        assertThat(u.removeThrough(1)).isEqualTo(2);
        assertThat(u.removeThrough(1)).isZero();
        assertThat(lines(u.after(-1, 10))).containsExactly("c", "d");
        assertThat(u.after(3, 10)).isEmpty();
        assertThat(u.removeThrough(3)).isEqualTo(2);
        assertThat(u.isEmpty()).isTrue();
    }

    @Test
    void aDroppedLineInFlightLeavesTheOthersInOrder() {
        UnackedLines u = new UnackedLines(2);
        u.add("a"); // seq 0, sent
        u.add("b"); // seq 1, sent
        u.add("c"); // seq 2: drops a while it waits for its ACK
        assertThat(u.removeThrough(0)).as("the ACK for a finds nothing left").isZero();
        assertThat(u.removeThrough(1)).isEqualTo(1);
        assertThat(lines(u.after(1, 10))).containsExactly("c");
    }
}
