package org.callscope.cli;

import java.io.PrintStream;
import java.util.Map;
import org.callscope.engine.cdr.Cdr;
import org.callscope.engine.cdr.CdrSink;
import org.callscope.engine.cdr.JsonWriter;
import org.callscope.engine.cdr.RegistrationRecord;
import org.callscope.engine.cdr.RtpStreamReport;

/** A human-readable listing: one line per call, one indented line per RTP stream. */
final class TableOutput implements CdrSink, OtherMethodsAware {
    private final java.util.Map<String, Long> otherMethods = new java.util.TreeMap<>();
    private final PrintStream out;
    private final boolean registrations;
    private final boolean unassociated;
    private boolean header;

    TableOutput(PrintStream out, boolean registrations, boolean unassociated) {
        this.out = out;
        this.registrations = registrations;
        this.unassociated = unassociated;
    }

    @Override
    public void onCall(Cdr c) {
        if (!header) {
            out.printf("%-24s %9s %-20s %-20s %-4s %4s %-7s %s%n",
                    "calldate", "duration", "caller", "called", "tran", "last", "hangup", "call-id");
            header = true;
        }
        out.printf("%-24s %9.3f %-20s %-20s %-4s %4d %-7s %s%n",
                JsonWriter.ISO_MILLIS.format(c.calldate()), c.durationSeconds(), cut(c.caller()), cut(c.called()),
                c.transport(), c.lastSipResponseNum(), c.whohanged() == null ? "-" : c.whohanged(), c.callId());
        for (RtpStreamReport s : c.rtp()) {
            printStream(s);
        }
    }

    private void printStream(RtpStreamReport s) {
        out.printf("    %s %s %s:%d -> %s:%d %-8s pkts %d lost %d jitter avg/max %.2f/%.2f ms maxdelta %.1f ms MOS %.1f/%.1f/%.1f%s%n",
                s.direction() == null ? "-" : s.direction(), s.ssrcHex(), s.saddr(), s.sport(), s.daddr(), s.dport(),
                s.codec() == null ? "?" : s.codec(), s.packets(), s.lost(), s.jitterAvgMs(), s.jitterMaxMs(),
                s.maxDeltaMs(), s.mosF1(), s.mosF2(), s.mosAdapt(), srtp(s));
    }

    /** " SRTP decrypted (sdes)", " SRTP not decrypted: no key", or nothing for plain RTP. */
    private static String srtp(RtpStreamReport s) {
        if (!s.srtp()) {
            return "";
        }
        if (s.decrypted()) {
            String source = s.srtpDetail() == null ? null : s.srtpDetail().keySource();
            return " SRTP decrypted" + (source == null ? "" : " (" + source + ")");
        }
        return " SRTP not decrypted: " + (s.decryptError() == null ? "no key" : s.decryptError());
    }

    @Override
    public void onRegistration(RegistrationRecord r) {
        if (registrations) {
            out.printf("REGISTER %s %s@%s from %s:%d %s %d %s expires %d attempts %d%n",
                    JsonWriter.ISO_MILLIS.format(r.firstSeen()), r.user(), r.domain(), r.clientIp(), r.clientPort(),
                    r.state(), r.responseCode(), r.responseReason(), r.expires(), r.attempts());
        }
    }

    @Override
    public void onUnassociatedStream(RtpStreamReport stream) {
        if (unassociated) {
            out.print("STREAM");
            printStream(stream);
        }
    }

    @Override
    public void onOtherMethods(Map<String, Long> countsByMethod) {
        otherMethods.putAll(countsByMethod);
        if (!countsByMethod.isEmpty()) {
            out.println("other SIP requests: " + countsByMethod);
        }
    }

    private static String cut(String s) {
        return s.length() <= 20 ? s : s.substring(0, 19) + "…";
    }

    @Override
    public java.util.Map<String, Long> otherMethods() {
        return otherMethods;
    }
}
