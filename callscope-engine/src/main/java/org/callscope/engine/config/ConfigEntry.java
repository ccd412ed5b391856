package org.callscope.engine.config;

/**
 * One {@code key = value} line of a configuration file.
 *
 * @param key   lower-cased key as written
 * @param value the value with surrounding blanks and quotes removed
 * @param file  where it was read (for messages)
 * @param line  1-based line number
 */
public record ConfigEntry(String key, String value, String file, int line) {
    /** "file:line" for messages. */
    public String where() {
        return file + ":" + line;
    }
}
