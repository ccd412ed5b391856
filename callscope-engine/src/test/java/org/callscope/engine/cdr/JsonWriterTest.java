package org.callscope.engine.cdr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void escapesStringsAndFormatsNumbersAndTimes() {
        StringBuilder sb = new StringBuilder();
        new JsonWriter(sb).beginObject()
                .field("s", "a\"b\\c\n\u0001")
                .field("n", 42)
                .field("d", 1.23456, 3)
                .field("whole", 2.0, 3)
                .field("nan", Double.NaN, 2)
                .field("t", Instant.parse("2026-01-02T03:04:05.678901Z"))
                .field("none", (String) null)
                .beginArray("list").beginObject().field("x", true).endObject().endArray()
                .endObject();
        assertThat(sb).hasToString("{\"s\":\"a\\\"b\\\\c\\n\\u0001\",\"n\":42,\"d\":1.235,\"whole\":2,\"nan\":null,"
                + "\"t\":\"2026-01-02T03:04:05.678Z\",\"none\":null,\"list\":[{\"x\":true}]}");
    }
}
