package org.callscope.engine.sip;

import org.callscope.engine.anomaly.Anomaly;

/**
 * One kind of violation found in a SIP message. Most are from the RFC 4475 torture cases
 * (section given); each maps to the {@link Anomaly} it is counted under.
 */
public enum SipProblem {
    /** Start line recognisable but not of the RFC 3261 §7.1/§7.2 shape. */
    MALFORMED_START_LINE,
    /** SIP-Version other than SIP/2.0 (RFC 4475 §3.1.2.16). */
    UNKNOWN_SIP_VERSION,
    /** Status code not three digits in 100-699 (RFC 3261 §7.2, RFC 4475 §3.1.2.19). */
    BAD_STATUS_CODE,
    /** More than one SP between request-line elements (RFC 4475 §3.1.2.9). */
    REQUEST_LINE_EXTRA_SPACE,
    /** SP after SIP-Version on the request line (RFC 4475 §3.1.2.10). */
    REQUEST_LINE_TRAILING_SPACE,
    /** LWS inside the Request-URI (RFC 4475 §3.1.2.8). */
    REQUEST_URI_WHITESPACE,
    /** Request-URI enclosed in angle brackets (RFC 4475 §3.1.2.7). */
    REQUEST_URI_IN_ANGLE_BRACKETS,
    /** Escaped headers in a SIP Request-URI (RFC 3261 §19.1.1 table, RFC 4475 §3.1.2.11). */
    REQUEST_URI_HAS_HEADERS,
    /** A header line without a colon or with a name that is not a token. */
    MALFORMED_HEADER,
    /** A line longer than {@link SipParser#MAX_LINE_LENGTH}; it was skipped. */
    LINE_TOO_LONG,
    /** More than {@link SipParser#MAX_HEADERS} header fields; the rest were not indexed. */
    TOO_MANY_HEADERS,
    /** Message larger than {@link SipParser#MAX_MESSAGE_SIZE}; it was cut there. */
    MESSAGE_TOO_LARGE,
    /** Content-Length not a non-negative decimal that fits (RFC 4475 §3.1.2.3). */
    BAD_CONTENT_LENGTH,
    /** No Content-Length on a stream, where RFC 3261 §18.3 requires it; taken as no body. */
    MISSING_CONTENT_LENGTH,
    /** Content-Length says more than the datagram holds (RFC 4475 §3.1.2.2). */
    CONTENT_LENGTH_EXCEEDS_DATA,
    /** To, From, Call-ID, CSeq or Via absent (RFC 3261 §8.1.1, RFC 4475 §3.3.1). */
    MISSING_REQUIRED_HEADER,
    /** A single-value header repeated (RFC 3261 §7.3.1, RFC 4475 §3.3.8, §3.3.9). */
    DUPLICATE_SINGLE_HEADER,
    /** CSeq not "number SP method". */
    BAD_CSEQ,
    /** CSeq method differs from the request method (RFC 4475 §3.1.2.17, §3.1.2.18). */
    CSEQ_METHOD_MISMATCH,
    /** A numeric field beyond its range: CSeq, Max-Forwards, Expires, Retry-After, Content-Length (RFC 4475 §3.1.2.4, §3.1.2.5). */
    SCALAR_OVERFLOW,
    /** A numeric header field that is not a number. */
    BAD_SCALAR,
    /** Date not in GMT (RFC 3261 §20.17, RFC 4475 §3.1.2.12). */
    DATE_NOT_GMT,
    /** A quoted string with no closing quote (RFC 4475 §3.1.2.6). */
    UNTERMINATED_QUOTE,
    /** A name-addr with no closing angle bracket or junk where parameters belong. */
    NAME_ADDR_MALFORMED,
    /** An addr-spec with '?' or ',' outside angle brackets (RFC 3261 §20.10, RFC 4475 §3.1.2.13). */
    NAME_ADDR_NEEDS_BRACKETS,
    /** Whitespace inside an addr-spec (RFC 4475 §3.1.2.14). */
    ADDR_SPEC_WHITESPACE,
    /** Unquoted display name with non-token characters (RFC 4475 §3.1.2.15). */
    DISPLAY_NAME_NOT_TOKEN,
    /** Empty parameters or list elements, as in ";;" or ",," (RFC 4475 §3.1.2.1). */
    EXTRANEOUS_SEPARATORS,
    /** A URI without a scheme or host. */
    BAD_URI,
    /** A URI port that is not a number in 0-65535. */
    BAD_URI_PORT,
    /** An IPv6 address as URI host without brackets (RFC 5118 §4.2). */
    UNBRACKETED_IPV6;

    /** The anomaly counter a message with this problem is counted under. */
    public Anomaly anomaly() {
        return switch (this) {
            case MESSAGE_TOO_LARGE -> Anomaly.SIP_MESSAGE_TOO_LARGE;
            case BAD_CONTENT_LENGTH, CONTENT_LENGTH_EXCEEDS_DATA, MISSING_CONTENT_LENGTH -> Anomaly.SIP_BAD_CONTENT_LENGTH;
            default -> Anomaly.SIP_MALFORMED;
        };
    }
}
