package org.callscope.engine.cdr;

import java.time.Instant;
import java.util.List;

/**
 * One finished call: the call detail record. Field meanings follow VoIPmonitor's CDR
 * (caller, called, sipcallerip, lastSIPresponseNum, a_/b_ per-direction RTP) so reports translate.
 * Immutable; built by the call table when a call ends.
 *
 * @param calldate          time of the first INVITE
 * @param callend           time of the last packet of the call (SIP or RTP)
 * @param connectTime       time of the 200 OK to the INVITE, null if not answered
 * @param caller            user part of the From URI
 * @param callername        display name of From, "" if none
 * @param called            user part of the To URI (or of the Request-URI when To has none)
 * @param transport         udp, tcp, tls, ws or wss
 * @param lastSipResponseNum final response to the INVITE (0 when none was seen)
 * @param whohanged         "caller", "callee" or null (no BYE)
 * @param sipMessages       SIP messages seen for this call, retransmissions included
 * @param retransmissions   SIP messages that repeated an earlier one
 * @param dtmf              digits from RFC 4733 events and SIP INFO, in time order
 * @param tls               the TLS connection of the signalling (its latest state), null for other transports
 * @param endReason         why the record was closed: bye, cancel, rejected, rtp_timeout (media stopped), sip_timeout (no media ever), end_of_input, absolute_timeout
 */
public record Cdr(
        String callId,
        Instant calldate,
        Instant callend,
        Instant connectTime,
        String caller,
        String callerDomain,
        String callername,
        String called,
        String calledDomain,
        String sipcallerip,
        int sipcallerport,
        String sipcalledip,
        int sipcalledport,
        String transport,
        int lastSipResponseNum,
        String lastSipResponse,
        String whohanged,
        String userAgentCaller,
        String userAgentCalled,
        int sipMessages,
        int retransmissions,
        String dtmf,
        String endReason,
        List<RtpStreamReport> rtp,
        TlsSummary tls) {

    public Cdr {
        rtp = List.copyOf(rtp);
    }

    public boolean answered() {
        return connectTime != null;
    }

    /** Seconds from the first INVITE to the end of the call. */
    public double durationSeconds() {
        return millisBetween(calldate, callend) / 1000.0;
    }

    /** Seconds from the answer to the end of the call; 0 when not answered. */
    public double connectDurationSeconds() {
        return connectTime == null ? 0 : millisBetween(connectTime, callend) / 1000.0;
    }

    private static long millisBetween(Instant from, Instant to) {
        return Math.max(0, to.toEpochMilli() - from.toEpochMilli());
    }
}
