package org.callscope.engine.cdr;

/**
 * The TLS connection that carried a call's signalling, as the CDR shows it.
 *
 * @param version   "TLS 1.2" etc., null if the handshake was not seen
 * @param cipher    IANA cipher suite name, null if the handshake was not seen
 * @param decrypted whether records of the connection were decrypted
 * @param error     the first thing that went wrong on that connection, null if nothing did
 */
public record TlsSummary(String version, String cipher, boolean decrypted, String error) {
}
