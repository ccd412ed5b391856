package org.callscope.engine.sdp;

/** One a= line: name and value (null for a property attribute such as rtcp-mux), RFC 8866 §5.13. */
public record SdpAttribute(String name, String value) {
}
