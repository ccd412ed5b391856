package org.callscope.engine.sdp;

/** a=rtpmap (RFC 8866 §6.6): payload type to encoding name, clock rate (-1 when missing) and channels (1 when absent). */
public record Rtpmap(int payloadType, String encodingName, int clockRate, int channels) {
}
