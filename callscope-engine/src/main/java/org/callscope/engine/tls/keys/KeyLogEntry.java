package org.callscope.engine.tls.keys;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One secret: for RSA the id is the first 8 bytes of the encrypted pre-master and the secret the
 * 48-byte pre-master; otherwise the id is the 32-byte client random. Sizes are checked when the
 * entry is made; the arrays are copied in and out, so an entry never changes.
 *
 * @throws IllegalArgumentException when a size does not fit the label
 */
public record KeyLogEntry(SecretLabel label, byte[] id, byte[] secret) {
    public KeyLogEntry {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
        if (id.length != label.idBytes()) {
            throw new IllegalArgumentException(label + ": " + label.idDescription() + " must be " + label.idBytes()
                    + " bytes, got " + id.length);
        }
        if (!label.acceptsSecretBytes(secret.length)) {
            throw new IllegalArgumentException(label + ": " + label.secretDescription() + " must be "
                    + label.secretSizes() + ", got " + secret.length + " bytes");
        }
        id = id.clone();
        secret = secret.clone();
    }

    @Override
    public byte[] id() {
        return id.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyLogEntry other && label == other.label && Arrays.equals(id, other.id)
                && Arrays.equals(secret, other.secret);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * label.hashCode() + Arrays.hashCode(id)) + Arrays.hashCode(secret);
    }

    /** Label and id only: secrets stay out of logs. */
    @Override
    public String toString() {
        return "KeyLogEntry[" + label + " " + HexFormat.of().formatHex(id) + ", " + secret.length + "-byte secret]";
    }
}
