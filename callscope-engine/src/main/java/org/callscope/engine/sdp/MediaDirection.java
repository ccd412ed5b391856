package org.callscope.engine.sdp;

/** Media direction attributes (RFC 8866 §6.7); sendrecv is the default. */
public enum MediaDirection {
    SENDRECV, SENDONLY, RECVONLY, INACTIVE;

    /** The direction named by an attribute, or null when the name is not a direction. */
    static MediaDirection of(String attribute) {
        return switch (attribute) {
            case "sendrecv" -> SENDRECV;
            case "sendonly" -> SENDONLY;
            case "recvonly" -> RECVONLY;
            case "inactive" -> INACTIVE;
            default -> null;
        };
    }
}
