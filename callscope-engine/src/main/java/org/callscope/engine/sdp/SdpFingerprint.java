package org.callscope.engine.sdp;

/** a=fingerprint (RFC 8122 §5): hash function (as written, e.g. "sha-256") and the hex value. */
public record SdpFingerprint(String hashFunction, String value) {
}
