package org.callscope.engine.spool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeFileNamesTest {

    @Test
    void keepsOrdinaryCallIds() {
        assertThat(SafeFileNames.of("1-1966@10.0.2.20")).isEqualTo("1-1966@10.0.2.20");
    }

    @Test
    void escapesPathSeparatorsAndLeadingDots() {
        assertThat(SafeFileNames.of("../../etc/passwd")).isEqualTo("%2E.%2F..%2Fetc%2Fpasswd");
        assertThat(SafeFileNames.of("a/b\\c\u0000")).doesNotContain("/", "\\", "\u0000");
        assertThat(SafeFileNames.of("")).isEqualTo("%EMPTY");
    }

    @Test
    void boundsLengthAndKeepsLongIdsDistinct() {
        String a = SafeFileNames.of("x".repeat(1000) + "a");
        String b = SafeFileNames.of("x".repeat(1000) + "b");
        assertThat(a.length()).isLessThanOrEqualTo(SafeFileNames.MAX_LENGTH);
        assertThat(a).isNotEqualTo(b);
    }
}
