package org.callscope.engine.cdr;

/**
 * The JSON form of records: one object per line. The field names are a contract that later
 * tooling depends on; add fields, never rename.
 */
public final class CdrJson {
    private CdrJson() {
    }

    public static String toJson(Cdr c) {
        StringBuilder sb = new StringBuilder(1024);
        JsonWriter w = new JsonWriter(sb);
        w.beginObject()
                .field("type", "call")
                .field("call_id", c.callId())
                .field("calldate", c.calldate())
                .field("callend", c.callend())
                .field("duration", c.durationSeconds(), 3)
                .field("connect_duration", c.connectDurationSeconds(), 3)
                .field("answered", c.answered())
                .field("caller", c.caller())
                .field("caller_domain", c.callerDomain())
                .field("callername", c.callername())
                .field("called", c.called())
                .field("called_domain", c.calledDomain())
                .field("sipcallerip", c.sipcallerip())
                .field("sipcallerport", c.sipcallerport())
                .field("sipcalledip", c.sipcalledip())
                .field("sipcalledport", c.sipcalledport())
                .field("transport", c.transport())
                .field("lastSIPresponseNum", c.lastSipResponseNum())
                .field("lastSIPresponse", c.lastSipResponse())
                .field("whohanged", c.whohanged())
                .field("user_agent_caller", c.userAgentCaller())
                .field("user_agent_called", c.userAgentCalled())
                .field("sip_messages", c.sipMessages())
                .field("sip_retransmissions", c.retransmissions())
                .field("dtmf", c.dtmf())
                .field("end_reason", c.endReason());
        if (c.tls() == null) {
            w.nullField("tls");
        } else {
            w.beginObject("tls")
                    .field("version", c.tls().version())
                    .field("cipher", c.tls().cipher())
                    .field("decrypted", c.tls().decrypted())
                    .field("error", c.tls().error())
                    .endObject();
        }
        w.beginArray("rtp");
        for (RtpStreamReport s : c.rtp()) {
            writeStream(w, s);
        }
        w.endArray();
        w.endObject();
        return sb.toString();
    }

    public static String toJson(RtpStreamReport s) {
        StringBuilder sb = new StringBuilder(512);
        JsonWriter w = new JsonWriter(sb);
        w.beginObject().field("type", "stream");
        writeStreamFields(w, s);
        w.endObject();
        return sb.toString();
    }

    public static String toJson(RegistrationRecord r) {
        StringBuilder sb = new StringBuilder(512);
        new JsonWriter(sb).beginObject()
                .field("type", "registration")
                .field("call_id", r.callId())
                .field("calldate", r.firstSeen())
                .field("lastseen", r.lastSeen())
                .field("user", r.user())
                .field("domain", r.domain())
                .field("contact", r.contact())
                .field("clientip", r.clientIp())
                .field("clientport", r.clientPort())
                .field("serverip", r.serverIp())
                .field("serverport", r.serverPort())
                .field("transport", r.transport())
                .field("state", r.state())
                .field("lastSIPresponseNum", r.responseCode())
                .field("lastSIPresponse", r.responseReason())
                .field("expires", r.expires())
                .field("attempts", r.attempts())
                .field("user_agent", r.userAgent())
                .endObject();
        return sb.toString();
    }

    private static void writeStream(JsonWriter w, RtpStreamReport s) {
        w.beginObject();
        writeStreamFields(w, s);
        w.endObject();
    }

    private static void writeStreamFields(JsonWriter w, RtpStreamReport s) {
        w.field("ssrc", s.ssrcHex())
                .field("saddr", s.saddr())
                .field("sport", s.sport())
                .field("daddr", s.daddr())
                .field("dport", s.dport())
                .field("direction", s.direction())
                .field("payload", s.payload())
                .field("codec", s.codec())
                .field("packets", s.packets())
                .field("lost", s.lost())
                .field("duplicates", s.duplicates())
                .field("out_of_order", s.outOfOrder())
                .field("jitter_avg_ms", s.jitterAvgMs(), 3)
                .field("jitter_max_ms", s.jitterMaxMs(), 3)
                .field("max_delta_ms", s.maxDeltaMs(), 3)
                .field("mos_f1", s.mosF1(), 2)
                .field("mos_f2", s.mosF2(), 2)
                .field("mos_adapt", s.mosAdapt(), 2)
                .field("delay_buckets", s.delayBuckets())
                .field("first_packet", s.firstPacket())
                .field("last_packet", s.lastPacket())
                .field("srtp", s.srtp())
                .field("decrypted", s.decrypted())
                .field("decrypt_error", s.decryptError());
        SrtpSummary k = s.srtpDetail();
        if (k != null) {
            w.beginObject("srtp_detail")
                    .field("suite", k.suite())
                    .field("key_source", k.keySource())
                    .field("decrypted_packets", k.decrypted())
                    .field("auth_failures", k.authFailures())
                    .field("packets_without_key", k.withoutKey())
                    .endObject();
        }
        RtcpSummary r = s.rtcp();
        if (r == null) {
            w.nullField("rtcp");
        } else {
            w.beginObject("rtcp")
                    .field("reports", r.reports())
                    .field("fraction_lost_max", r.fractionLostMax(), 4)
                    .field("cumulative_lost", r.cumulativeLost())
                    .field("jitter_max_ms", r.jitterMaxMs(), 3)
                    .field("rtt_avg_ms", r.rttAvgMs(), 3)
                    .field("rtt_max_ms", r.rttMaxMs(), 3)
                    .field("xr_reports", r.xrReports())
                    .field("xr_loss_rate", r.xrLossRate(), 4)
                    .field("xr_discard_rate", r.xrDiscardRate(), 4)
                    .field("xr_rtt_ms", r.xrRoundTripMs(), 0)
                    .field("xr_mos_lq", r.xrMosLq(), 1)
                    .field("xr_mos_cq", r.xrMosCq(), 1)
                    .endObject();
        }
    }
}
