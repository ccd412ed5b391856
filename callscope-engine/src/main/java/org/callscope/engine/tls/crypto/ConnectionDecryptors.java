package org.callscope.engine.tls.crypto;

/**
 * The two directions of one connection's record protection.
 *
 * @param client opens the records the client sent
 * @param server opens the records the server sent
 */
public record ConnectionDecryptors(RecordDecryptor client, RecordDecryptor server) {
}
