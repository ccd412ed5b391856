package org.callscope.engine.tls.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyDatagramsTest {
    private static final String RANDOM = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private static final String RANDOM_2 = "ff".repeat(32);
    private static final String SECRET_48 = "aa".repeat(48);
    private static final String SECRET_32 = "bb".repeat(32);
    private static final HexFormat HEX = HexFormat.of();

    private static List<KeyLogEntry> parse(String text) throws KeyLogFormatException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return KeyDatagrams.parse(b, 0, b.length);
    }

    private static KeyLogEntry entry(SecretLabel label, String id, String secret) {
        return new KeyLogEntry(label, HEX.parseHex(id), HEX.parseHex(secret));
    }

    @Test
    void oneLineAsTheKeyloggerSendsIt() throws Exception {
        // sslkeylog.cpp sends strlen(line) bytes: no line break, no NUL
        assertThat(parse("CLIENT_RANDOM " + RANDOM + " " + SECRET_48))
                .containsExactly(entry(SecretLabel.CLIENT_RANDOM, RANDOM, SECRET_48));
    }

    @Test
    void severalLinesWithCrLfCommentsAndTrailingNuls() throws Exception {
        byte[] text = ("# from host a\r\nCLIENT_HANDSHAKE_TRAFFIC_SECRET " + RANDOM + " " + SECRET_32 + "\r\n\r\n"
                + "SERVER_HANDSHAKE_TRAFFIC_SECRET " + RANDOM + " " + SECRET_32 + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] datagram = new byte[text.length + 2 + 5];
        System.arraycopy(text, 0, datagram, 2, text.length); // at an offset, followed by NULs
        assertThat(KeyDatagrams.parse(datagram, 2, text.length + 3)).containsExactly(
                entry(SecretLabel.CLIENT_HANDSHAKE_TRAFFIC_SECRET, RANDOM, SECRET_32),
                entry(SecretLabel.SERVER_HANDSHAKE_TRAFFIC_SECRET, RANDOM, SECRET_32));
    }

    @Test
    void sessionIdJsonAsVoipmonitorDocumentsIt() throws Exception {
        // pretty-printed, upper-case hex, extra "cipher" member (VoIPmonitor's ssl_sessionkey_udp documentation)
        String json = "{\n    \"cipher\":\"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256\",\n"
                + "    \"sessionid\":\"" + RANDOM.toUpperCase() + "\",\n"
                + "    \"mastersecret\": \"" + SECRET_48.toUpperCase() + "\"\n}\n";
        assertThat(parse(json)).containsExactly(entry(SecretLabel.CLIENT_RANDOM, RANDOM, SECRET_48));
    }

    @Test
    void typedJsonForEveryLabel() throws Exception {
        for (SecretLabel label : SecretLabel.values()) {
            String id = label == SecretLabel.RSA ? "0011223344556677" : RANDOM;
            String secret = label.isTls13() ? SECRET_32 : SECRET_48;
            String json = "{\"type\":\"" + label.name().toLowerCase() + "\",\"client_random\":\"" + id
                    + "\",\"key\":\"" + secret + "\"}";
            assertThat(parse(json)).as(json).containsExactly(entry(label, id, secret));
        }
    }

    @Test
    void sessionIdFormWinsWhenBothFormsArePresent() throws Exception {
        String json = "{\"type\":\"EXPORTER_SECRET\",\"client_random\":\"" + RANDOM_2 + "\",\"key\":\"" + SECRET_32
                + "\",\"sessionid\":\"" + RANDOM + "\",\"mastersecret\":\"" + SECRET_48 + "\"}";
        assertThat(parse(json)).containsExactly(entry(SecretLabel.CLIENT_RANDOM, RANDOM, SECRET_48));
    }

    @Test
    void jsonExtrasOfEveryTypeAndEscapesAreHandled() throws Exception {
        String json = "{ \"n\": -1.5e+3, \"t\": true, \"f\": false, \"z\": null, \"o\": {\"a\": [1, {\"b\": []}, \"}\"]},"
                + " \"s\": \"quote \\\" backslash \\\\ slash \\/ \\b\\f\\n\\r\\t \\u00e9 {\","
                + " \"type\" : \"CLIENT_\\u0052ANDOM\", \"client_\\u0072andom\": \"\\u0030" + RANDOM.substring(1) + "\","
                + " \"key\": \" " + SECRET_48 + " \" }";
        assertThat(parse(json)).containsExactly(entry(SecretLabel.CLIENT_RANDOM, RANDOM, SECRET_48));
    }

    @Test
    void jsonObjectsAndLinesMayFollowEachOther() throws Exception {
        String text = "{\"sessionid\":\"" + RANDOM + "\",\"mastersecret\":\"" + SECRET_48 + "\"}"
                + "{\"sessionid\":\"" + RANDOM_2 + "\",\"mastersecret\":\"" + SECRET_48 + "\"}\n"
                + "EXPORTER_SECRET " + RANDOM + " " + SECRET_32 + "\0\0";
        assertThat(parse(text)).containsExactly(
                entry(SecretLabel.CLIENT_RANDOM, RANDOM, SECRET_48),
                entry(SecretLabel.CLIENT_RANDOM, RANDOM_2, SECRET_48),
                entry(SecretLabel.EXPORTER_SECRET, RANDOM, SECRET_32));
    }

    /** Jackson writes the JSON (escaping whatever the random extra text holds); we must read the same values. */
    @Test
    void readsWhatAnIndependentJsonWriterWrites() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Random r = new Random(20_260_101L);
        for (int i = 0; i < 500; i++) {
            byte[] id = new byte[32];
            byte[] secret = new byte[r.nextBoolean() ? 32 : 48];
            r.nextBytes(id);
            r.nextBytes(secret);
            SecretLabel label = secret.length == 32 ? SecretLabel.CLIENT_TRAFFIC_SECRET_0 : SecretLabel.SERVER_TRAFFIC_SECRET_0;
            ObjectNode node = mapper.createObjectNode();
            node.put("note", randomText(r));
            node.putArray("list").add(randomText(r)).add(r.nextDouble()).addObject().put(randomText(r), r.nextLong());
            node.put("type", label.name());
            node.put("client_random", HEX.formatHex(id));
            node.put(randomText(r) + "x", randomText(r)); // a member name needing escapes
            node.put("key", HEX.formatHex(secret).toUpperCase());
            String json = r.nextBoolean() ? mapper.writeValueAsString(node)
                    : mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node);
            assertThat(parse(json)).as(json).containsExactly(new KeyLogEntry(label, id, secret));
        }
    }

    private static String randomText(Random r) {
        StringBuilder sb = new StringBuilder();
        String specials = "\"\\/{}[]:,\n\r\t\b\f\u0000\u001f\u00e9\u20ac\ud83d\ude00 ";
        for (int n = r.nextInt(12); n > 0; n--) {
            sb.append(r.nextBoolean() ? specials.charAt(r.nextInt(specials.length())) : (char) ('a' + r.nextInt(26)));
        }
        return sb.toString();
    }

    @Test
    void badDatagramsSayWhatAndWhere() {
        assertThatThrownBy(() -> parse("")).isInstanceOf(KeyLogFormatException.class).hasMessage("empty datagram");
        assertThatThrownBy(() -> parse("\n# only a comment\n\0")).hasMessage("no key in the datagram");
        assertThatThrownBy(() -> parse("CLIENT_RANDOM " + RANDOM + " " + SECRET_48 + "\nPMS_CLIENT_RANDOM 00 11"))
                .hasMessage("line 2: unknown label \"PMS_CLIENT_RANDOM\"");
        assertThatThrownBy(() -> parse("CLIENT_RANDOM\0 " + RANDOM + " " + SECRET_48))
                .hasMessage("NUL byte at offset 13 inside the datagram");
        assertThatThrownBy(() -> parse("{\"sessionid\":\"" + RANDOM + "\"}"))
                .hasMessage("line 1: JSON object has neither \"sessionid\" and \"mastersecret\" nor \"type\", "
                        + "\"client_random\" and \"key\" (members: \"sessionid\")");
        assertThatThrownBy(() -> parse("{\"type\":\"CLIENT_RANDOM\",\"client_random\":42,\"key\":\"00\"}"))
                .hasMessage("line 1: JSON: \"client_random\" must be a string, got a number");
        assertThatThrownBy(() -> parse("{\"type\":\"SERVER_RANDOM\",\"client_random\":\"00\",\"key\":\"00\"}"))
                .hasMessage("line 1: JSON: unknown type \"SERVER_RANDOM\"");
        assertThatThrownBy(() -> parse("{\"sessionid\":\"" + RANDOM + "\",\"mastersecret\":\"" + SECRET_32 + "\"}"))
                .hasMessage("line 1: CLIENT_RANDOM: master secret must be 48 bytes (96 hex digits), got 32 bytes");
        assertThatThrownBy(() -> parse("\n{\"sessionid\":\"" + RANDOM + "\",\n\"mastersecret\" \"x\"}"))
                .hasMessage("line 3: JSON: expected ':' at offset 97, found \"\\\"\"");
        assertThatThrownBy(() -> parse("{\"a\":1,\"a\":2}")).hasMessage("line 1: JSON: member \"a\" appears twice");
        assertThatThrownBy(() -> parse("{\"a\":\"unterminated}")).hasMessage(
                "line 1: JSON: unterminated string at offset 19, found end of datagram");
        assertThatThrownBy(() -> parse("{\"a\":01}")).hasMessage("line 1: JSON: expected ',' or '}' at offset 6, found \"1\"");
        assertThatThrownBy(() -> parse("{\"a\":\"\\x\"}")).hasMessage("line 1: JSON: invalid escape in a string at offset 7, found \"x\"");
        assertThatThrownBy(() -> parse("{\"a\":\"\\u12\"}")).hasMessage("line 1: JSON: invalid \\u escape at offset 8, found \"1\"");
        assertThatThrownBy(() -> parse("{\"a\":\"tab\there\"}")).hasMessage(
                "line 1: JSON: control character in a string at offset 9, found \"\\u0009\"");
        assertThatThrownBy(() -> parse("{\"a\":tru}")).hasMessage("line 1: JSON: expected a value at offset 5, found \"t\"");
        assertThatThrownBy(() -> parse("{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}"))
                .hasMessage("line 1: JSON: nested deeper than 32 levels at offset 36, found \"[\"");
    }

    @Test
    void recognisesKeyDatagramsInsideACapture() {
        assertThat(looksLike("CLIENT_RANDOM " + RANDOM + " " + SECRET_48)).isTrue();
        assertThat(looksLike("server_traffic_secret_0 " + RANDOM)).isTrue();
        assertThat(looksLike("{\"sessionid\":\"x\"}\n\0")).isTrue();
        assertThat(looksLike("INVITE sip:bob@example.com SIP/2.0\r\n")).isFalse();
        assertThat(looksLike("CLIENT_RANDOMX 00 11")).isFalse();
        assertThat(looksLike("RSA")).isFalse();
        assertThat(looksLike("{\"truncated\":")).isFalse();
        assertThat(looksLike("\0\0")).isFalse();
        assertThat(looksLike("")).isFalse();
    }

    private static boolean looksLike(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return KeyDatagrams.looksLikeKeyDatagram(b, 0, b.length);
    }
}
