package org.callscope.engine.sdp;

/** a=rtcp (RFC 3605): RTCP port and an optional address (null when absent). */
public record SdpRtcp(int port, SdpConnection connection) {
}
