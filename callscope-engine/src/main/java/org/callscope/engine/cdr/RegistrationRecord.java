package org.callscope.engine.cdr;

import java.time.Instant;

/**
 * The outcome of one REGISTER transaction chain (all REGISTERs sharing a Call-ID until a final
 * answer that is not a challenge), reported apart from calls as VoIPmonitor does.
 *
 * @param state    "ok" (2xx), "failed" (other final answer), "unanswered" (no final answer seen)
 * @param expires  granted expiry in seconds from the 2xx (Contact expires or Expires), -1 if unknown
 * @param attempts REGISTER requests sent, challenges and retransmissions included
 */
public record RegistrationRecord(
        String callId,
        Instant firstSeen,
        Instant lastSeen,
        String user,
        String domain,
        String contact,
        String clientIp,
        int clientPort,
        String serverIp,
        int serverPort,
        String transport,
        String state,
        int responseCode,
        String responseReason,
        int expires,
        int attempts,
        String userAgent) {
}
