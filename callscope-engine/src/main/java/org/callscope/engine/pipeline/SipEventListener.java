package org.callscope.engine.pipeline;

import org.callscope.engine.call.SipEvent;

/** Sees every SIP message the analyzer recovers, in capture order, on the signalling thread. */
@FunctionalInterface
public interface SipEventListener {
    void onSip(SipEvent event);
}
