package org.callscope.bench;

import java.io.IOException;

/** Receives generated frames in time order; {@code buf} is reused after the call returns. */
@FunctionalInterface
public interface FrameSink {
    void frame(FrameKind kind, long tsNanos, byte[] buf, int off, int len) throws IOException;

    /** What a generated frame carries, so benchmarks can pick the frames they need. */
    enum FrameKind {
        /** INVITE, 100, 180, 200 and ACK: everything that sets the call and its media up. */
        SIP_SETUP,
        /** BYE and its 200. */
        SIP_TEARDOWN,
        RTP
    }
}
