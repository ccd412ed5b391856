package org.callscope.cli;

import java.io.PrintStream;
import org.callscope.engine.cdr.Cdr;
import org.callscope.engine.cdr.CdrJson;
import org.callscope.engine.cdr.CdrSink;
import org.callscope.engine.cdr.RegistrationRecord;
import org.callscope.engine.cdr.RtpStreamReport;

/** One JSON object per line; calls always, registrations and unassociated streams when asked. */
final class JsonLinesOutput implements CdrSink, OtherMethodsAware {
    private final java.util.Map<String, Long> otherMethods = new java.util.TreeMap<>();
    private final PrintStream out;
    private final boolean registrations;
    private final boolean unassociated;

    JsonLinesOutput(PrintStream out, boolean registrations, boolean unassociated) {
        this.out = out;
        this.registrations = registrations;
        this.unassociated = unassociated;
    }

    @Override
    public void onCall(Cdr cdr) {
        out.println(CdrJson.toJson(cdr));
    }

    @Override
    public void onRegistration(RegistrationRecord registration) {
        if (registrations) {
            out.println(CdrJson.toJson(registration));
        }
    }

    @Override
    public void onUnassociatedStream(RtpStreamReport stream) {
        if (unassociated) {
            out.println(CdrJson.toJson(stream));
        }
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
