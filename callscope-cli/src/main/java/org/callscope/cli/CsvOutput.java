package org.callscope.cli;

import java.io.PrintStream;
import org.callscope.engine.cdr.Cdr;
import org.callscope.engine.cdr.CdrSink;
import org.callscope.engine.cdr.JsonWriter;
import org.callscope.engine.cdr.RegistrationRecord;
import org.callscope.engine.cdr.RtpStreamReport;

/**
 * CSV with a header line (RFC 4180 quoting), one row per call; per-direction RTP columns carry
 * VoIPmonitor's a_ (caller sent) and b_ (callee sent) prefixes, taken from each side's busiest stream.
 */
final class CsvOutput implements CdrSink, OtherMethodsAware {
    private final java.util.Map<String, Long> otherMethods = new java.util.TreeMap<>();
    private static final String HEADER = "call_id,calldate,callend,duration,connect_duration,answered,caller,caller_domain,"
            + "callername,called,called_domain,sipcallerip,sipcallerport,sipcalledip,sipcalledport,transport,"
            + "lastSIPresponseNum,lastSIPresponse,whohanged,user_agent_caller,user_agent_called,sip_messages,dtmf,"
            + "a_ssrc,a_codec,a_packets,a_lost,a_jitter_avg_ms,a_jitter_max_ms,a_max_delta_ms,a_mos_f1,a_mos_f2,a_mos_adapt,"
            + "b_ssrc,b_codec,b_packets,b_lost,b_jitter_avg_ms,b_jitter_max_ms,b_max_delta_ms,b_mos_f1,b_mos_f2,b_mos_adapt";

    private final PrintStream out;
    private boolean header;

    CsvOutput(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onCall(Cdr c) {
        if (!header) {
            out.println(HEADER);
            header = true;
        }
        StringBuilder sb = new StringBuilder(512);
        add(sb, c.callId()).add(sb, JsonWriter.ISO_MILLIS.format(c.calldate())).add(sb, JsonWriter.ISO_MILLIS.format(c.callend()))
                .add(sb, fmt(c.durationSeconds())).add(sb, fmt(c.connectDurationSeconds())).add(sb, String.valueOf(c.answered()))
                .add(sb, c.caller()).add(sb, c.callerDomain()).add(sb, c.callername()).add(sb, c.called()).add(sb, c.calledDomain())
                .add(sb, c.sipcallerip()).add(sb, String.valueOf(c.sipcallerport())).add(sb, c.sipcalledip())
                .add(sb, String.valueOf(c.sipcalledport())).add(sb, c.transport()).add(sb, String.valueOf(c.lastSipResponseNum()))
                .add(sb, c.lastSipResponse()).add(sb, c.whohanged() == null ? "" : c.whohanged())
                .add(sb, c.userAgentCaller()).add(sb, c.userAgentCalled()).add(sb, String.valueOf(c.sipMessages())).add(sb, c.dtmf());
        direction(sb, c, "a");
        direction(sb, c, "b");
        sb.setLength(sb.length() - 1);
        out.println(sb);
    }

    private void direction(StringBuilder sb, Cdr c, String side) {
        RtpStreamReport best = null;
        for (RtpStreamReport s : c.rtp()) {
            if (side.equals(s.direction()) && (best == null || s.packets() > best.packets())) {
                best = s;
            }
        }
        if (best == null) {
            for (int i = 0; i < 10; i++) {
                sb.append(',');
            }
            return;
        }
        add(sb, best.ssrcHex()).add(sb, best.codec() == null ? "" : best.codec()).add(sb, String.valueOf(best.packets()))
                .add(sb, String.valueOf(best.lost())).add(sb, fmt(best.jitterAvgMs())).add(sb, fmt(best.jitterMaxMs()))
                .add(sb, fmt(best.maxDeltaMs())).add(sb, fmt(best.mosF1())).add(sb, fmt(best.mosF2())).add(sb, fmt(best.mosAdapt()));
    }

    private CsvOutput add(StringBuilder sb, String value) {
        String v = value == null ? "" : value;
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            sb.append('"').append(v.replace("\"", "\"\"")).append('"');
        } else {
            sb.append(v);
        }
        sb.append(',');
        return this;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "" : String.format(java.util.Locale.ROOT, "%.3f", v);
    }

    @Override
    public void onRegistration(RegistrationRecord registration) {
    }

    @Override
    public void onUnassociatedStream(RtpStreamReport stream) {
    }

    @Override
    public void onOtherMethods(java.util.Map<String, Long> countsByMethod) {
        otherMethods.putAll(countsByMethod);
    }

    @Override
    public java.util.Map<String, Long> otherMethods() {
        return otherMethods;
    }
}
