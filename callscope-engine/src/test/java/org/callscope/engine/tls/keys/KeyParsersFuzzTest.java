package org.callscope.engine.tls.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** Random, mutated and truncated lines and datagrams: only {@link KeyLogFormatException}, quickly. */
class KeyParsersFuzzTest {
    private static final String RANDOM = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private static final List<String> SEEDS = List.of(
            "CLIENT_RANDOM " + RANDOM + " " + "aa".repeat(48),
            "RSA 0011223344556677 " + "bb".repeat(48),
            "SERVER_HANDSHAKE_TRAFFIC_SECRET " + RANDOM + " " + "cc".repeat(32) + "\r\n# c\nEXPORTER_SECRET " + RANDOM
                    + " " + "dd".repeat(48) + "\n\0",
            "{\"cipher\":\"x\",\"sessionid\":\"" + RANDOM + "\",\"mastersecret\":\"" + "ee".repeat(48) + "\"}",
            "{ \"type\" : \"client_random\", \"o\": {\"a\": [1, -2.5e3, true, null, \"\\u00e9\\\"\"]}, \"client_random\": \""
                    + RANDOM + "\", \"key\": \"" + "ff".repeat(48) + "\" }\n");
    private static final String ALPHABET = "{}[]\":,\\u0 \t\r\n#-.eE+CLIENT_RANDOMrsaRSA0123456789abcdefABCDEFxyz\0";

    @Test
    void linesAndDatagramsNeverThrowAnythingElse() {
        Random r = new Random(0xC0FFEE_2026L);
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            int accepted = 0;
            for (int i = 0; i < 20_000; i++) {
                byte[] b = next(r, i);
                if (tryDatagram(b)) {
                    accepted++;
                }
                tryLine(new String(b, StandardCharsets.ISO_8859_1));
                tryLine(new String(b, StandardCharsets.UTF_8));
            }
            // the mutations keep some inputs valid, so the accepting paths were exercised too
            assertThat(accepted).isGreaterThan(50);
        });
    }

    @Test
    void deepAndLongInputsStayBounded() {
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            tryDatagram(("{\"a\":" + "[".repeat(60_000)).getBytes(StandardCharsets.US_ASCII));
            tryDatagram(("{\"a\":\"" + "\\u0041".repeat(10_000)).getBytes(StandardCharsets.US_ASCII));
            tryDatagram("{".repeat(65_000).getBytes(StandardCharsets.US_ASCII));
            tryDatagram("\n".repeat(65_000).getBytes(StandardCharsets.US_ASCII));
            tryLine("CLIENT_RANDOM ".repeat(100_000));
        });
    }

    private static byte[] next(Random r, int i) {
        if (i % 4 == 3) {
            byte[] b = new byte[r.nextInt(300)];
            for (int k = 0; k < b.length; k++) {
                b[k] = r.nextBoolean() ? (byte) r.nextInt(256) : (byte) ALPHABET.charAt(r.nextInt(ALPHABET.length()));
            }
            return b;
        }
        byte[] b = SEEDS.get(r.nextInt(SEEDS.size())).getBytes(StandardCharsets.UTF_8);
        if (i % 4 == 0) {
            return Arrays.copyOf(b, r.nextInt(b.length + 1)); // truncated
        }
        int edits = i % 4 == 1 ? 1 : 1 + r.nextInt(8);
        for (int e = 0; e < edits; e++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(3)) {
                case 0 -> b[at] = (byte) ALPHABET.charAt(r.nextInt(ALPHABET.length()));
                case 1 -> b[at] = (byte) r.nextInt(256);
                default -> {
                    byte[] shorter = new byte[b.length - 1];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                    b = shorter.length == 0 ? b : shorter;
                }
            }
        }
        return b;
    }

    private static boolean tryDatagram(byte[] b) {
        try {
            List<KeyLogEntry> entries = KeyDatagrams.parse(b, 0, b.length);
            assertThat(entries).isNotEmpty().doesNotContainNull();
            KeyDatagrams.looksLikeKeyDatagram(b, 0, b.length);
            return true;
        } catch (KeyLogFormatException e) {
            assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(400);
            return false;
        } catch (RuntimeException | StackOverflowError e) {
            return fail("datagram " + Arrays.toString(b) + " threw " + e, e);
        }
    }

    private static void tryLine(String line) {
        try {
            KeyLogEntry e = KeyLogLine.parse(line);
            if (e != null) {
                assertThat(KeyLogLine.parse(KeyLogLine.format(e))).isEqualTo(e);
            }
        } catch (KeyLogFormatException e) {
            assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(400);
        } catch (RuntimeException e) {
            fail("line " + line + " threw " + e, e);
        }
    }
}
