package org.callscope.engine.tls.session;

/**
 * Limits for records that wait for their key.
 *
 * @param maxWaitNanos     packet time a record may wait for a late key ({@code ssl_sessionkey_udp_maxwait_ms})
 * @param maxPendingBytes  bytes of records one connection may hold while it waits
 * @param keepKeys         keep key-log secrets after a connection used them ({@code ssl_sessionkey_keep})
 */
public record TlsSettings(long maxWaitNanos, int maxPendingBytes, boolean keepKeys) {
    public static final TlsSettings DEFAULTS = new TlsSettings(2_000_000_000L, 1 << 20, true);

    public TlsSettings {
        if (maxWaitNanos < 0 || maxPendingBytes < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
    }
}
