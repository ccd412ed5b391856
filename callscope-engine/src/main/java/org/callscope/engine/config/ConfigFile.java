package org.callscope.engine.config;

import java.util.List;

/**
 * The entries of one configuration file in file order, with the warnings reading it produced.
 * Immutable.
 */
public record ConfigFile(String name, List<ConfigEntry> entries, List<String> warnings) {
    public ConfigFile {
        entries = List.copyOf(entries);
        warnings = List.copyOf(warnings);
    }

    /** All entries with this key, in file order (keys may repeat). */
    public List<ConfigEntry> all(String key) {
        return entries.stream().filter(e -> e.key().equals(key)).toList();
    }
}
