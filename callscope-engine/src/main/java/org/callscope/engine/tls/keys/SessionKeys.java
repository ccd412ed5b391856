package org.callscope.engine.tls.keys;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Objects;

/**
 * Secrets by (label, id), shared between the threads that receive keys (file loading, UDP
 * receivers) and the capture thread that looks them up when a handshake needs one. Bounded: when
 * full, the entry added (or logged again) longest ago goes first. Lookups and adds take one short lock; {@link
 * #version()} is read without it, so a connection waiting for its key can check cheaply whether
 * anything arrived since it last looked.
 */
public final class SessionKeys implements KeySink {
    /**
     * Default bound: a TLS 1.3 connection logs five secrets, so this holds the keys of about fifty
     * thousand recent connections in some tens of megabytes.
     */
    public static final int DEFAULT_MAX_ENTRIES = 1 << 18;

    private final int maxEntries;
    private final LinkedHashMap<SecretId, byte[]> secrets = new LinkedHashMap<>();
    private volatile long version;

    public SessionKeys() {
        this(DEFAULT_MAX_ENTRIES);
    }

    /** A store holding at most {@code maxEntries} secrets. */
    public SessionKeys(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, got " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    /**
     * Stores {@code e}, replacing a different secret under the same label and id (a newer log line
     * wins) and evicting the oldest entry when full.
     *
     * @return false if this exact entry was already there (nothing changed)
     */
    @Override
    public boolean add(KeyLogEntry e) {
        SecretId key = new SecretId(e.label(), e.id());
        byte[] secret = e.secret();
        synchronized (secrets) {
            byte[] old = secrets.remove(key);
            secrets.put(key, secret); // (re)inserted as the newest
            if (old != null && Arrays.equals(old, secret)) {
                return false;
            }
            if (secrets.size() > maxEntries) {
                Iterator<SecretId> oldest = secrets.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            version++;
            return true;
        }
    }

    /** The secret for {@code label} and {@code id} (a copy), or null when absent. */
    public byte[] find(SecretLabel label, byte[] id) {
        SecretId key = new SecretId(Objects.requireNonNull(label, "label"), id.clone());
        synchronized (secrets) {
            byte[] secret = secrets.get(key);
            return secret == null ? null : secret.clone();
        }
    }

    /** The TLS 1.2 (and earlier) master secret logged for this client random, or null. */
    public byte[] masterSecret(byte[] clientRandom) {
        return find(SecretLabel.CLIENT_RANDOM, clientRandom);
    }

    /**
     * Increases whenever an add changes the store. A connection that found no key remembers the
     * version and looks again only once it has moved.
     */
    public long version() {
        return version;
    }

    public int size() {
        synchronized (secrets) {
            return secrets.size();
        }
    }

    /** The bound given at construction. */
    public int maxEntries() {
        return maxEntries;
    }

    /**
     * Drops one secret, as a consumer may once it has used it when keys are not to be kept
     * (VoIPmonitor's {@code ssl_sessionkey_keep = no}). Does not change {@link #version()}.
     */
    public void remove(SecretLabel label, byte[] id) {
        SecretId key = new SecretId(Objects.requireNonNull(label, "label"), id.clone());
        synchronized (secrets) {
            secrets.remove(key);
        }
    }

    /** Map key: label plus id bytes, compared by content. The id array is never shared outside. */
    private static final class SecretId {
        private final SecretLabel label;
        private final byte[] id;
        private final int hash;

        SecretId(SecretLabel label, byte[] id) {
            this.label = label;
            this.id = id;
            this.hash = 31 * label.hashCode() + Arrays.hashCode(id);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SecretId other && label == other.label && Arrays.equals(id, other.id);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
