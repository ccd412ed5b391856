package org.callscope.engine.tls.keys;

/**
 * Where receivers put the secrets they get: {@link SessionKeys} for an analysis, or a sink that
 * also writes each new secret out (a standalone receiver). Called from receiver threads at once,
 * so an implementation is thread-safe.
 */
@FunctionalInterface
public interface KeySink {
    /**
     * Takes {@code entry}.
     *
     * @return false when it was nothing new (the same secret was already there)
     */
    boolean add(KeyLogEntry entry);
}
