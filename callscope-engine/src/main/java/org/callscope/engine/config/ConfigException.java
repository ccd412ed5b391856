package org.callscope.engine.config;

/** A configuration file or value that cannot be used; the message says what and where. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }
}
