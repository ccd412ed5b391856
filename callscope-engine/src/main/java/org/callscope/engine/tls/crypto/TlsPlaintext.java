package org.callscope.engine.tls.crypto;

/**
 * One decrypted record.
 *
 * @param contentType the real content type: the record header's, or in TLS 1.3 the inner type
 * @param data        the plaintext fragment, owned by the caller
 */
public record TlsPlaintext(int contentType, byte[] data) {
}
