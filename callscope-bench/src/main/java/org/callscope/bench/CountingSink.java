package org.callscope.bench;

import org.callscope.engine.cdr.Cdr;
import org.callscope.engine.cdr.CdrSink;
import org.callscope.engine.cdr.RegistrationRecord;
import org.callscope.engine.cdr.RtpStreamReport;

/** Counts records instead of printing them, so a benchmark can check the engine saw what it was fed. */
public final class CountingSink implements CdrSink {
    public long calls;
    public long callStreams;
    public long callRtpPackets;
    public long unassociatedStreams;

    @Override
    public void onCall(Cdr cdr) {
        calls++;
        callStreams += cdr.rtp().size();
        for (RtpStreamReport r : cdr.rtp()) {
            callRtpPackets += r.packets();
        }
    }

    @Override
    public void onRegistration(RegistrationRecord registration) {
    }

    @Override
    public void onUnassociatedStream(RtpStreamReport stream) {
        unassociatedStreams++;
    }

    @Override
    public String toString() {
        return "calls=" + calls + " streams=" + callStreams + " packets=" + callRtpPackets
                + " unassociated=" + unassociatedStreams;
    }
}
