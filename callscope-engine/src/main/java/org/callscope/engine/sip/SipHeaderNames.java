package org.callscope.engine.sip;

import java.util.Locale;

/**
 * Compact header forms (RFC 3261 §7.3.3 and §20, plus RFC 3265/6665 o and u, RFC 3515 r,
 * RFC 3892 b, RFC 4028 x), mapped both ways so a lookup by either name finds both spellings.
 */
final class SipHeaderNames {
    private static final String[][] COMPACT = {
        {"i", "call-id"}, {"f", "from"}, {"t", "to"}, {"v", "via"}, {"m", "contact"},
        {"l", "content-length"}, {"c", "content-type"}, {"e", "content-encoding"},
        {"k", "supported"}, {"s", "subject"}, {"o", "event"}, {"u", "allow-events"},
        {"r", "refer-to"}, {"b", "referred-by"}, {"x", "session-expires"},
    };

    private SipHeaderNames() {
    }

    /** The other spelling of a header name (compact for long, long for compact), or null. */
    static String alternate(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String[] pair : COMPACT) {
            if (pair[0].equals(lower)) {
                return pair[1];
            }
            if (pair[1].equals(lower)) {
                return pair[0];
            }
        }
        return null;
    }
}
