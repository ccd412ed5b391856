package org.callscope.engine.tls.keys;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.PrivateKey;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RSA private keys of TLS servers by address and port, as VoIPmonitor's
 * {@code ssl_ipport = 10.0.0.1 : 5061 /etc/private.key} configures them. Port 0 means any port of
 * that address; an exact port wins over it. Filled at start-up, read by the capture thread.
 */
public final class ServerKeys {
    private final Map<IpPort, PrivateKey> keys = new ConcurrentHashMap<>();

    /**
     * Adds (or replaces) the key of {@code ip}:{@code port}.
     *
     * @throws IllegalArgumentException when {@code ip} is no IP literal or the port is out of range
     */
    public void add(String ip, int port, PrivateKey key) {
        keys.put(new IpPort(ip, port), Objects.requireNonNull(key, "key"));
    }

    /**
     * The key for a server at {@code addr} (4 or 16 bytes, network order) and {@code port}, or
     * null.
     *
     * @throws IllegalArgumentException when {@code addr} is neither 4 nor 16 bytes
     */
    public PrivateKey find(byte[] addr, int port) {
        if (addr.length != 4 && addr.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, got " + addr.length);
        }
        if (keys.isEmpty()) {
            return null;
        }
        try {
            return lookup(InetAddress.getByAddress(addr).getHostAddress(), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    /**
     * The key for a server at {@code ip} (any spelling of the literal) and {@code port}, or null.
     *
     * @throws IllegalArgumentException when {@code ip} is no IP literal
     */
    public PrivateKey find(String ip, int port) {
        return keys.isEmpty() ? null : lookup(IpPort.canonical(ip), port);
    }

    private PrivateKey lookup(String canonicalIp, int port) {
        PrivateKey exact = keys.get(new IpPort(canonicalIp, port));
        return exact != null ? exact : keys.get(new IpPort(canonicalIp, 0));
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** The configured endpoints (a snapshot). */
    public Set<IpPort> endpoints() {
        return Set.copyOf(keys.keySet());
    }
}
