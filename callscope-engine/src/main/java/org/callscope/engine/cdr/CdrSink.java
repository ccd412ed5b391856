package org.callscope.engine.cdr;

import java.util.Map;

/**
 * Where finished records go: stdout, a database, a sensor uplink. Called on the signalling
 * thread, in the order records finish.
 */
public interface CdrSink {
    /** Discards every record. */
    CdrSink NONE = new CdrSink() {
        @Override
        public void onCall(Cdr cdr) {
        }

        @Override
        public void onRegistration(RegistrationRecord registration) {
        }

        @Override
        public void onUnassociatedStream(RtpStreamReport stream) {
        }
    };

    void onCall(Cdr cdr);

    void onRegistration(RegistrationRecord registration);

    /** RTP streams that no call claimed, reported once at the end of input or when they time out. */
    void onUnassociatedStream(RtpStreamReport stream);

    /** Non-call, non-REGISTER SIP requests (OPTIONS, MESSAGE, …) counted by method, at the end. */
    default void onOtherMethods(Map<String, Long> countsByMethod) {
    }
}
