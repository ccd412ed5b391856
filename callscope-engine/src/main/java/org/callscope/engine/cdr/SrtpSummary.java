package org.callscope.engine.cdr;

/**
 * What happened to an SRTP stream's packets.
 *
 * @param suite             the protection suite of the key that decrypted it, null when none did
 * @param keySource         where that key came from: "sdes", "dtls" or "option"; null when none
 * @param decrypted         packets that authenticated and were decrypted
 * @param authFailures      packets whose authentication tag did not verify with any key tried
 * @param withoutKey        packets seen while no key for the stream was known
 */
public record SrtpSummary(String suite, String keySource, long decrypted, long authFailures, long withoutKey) {
}
