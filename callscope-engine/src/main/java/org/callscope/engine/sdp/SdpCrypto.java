package org.callscope.engine.sdp;

import java.util.List;

/**
 * a=crypto (RFC 4568 §9.1): {@code tag crypto-suite key-params *(SP session-param)}. Key params
 * are split at ';' and kept verbatim (e.g. {@code inline:<key||salt>|2^20|1:4}): the key text is
 * what SRTP needs, and it is never logged by this package.
 */
public record SdpCrypto(int tag, String suite, List<String> keyParams, List<String> sessionParams) {
    public SdpCrypto {
        keyParams = List.copyOf(keyParams);
        sessionParams = List.copyOf(sessionParams);
    }

    /** The key-info of the first inline key param (after "inline:", lifetime and MKI kept), or null. */
    public String firstInlineKey() {
        for (String p : keyParams) {
            if (p.regionMatches(true, 0, "inline:", 0, 7)) {
                return p.substring(7);
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "SdpCrypto[tag=" + tag + ", suite=" + suite + ", keyParams=" + keyParams.size()
                + " (redacted), sessionParams=" + sessionParams + "]";
    }
}
