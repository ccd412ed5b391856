package org.callscope.engine.tls.session;

import java.util.List;

/**
 * What one TLS connection was and how far decryption got.
 *
 * @param version         "TLS 1.2" etc., null when no ServerHello was seen
 * @param cipher          IANA cipher suite name, null when no ServerHello was seen
 * @param decrypted       keys were found and protected records opened
 * @param error           the first reason something was not decrypted, null when nothing went wrong
 * @param keySource       where the secret came from: "key log", "server key", "resumed session", null without one
 * @param records         every record seen, both directions
 * @param protectedRecords records sent under encryption
 * @param decryptedRecords protected records opened and authenticated
 * @param failedRecords   protected records that failed authentication (never passed on)
 * @param undecryptedRecords protected records that had no key (waited too long, or none ever came)
 * @param alerts          alerts seen (plain or decrypted), in order: "client: warning close_notify", at most 8
 */
public record TlsConnectionReport(String clientIp, int clientPort, String serverIp, int serverPort,
                                  String version, String cipher, String serverName, boolean decrypted, String error,
                                  String keySource, boolean resumed, long records, long protectedRecords,
                                  long decryptedRecords, long failedRecords, long undecryptedRecords,
                                  long clientApplicationBytes, long serverApplicationBytes,
                                  long firstNanos, long lastNanos, List<String> alerts) {
}
