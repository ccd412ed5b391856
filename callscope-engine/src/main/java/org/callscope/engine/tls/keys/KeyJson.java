package org.callscope.engine.tls.keys;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one JSON object (RFC 8259) whose members key datagrams need as strings. Other members may
 * hold any JSON value and are checked for syntax, then dropped. Written by hand for this one small
 * shape so the engine needs no JSON library; nesting is bounded so hostile input cannot exhaust the
 * stack.
 */
final class KeyJson {
    private static final int MAX_DEPTH = 32;

    /** What a member held when it was not a string; only the kind is kept. */
    enum Kind {
        NUMBER("a number"), OBJECT("an object"), ARRAY("an array"), BOOLEAN("a boolean"), NULL("null");

        final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    /** The object's members (a {@link String} or a {@link Kind} each) and where the object ended. */
    record JsonObject(Map<String, Object> members, int end) {
    }

    private final String text;
    private int pos;

    private KeyJson(String text, int pos) {
        this.text = text;
        this.pos = pos;
    }

    /**
     * Reads the object starting at {@code start} (a '{'), up to its closing '}'. Syntax errors name
     * the line of {@code text} they are on.
     */
    static JsonObject readObject(String text, int start) throws KeyLogFormatException {
        KeyJson reader = new KeyJson(text, start);
        Map<String, Object> members = reader.object(1);
        return new JsonObject(members, reader.pos);
    }

    private Map<String, Object> object(int depth) throws KeyLogFormatException {
        expect('{');
        Map<String, Object> members = new LinkedHashMap<>();
        skipWhiteSpace();
        if (peek() == '}') {
            pos++;
            return members;
        }
        while (true) {
            skipWhiteSpace();
            if (peek() != '"') {
                throw error("expected a member name in double quotes");
            }
            String name = string();
            skipWhiteSpace();
            expect(':');
            skipWhiteSpace();
            Object value = value(depth);
            if (members.putIfAbsent(name, value) != null) {
                throw located("member " + KeyText.quote(name) + " appears twice");
            }
            skipWhiteSpace();
            int c = peek();
            pos++;
            if (c == '}') {
                return members;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}'");
            }
        }
    }

    private Object value(int depth) throws KeyLogFormatException {
        int c = peek();
        switch (c) {
            case '"' -> {
                return string();
            }
            case '{', '[' -> {
                if (depth >= MAX_DEPTH) {
                    throw error("nested deeper than " + MAX_DEPTH + " levels");
                }
                if (c == '{') {
                    object(depth + 1);
                    return Kind.OBJECT;
                }
                array(depth + 1);
                return Kind.ARRAY;
            }
            case 't' -> {
                literal("true");
                return Kind.BOOLEAN;
            }
            case 'f' -> {
                literal("false");
                return Kind.BOOLEAN;
            }
            case 'n' -> {
                literal("null");
                return Kind.NULL;
            }
            default -> {
                if (c == '-' || c >= '0' && c <= '9') {
                    number();
                    return Kind.NUMBER;
                }
                throw error("expected a value");
            }
        }
    }

    private void array(int depth) throws KeyLogFormatException {
        expect('[');
        skipWhiteSpace();
        if (peek() == ']') {
            pos++;
            return;
        }
        while (true) {
            skipWhiteSpace();
            value(depth);
            skipWhiteSpace();
            int c = peek();
            pos++;
            if (c == ']') {
                return;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() throws KeyLogFormatException {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = peek();
            if (c < 0) {
                throw error("unterminated string");
            }
            pos++;
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("control character in a string");
            }
            if (c != '\\') {
                sb.append((char) c);
                continue;
            }
            int e = peek();
            pos++;
            switch (e) {
                case '"', '\\', '/' -> sb.append((char) e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.append(unicodeEscape());
                default -> {
                    pos--;
                    throw error("invalid escape in a string");
                }
            }
        }
    }

    private char unicodeEscape() throws KeyLogFormatException {
        if (pos + 4 > text.length()) {
            throw error("truncated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos + i), 16);
            if (d < 0 || text.charAt(pos + i) > 'f') {
                throw error("invalid \\u escape");
            }
            v = v << 4 | d;
        }
        pos += 4;
        return (char) v;
    }

    /** RFC 8259 §6: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
    private void number() throws KeyLogFormatException {
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (!digits()) {
            throw error("invalid number");
        }
        if (peek() == '.') {
            pos++;
            if (!digits()) {
                throw error("invalid number");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!digits()) {
                throw error("invalid number");
            }
        }
    }

    private boolean digits() {
        int start = pos;
        while (peek() >= '0' && peek() <= '9') {
            pos++;
        }
        return pos > start;
    }

    private void literal(String word) throws KeyLogFormatException {
        if (!text.startsWith(word, pos)) {
            throw error("expected a value");
        }
        pos += word.length();
    }

    private void expect(char c) throws KeyLogFormatException {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void skipWhiteSpace() {
        while (true) {
            int c = peek();
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private int peek() {
        return pos < text.length() ? text.charAt(pos) : -1;
    }

    /** A syntax error at the current position, saying what was found there. */
    private KeyLogFormatException error(String what) {
        String found = pos >= text.length() ? "end of datagram" : KeyText.quote(String.valueOf(text.charAt(pos)));
        return located(what + " at offset " + pos + ", found " + found);
    }

    /** {@code message} with the line of the current position (an object may span lines). */
    private KeyLogFormatException located(String message) {
        int line = 1;
        for (int i = 0; i < pos && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return new KeyLogFormatException("line " + line + ": JSON: " + message);
    }
}
