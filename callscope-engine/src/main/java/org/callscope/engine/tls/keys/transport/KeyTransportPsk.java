package org.callscope.engine.tls.keys.transport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The external pre-shared key both ends of the secure key transport derive from their shared
 * secret (docs/KEY-TRANSPORT.md): {@code HMAC-SHA256(key = SECRET, message = "callscope keylog psk v1")},
 * 32 bytes, offered under the identity {@value #IDENTITY}. The secret must have at least
 * {@value #MIN_SECRET_BYTES} bytes in UTF-8. Messages about a secret name where it came from and
 * its length, never its bytes; {@link #toString()} does the same for the key.
 */
public final class KeyTransportPsk {
    /** The PSK identity (RFC 8446 §4.2.11) both ends use. */
    public static final String IDENTITY = "callscope-keylog-v1";
    /** Shortest secret either end accepts. */
    public static final int MIN_SECRET_BYTES = 16;
    /** Bytes of the derived key: the output of HMAC-SHA256, and the hash length of TLS_AES_128_GCM_SHA256. */
    public static final int PSK_BYTES = 32;
    /** A secret file holds one line; anything much longer is not one. */
    private static final int MAX_SECRET_FILE_LINE_BYTES = 4096;
    private static final byte[] LABEL = "callscope keylog psk v1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] key;

    private KeyTransportPsk(byte[] key) {
        this.key = key;
    }

    /**
     * The key for {@code secret} (its UTF-8 bytes).
     *
     * @param source where the secret came from, for the message ("ssl_sessionkey_secret at FILE:LINE")
     * @throws IllegalArgumentException when the secret is shorter than {@value #MIN_SECRET_BYTES} bytes
     */
    public static KeyTransportPsk fromSecret(String secret, String source) {
        return fromSecret(secret.getBytes(StandardCharsets.UTF_8), source);
    }

    /**
     * The key for {@code secret}; the array is not kept.
     *
     * @throws IllegalArgumentException when the secret is shorter than {@value #MIN_SECRET_BYTES} bytes
     */
    public static KeyTransportPsk fromSecret(byte[] secret, String source) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the shared secret from " + source + " is too short: "
                    + secret.length + (secret.length == 1 ? " byte" : " bytes") + ", at least "
                    + MIN_SECRET_BYTES + " are required");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return new KeyTransportPsk(mac.doFinal(LABEL));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }

    /**
     * The key for the secret on the first line of {@code file}: its bytes up to the first LF,
     * without the LF and a CR before it.
     *
     * @throws IOException              when the file cannot be read; the message names it and why
     * @throws IllegalArgumentException when the secret is too short
     */
    public static KeyTransportPsk fromFile(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null, "is a directory, not a file");
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (line.size() == MAX_SECRET_FILE_LINE_BYTES) {
                    throw new IOException(file + ": the first line is longer than " + MAX_SECRET_FILE_LINE_BYTES
                            + " bytes; expected the shared secret alone");
                }
                line.write(b);
            }
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(file.toString(), null, "permission denied");
        }
        byte[] secret = line.toByteArray();
        int length = secret.length > 0 && secret[secret.length - 1] == '\r' ? secret.length - 1 : secret.length;
        byte[] trimmed = Arrays.copyOf(secret, length);
        Arrays.fill(secret, (byte) 0);
        try {
            return fromSecret(trimmed, file.toString());
        } finally {
            Arrays.fill(trimmed, (byte) 0);
        }
    }

    /** A copy of the 32 key bytes, for the TLS peers. */
    byte[] bytes() {
        return key.clone();
    }

    @Override
    public String toString() {
        return "KeyTransportPsk[" + IDENTITY + ", " + key.length + " bytes]";
    }
}
