package org.callscope.engine.config;

import java.util.Locale;

/** Parsing of configuration values, with messages that name the file, line and key. */
final class Values {
    private Values() {
    }

    static int positiveInt(ConfigEntry e) throws ConfigException {
        int v = integer(e);
        if (v <= 0) {
            throw invalid(e, "'" + e.value() + "' is not a positive whole number");
        }
        return v;
    }

    static int nonNegativeInt(ConfigEntry e) throws ConfigException {
        int v = integer(e);
        if (v < 0) {
            throw invalid(e, "'" + e.value() + "' is negative");
        }
        return v;
    }

    static int port(ConfigEntry e) throws ConfigException {
        int v = integer(e);
        if (v < 1 || v > 65_535) {
            throw invalid(e, "'" + e.value() + "' is not a port number (1-65535)");
        }
        return v;
    }

    private static int integer(ConfigEntry e) throws ConfigException {
        try {
            return Integer.parseInt(e.value().trim());
        } catch (NumberFormatException ex) {
            throw invalid(e, "'" + e.value() + "' is not a whole number");
        }
    }

    static boolean yesNo(ConfigEntry e) throws ConfigException {
        return switch (e.value().toLowerCase(Locale.ROOT)) {
            case "yes", "y", "1", "true", "on" -> true;
            case "no", "n", "0", "false", "off" -> false;
            default -> throw invalid(e, "'" + e.value() + "' is not yes or no");
        };
    }

    static String nonEmpty(ConfigEntry e) throws ConfigException {
        if (e.value().isEmpty()) {
            throw invalid(e, "a value is required");
        }
        return e.value();
    }

    static ConfigException invalid(ConfigEntry e, String why) {
        return new ConfigException(e.where() + ": invalid value for '" + e.key() + "': " + why);
    }
}
