package org.callscope.engine.srtp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.callscope.engine.testsupport.SharedTestData;

/**
 * Reads the published SRTP vectors under {@code third_party}: libsrtp's arrays as flat JSON objects
 * of strings, and hex blocks out of RFC text. Tests skip when the folder is absent.
 */
final class PublishedVectors {
    private static final Pattern OBJECT = Pattern.compile("\\{[^{}]*}");
    private static final Pattern MEMBER = Pattern.compile("\"([^\"]+)\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern HEX_LINE = Pattern.compile("(?:[0-9a-fA-F]{2,}\\s*)+");

    private PublishedVectors() {
    }

    static String text(String relative) {
        try {
            return Files.readString(SharedTestData.file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every flat {"name": "value"} object of a JSON file, in order. */
    static List<Map<String, String>> jsonObjects(String relative) {
        List<Map<String, String>> objects = new ArrayList<>();
        Matcher o = OBJECT.matcher(text(relative));
        while (o.find()) {
            Map<String, String> members = new LinkedHashMap<>();
            Matcher m = MEMBER.matcher(o.group());
            while (m.find()) {
                members.put(m.group(1), m.group(2));
            }
            objects.add(members);
        }
        return objects;
    }

    /** Index of {@code heading} in {@code text}, failing when absent. */
    static int section(String text, String heading) {
        int at = text.indexOf(heading);
        if (at < 0) {
            throw new AssertionError("no '" + heading + "' in the vectors");
        }
        return at;
    }

    /**
     * The hex after the first {@code label} at or after {@code from}: the hex groups that follow it on
     * its line (up to a comment such as "(AES-CM output)") and the following lines made only of hex
     * groups (blank lines before the first are skipped).
     */
    static byte[] hexAfter(String text, int from, String label) {
        int at = text.indexOf(label, from);
        if (at < 0) {
            throw new AssertionError("no '" + label + "' after offset " + from);
        }
        String[] lines = text.substring(at + label.length()).split("\n", -1);
        StringBuilder hex = new StringBuilder();
        for (String token : lines[0].trim().split("\\s+")) {
            if (token.isEmpty() || !HEX_LINE.matcher(token).matches()) {
                break;
            }
            hex.append(token);
        }
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() && hex.isEmpty()) {
                continue;
            }
            if (line.isEmpty() || !HEX_LINE.matcher(line).matches()) {
                break;
            }
            hex.append(line);
        }
        if (hex.isEmpty()) {
            throw new AssertionError("no hex after '" + label + "'");
        }
        return hex(hex.toString());
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    static String hex(byte[] b, int off, int len) {
        return HexFormat.of().formatHex(b, off, off + len);
    }

    static Path file(String relative) {
        return SharedTestData.file(relative);
    }
}
