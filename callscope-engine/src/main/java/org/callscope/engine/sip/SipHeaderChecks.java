package org.callscope.engine.sip;

import java.util.List;

/**
 * The header-level checks behind {@link SipMessage#problems()}: what a strict parser would
 * reject, reported instead (RFC 4475 §3.1.2 and §3.3). Run once per message, on demand.
 */
final class SipHeaderChecks {
    /** RFC 3261 §8.1.1.5: the CSeq number MUST be less than 2^31. */
    static final long MAX_CSEQ = (1L << 31) - 1;
    /** RFC 3261 §20.22 and RFC 4475 §3.1.2.4: Max-Forwards is 0-255. */
    static final long MAX_MAX_FORWARDS = 255;
    /** RFC 3261 §20.19 and §20.33: delta-seconds between 0 and 2^32-1. */
    static final long MAX_DELTA_SECONDS = (1L << 32) - 1;
    /** Contact values checked per field, bounding work on a hostile list. */
    private static final int MAX_LIST_ELEMENTS = 64;

    private static final String[] REQUIRED = {"To", "From", "Call-ID", "CSeq", "Via"};
    private static final String[] SINGLE = {"To", "From", "Call-ID", "CSeq", "Max-Forwards", "Content-Length",
        "Content-Type"};

    private SipHeaderChecks() {
    }

    static void check(SipMessage m, List<SipProblem> out) {
        for (String name : REQUIRED) {
            if (m.headerIndexOf(name, SipHeaderNames.alternate(name), 0) < 0) {
                SipUri.add(out, SipProblem.MISSING_REQUIRED_HEADER);
            }
        }
        for (String name : SINGLE) {
            String alt = SipHeaderNames.alternate(name);
            int first = m.headerIndexOf(name, alt, 0);
            if (first >= 0 && m.headerIndexOf(name, alt, first + 1) >= 0) {
                SipUri.add(out, SipProblem.DUPLICATE_SINGLE_HEADER);
            }
        }
        checkCseq(m, out);
        checkScalar(m.header("Max-Forwards"), MAX_MAX_FORWARDS, out);
        checkScalar(m.header("Expires"), MAX_DELTA_SECONDS, out);
        String retry = m.header("Retry-After");
        if (retry != null) {
            // Retry-After = delta-seconds [ comment ] *( SEMI retry-param ) (RFC 3261 §20.33)
            int end = 0;
            while (end < retry.length() && SipChars.isDigit(retry.charAt(end))) {
                end++;
            }
            checkScalar(retry.substring(0, end), MAX_DELTA_SECONDS, out);
        }
        String date = m.header("Date");
        if (date != null && !date.endsWith(" GMT")) {
            // RFC 3261 §20.17: SIP-date is rfc1123-date, always GMT.
            SipUri.add(out, SipProblem.DATE_NOT_GMT);
        }
        if (m.from() != null) {
            out.addAll(missing(out, m.from().problems()));
        }
        if (m.to() != null) {
            out.addAll(missing(out, m.to().problems()));
        }
        for (String contact : m.headers("Contact")) {
            checkContact(contact, out);
        }
        for (String via : m.headers("Via")) {
            checkVia(via, out);
        }
        if (m.isRequest()) {
            checkRequestUri(m.requestUri(), out);
        }
    }

    private static void checkCseq(SipMessage m, List<SipProblem> out) {
        String[] parts = m.cseqParts();
        if (parts == null) {
            return;
        }
        long n = SipChars.decimal(parts[0], MAX_CSEQ);
        if (n == -2) {
            SipUri.add(out, SipProblem.SCALAR_OVERFLOW);
        } else if (n < 0 || parts.length < 2) {
            SipUri.add(out, SipProblem.BAD_CSEQ);
        }
        if (m.isRequest() && parts.length == 2 && !parts[1].equals(m.method())) {
            // RFC 3261 §8.1.1.5: the CSeq method MUST match the request method.
            SipUri.add(out, SipProblem.CSEQ_METHOD_MISMATCH);
        }
    }

    private static void checkScalar(String value, long max, List<SipProblem> out) {
        if (value == null) {
            return;
        }
        long v = SipChars.decimal(value, max);
        if (v == -2) {
            SipUri.add(out, SipProblem.SCALAR_OVERFLOW);
        } else if (v < 0 && !value.isEmpty() && SipChars.isDigit(value.charAt(0))) {
            SipUri.add(out, SipProblem.BAD_SCALAR);
        }
    }

    private static void checkContact(String value, List<SipProblem> out) {
        if (value.equals("*")) {
            return;
        }
        List<String> elements = SipChars.splitTopLevel(value, ',', MAX_LIST_ELEMENTS);
        for (String e : elements) {
            if (SipChars.trim(e).isEmpty()) {
                SipUri.add(out, SipProblem.EXTRANEOUS_SEPARATORS);
            } else {
                out.addAll(missing(out, NameAddr.parse(e).problems()));
            }
        }
    }

    /** via-parm = sent-protocol LWS sent-by *( SEMI via-params ), comma-separated (RFC 3261 §20.42). */
    private static void checkVia(String value, List<SipProblem> out) {
        for (String element : SipChars.splitTopLevel(value, ',', MAX_LIST_ELEMENTS)) {
            List<String> parts = SipChars.splitTopLevel(element, ';', SipUri.MAX_PARAMETERS + 1);
            for (String part : parts) {
                if (SipChars.trim(part).isEmpty()) {
                    SipUri.add(out, SipProblem.EXTRANEOUS_SEPARATORS);
                }
            }
        }
    }

    private static void checkRequestUri(String text, List<SipProblem> out) {
        if (text.startsWith("<")) {
            return;
        }
        SipUri uri = SipUri.parse(text);
        for (SipProblem p : uri.problems()) {
            if (p != SipProblem.ADDR_SPEC_WHITESPACE) {
                SipUri.add(out, p);
            }
        }
        boolean sip = uri.scheme() == SipUri.Scheme.SIP || uri.scheme() == SipUri.Scheme.SIPS;
        if (sip && !uri.headers().isEmpty()) {
            SipUri.add(out, SipProblem.REQUEST_URI_HAS_HEADERS);
        }
    }

    private static List<SipProblem> missing(List<SipProblem> have, List<SipProblem> found) {
        return found.stream().filter(p -> !have.contains(p)).toList();
    }
}
