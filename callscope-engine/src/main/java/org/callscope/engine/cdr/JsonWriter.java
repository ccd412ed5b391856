package org.callscope.engine.cdr;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A minimal streaming JSON writer into a {@link StringBuilder}: enough for flat records and lists,
 * with correct string escaping (RFC 8259 §7). Not thread-safe; one per output.
 */
public final class JsonWriter {
    /** ISO-8601 UTC with milliseconds, as the CDR contract asks. */
    public static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final StringBuilder out;
    private boolean needComma;

    public JsonWriter(StringBuilder out) {
        this.out = out;
    }

    public JsonWriter beginObject() {
        comma();
        out.append('{');
        needComma = false;
        return this;
    }

    public JsonWriter endObject() {
        out.append('}');
        needComma = true;
        return this;
    }

    public JsonWriter beginArray(String name) {
        name(name);
        out.append('[');
        needComma = false;
        return this;
    }

    public JsonWriter endArray() {
        out.append(']');
        needComma = true;
        return this;
    }

    /** A string element of the array being written. */
    public JsonWriter value(String value) {
        comma();
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
        needComma = true;
        return this;
    }

    public JsonWriter field(String name, String value) {
        name(name);
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
        needComma = true;
        return this;
    }

    public JsonWriter field(String name, long value) {
        name(name);
        out.append(value);
        needComma = true;
        return this;
    }

    public JsonWriter field(String name, boolean value) {
        name(name);
        out.append(value);
        needComma = true;
        return this;
    }

    /** Rounds to {@code decimals} places; NaN and infinities become null (JSON has no such numbers). */
    public JsonWriter field(String name, double value, int decimals) {
        name(name);
        number(value, decimals);
        needComma = true;
        return this;
    }

    public JsonWriter field(String name, Instant value) {
        return field(name, value == null ? null : ISO_MILLIS.format(value));
    }

    public JsonWriter field(String name, long[] values) {
        name(name);
        out.append('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(values[i]);
        }
        out.append(']');
        needComma = true;
        return this;
    }

    public JsonWriter nullField(String name) {
        name(name);
        out.append("null");
        needComma = true;
        return this;
    }

    /** Starts a nested object value for {@code name}. */
    public JsonWriter beginObject(String name) {
        name(name);
        out.append('{');
        needComma = false;
        return this;
    }

    private void name(String name) {
        comma();
        string(name);
        out.append(':');
    }

    private void comma() {
        if (needComma) {
            out.append(',');
        }
    }

    private void number(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            out.append("null");
            return;
        }
        double scale = Math.pow(10, decimals);
        double rounded = Math.round(value * scale) / scale;
        if (rounded == Math.rint(rounded) && Math.abs(rounded) < 1e15) {
            out.append((long) rounded);
        } else {
            out.append(java.math.BigDecimal.valueOf(rounded).stripTrailingZeros().toPlainString());
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
