package org.callscope.engine.media;

import org.callscope.engine.srtp.SrtpPolicy;

/**
 * A key that may protect a stream, and where it came from: "sdes" (the sender's a=crypto),
 * "dtls" (a DTLS-SRTP handshake on the stream's addresses) or "option" (given by the operator for
 * the sender's address). A key the source offered but that cannot be used carries only a {@link
 * #problem} (e.g. an unsupported suite), so a stream can say why it was not decrypted.
 */
public record SrtpCandidate(SrtpPolicy policy, String source, String problem) {
    public static SrtpCandidate usable(SrtpPolicy policy, String source) {
        return new SrtpCandidate(policy, source, null);
    }

    public static SrtpCandidate unusable(String source, String problem) {
        return new SrtpCandidate(null, source, problem);
    }
}
