package org.callscope.engine.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a configuration file in VoIPmonitor's syntax: {@code key = value} lines, keys may repeat,
 * {@code #} and {@code ;} start comments, an optional {@code [general]} section header.
 *
 * <p>Lines of other sections are skipped with a warning, as the original only reads
 * {@code [general]}. A line that is not {@code key = value} is an error naming file and line.
 */
public final class ConfigFileReader {
    /** Longest line accepted; configuration values are short, a longer line is a wrong file. */
    static final int MAX_LINE_LENGTH = 8192;

    private ConfigFileReader() {
    }

    public static ConfigFile read(Path path) throws ConfigException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(path + ": cannot read configuration file: " + e.getMessage());
        }
        return parse(text, path.toString());
    }

    public static ConfigFile parse(String text, String name) throws ConfigException {
        List<ConfigEntry> entries = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        boolean inGeneral = true;
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i];
            if (line.length() > MAX_LINE_LENGTH) {
                throw new ConfigException(name + ":" + lineNo + ": line longer than " + MAX_LINE_LENGTH + " characters");
            }
            String trimmed = stripComment(line).strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.startsWith("[")) {
                if (!trimmed.endsWith("]")) {
                    throw new ConfigException(name + ":" + lineNo + ": unterminated section header '" + trimmed + "'");
                }
                String section = trimmed.substring(1, trimmed.length() - 1).strip();
                inGeneral = section.equalsIgnoreCase("general");
                if (!inGeneral) {
                    warnings.add(name + ":" + lineNo + ": section [" + section + "] is not read (only [general] is)");
                }
                continue;
            }
            if (!inGeneral) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(name + ":" + lineNo + ": expected 'key = value', found '" + trimmed + "'");
            }
            String key = trimmed.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT);
            String value = unquote(trimmed.substring(eq + 1).strip());
            if (!key.matches("[a-z0-9_.\\-]+")) {
                throw new ConfigException(name + ":" + lineNo + ": '" + key + "' is not a valid key");
            }
            entries.add(new ConfigEntry(key, value, name, lineNo));
        }
        return new ConfigFile(name, entries, warnings);
    }

    /** {@code #} or {@code ;} starts a comment unless inside double quotes. */
    private static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '#' || c == ';')) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
