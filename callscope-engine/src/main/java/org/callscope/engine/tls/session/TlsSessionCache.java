package org.callscope.engine.tls.session;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Master secrets of finished TLS ≤ 1.2 handshakes by session ID and by session ticket, so that an
 * abbreviated handshake resuming them decrypts without a key of its own. Bounded: the least
 * recently used entries go first.
 */
public final class TlsSessionCache {
    private static final int DEFAULT_MAX_ENTRIES = 10_000;

    private final Map<String, byte[]> secrets;

    public TlsSessionCache() {
        this(DEFAULT_MAX_ENTRIES);
    }

    public TlsSessionCache(int maxEntries) {
        this.secrets = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > maxEntries;
            }
        };
    }

    public synchronized void putSessionId(byte[] sessionId, byte[] masterSecret) {
        if (sessionId != null && sessionId.length > 0) {
            secrets.put("id:" + HexFormat.of().formatHex(sessionId), masterSecret.clone());
        }
    }

    public synchronized void putTicket(byte[] ticket, byte[] masterSecret) {
        if (ticket != null && ticket.length > 0) {
            secrets.put("ticket:" + HexFormat.of().formatHex(ticket), masterSecret.clone());
        }
    }

    /** Null when this session ID was not seen completing a handshake. */
    public synchronized byte[] bySessionId(byte[] sessionId) {
        if (sessionId == null || sessionId.length == 0) {
            return null;
        }
        byte[] s = secrets.get("id:" + HexFormat.of().formatHex(sessionId));
        return s == null ? null : s.clone();
    }

    /** Null when no handshake issued this ticket while we watched. */
    public synchronized byte[] byTicket(byte[] ticket) {
        if (ticket == null || ticket.length == 0) {
            return null;
        }
        byte[] s = secrets.get("ticket:" + HexFormat.of().formatHex(ticket));
        return s == null ? null : s.clone();
    }

    public synchronized int size() {
        return secrets.size();
    }
}
