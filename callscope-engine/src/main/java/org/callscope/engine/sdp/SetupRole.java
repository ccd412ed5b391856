package org.callscope.engine.sdp;

import java.util.Locale;

/** a=setup (RFC 4145 §4, used by DTLS-SRTP per RFC 5763): who opens the connection. */
public enum SetupRole {
    ACTIVE, PASSIVE, ACTPASS, HOLDCONN;

    /** The role for an attribute value, case-insensitively, or null. */
    static SetupRole of(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "active" -> ACTIVE;
            case "passive" -> PASSIVE;
            case "actpass" -> ACTPASS;
            case "holdconn" -> HOLDCONN;
            default -> null;
        };
    }
}
