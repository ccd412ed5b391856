package org.callscope.engine.call;

import org.callscope.engine.capture.CapturedPacket;

/** Receives a call's frames for its per-call capture. Called on the thread that owns the call. */
public interface CallRecorder {
    CallRecorder NONE = new CallRecorder() {
        @Override
        public void sip(CapturedPacket frame) {
        }

        @Override
        public void rtp(CapturedPacket frame) {
        }

        @Override
        public void close() {
        }
    };

    void sip(CapturedPacket frame);

    void rtp(CapturedPacket frame);

    /** The call ended: flush and release files. */
    void close();

    /** Makes the recorder of a new call. */
    interface Factory {
        CallRecorder open(String callId);
    }
}
