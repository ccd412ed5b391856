package org.callscope.engine.sdp;

import org.callscope.engine.anomaly.Anomaly;

/** What an {@link SdpParser} found wrong; each is counted as {@code Anomaly.SDP_MALFORMED}. */
public enum SdpProblem {
    /** A line not of the form {@code <type>=<value>} (RFC 8866 §5); skipped. */
    MALFORMED_LINE,
    /** A line longer than {@link SdpParser#MAX_LINE_LENGTH}; skipped. */
    LINE_TOO_LONG,
    /** The description is larger than {@link SdpParser#MAX_SIZE}; the rest was ignored. */
    TOO_LARGE,
    /** More than {@link SdpParser#MAX_MEDIA} m= lines; the rest were ignored. */
    TOO_MANY_MEDIA,
    /** More than {@link SdpParser#MAX_ATTRIBUTES} a= lines at one level; the rest were ignored. */
    TOO_MANY_ATTRIBUTES,
    /** No v=0 first line (RFC 8866 §5.1). */
    BAD_VERSION,
    /** o= without its six fields (RFC 8866 §5.2). */
    BAD_ORIGIN,
    /** c= without network type, address type and address (RFC 8866 §5.7). */
    BAD_CONNECTION,
    /** m= without media, numeric port, proto and formats (RFC 8866 §5.14). */
    BAD_MEDIA,
    /** A known attribute whose value does not follow its grammar; kept only as raw text. */
    BAD_ATTRIBUTE;

    /** The anomaly counter a description with this problem is counted under. */
    public Anomaly anomaly() {
        return Anomaly.SDP_MALFORMED;
    }
}
