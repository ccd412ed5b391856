package org.callscope.engine.sdp;

/** The o= line (RFC 8866 §5.2). Session id and version are kept as text (they may exceed 64 bits). */
public record SdpOrigin(String username, String sessionId, String sessionVersion, String netType,
        String addrType, String address) {
}
