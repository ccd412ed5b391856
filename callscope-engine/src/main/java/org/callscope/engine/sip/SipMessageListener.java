package org.callscope.engine.sip;

/** Receives each message a {@link SipStreamFramer} cuts, on the thread that feeds the framer. */
@FunctionalInterface
public interface SipMessageListener {
    /** A complete message; {@code tsNanos} is the capture time of the bytes that completed it. */
    void onMessage(SipMessage msg, long tsNanos);
}
