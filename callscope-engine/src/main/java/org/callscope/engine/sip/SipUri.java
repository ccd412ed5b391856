package org.callscope.engine.sip;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A URI as it appears in SIP: sip/sips (RFC 3261 §19.1), tel (RFC 3966) or any other scheme
 * kept opaque (RFC 4475 §3.3.2). Parsed leniently: every string gives a value, and what is
 * wrong with it is listed in {@link #problems()}. Escapes are kept as written. Immutable;
 * allocates on parse, any thread.
 */
public final class SipUri {
    /** The schemes a monitor tells apart. */
    public enum Scheme { SIP, SIPS, TEL, OTHER }

    private static final int MAX_PORT = 65535;
    /** Parameters and URI headers kept per URI; RFC 4475 §3.1.1.7 has 3, so 64 is generous. */
    static final int MAX_PARAMETERS = 64;

    private final String text;
    private final Scheme scheme;
    private final String schemeText;
    private final String user;
    private final String password;
    private final String host;
    private final int port;
    private final Map<String, String> parameters;
    private final Map<String, String> headers;
    private final List<SipProblem> problems;

    private SipUri(String text, Scheme scheme, String schemeText, String user, String password,
            String host, int port, Map<String, String> parameters, Map<String, String> headers,
            List<SipProblem> problems) {
        this.text = text;
        this.scheme = scheme;
        this.schemeText = schemeText;
        this.user = user;
        this.password = password;
        this.host = host;
        this.port = port;
        this.parameters = Collections.unmodifiableMap(parameters);
        this.headers = Collections.unmodifiableMap(headers);
        this.problems = List.copyOf(problems);
    }

    /** Parses a URI; never throws and never returns null (null input gives an empty BAD_URI). */
    public static SipUri parse(String s) {
        List<SipProblem> problems = new ArrayList<>();
        if (s == null) {
            s = "";
        }
        String text = SipChars.trim(s);
        if (text.length() != s.length() || SipChars.hasWs(text)) {
            add(problems, SipProblem.ADDR_SPEC_WHITESPACE);
        }
        int colon = text.indexOf(':');
        if (colon <= 0 || !isScheme(text, colon)) {
            add(problems, SipProblem.BAD_URI);
            return new SipUri(text, Scheme.OTHER, colon > 0 ? text.substring(0, colon) : "", null, null,
                    null, -1, new LinkedHashMap<>(), new LinkedHashMap<>(), problems);
        }
        String schemeText = text.substring(0, colon);
        String lower = schemeText.toLowerCase(Locale.ROOT);
        Scheme scheme = switch (lower) {
            case "sip" -> Scheme.SIP;
            case "sips" -> Scheme.SIPS;
            case "tel" -> Scheme.TEL;
            default -> Scheme.OTHER;
        };
        String rest = text.substring(colon + 1);
        Map<String, String> params = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        if (scheme == Scheme.OTHER) {
            return new SipUri(text, scheme, schemeText, null, null, null, -1, params, headers, problems);
        }
        if (scheme == Scheme.TEL) {
            // RFC 3966 §3: telephone-subscriber, then ";"-parameters; no host part.
            int semi = rest.indexOf(';');
            String number = semi < 0 ? rest : rest.substring(0, semi);
            if (semi >= 0) {
                parseList(rest.substring(semi + 1), ';', params, problems);
            }
            if (number.isEmpty()) {
                add(problems, SipProblem.BAD_URI);
            }
            return new SipUri(text, scheme, schemeText, number, null, null, -1, params, headers, problems);
        }
        return parseSip(text, scheme, schemeText, rest, params, headers, problems);
    }

    private static SipUri parseSip(String text, Scheme scheme, String schemeText, String rest,
            Map<String, String> params, Map<String, String> headers, List<SipProblem> problems) {
        // The user part may hold ';', '?', '/' and ',' (user-unreserved), but '@' appears nowhere
        // unescaped after it (RFC 3261 §25.1), so the last '@' ends userinfo (RFC 4475 §3.1.1.9).
        String user = null;
        String password = null;
        int at = rest.lastIndexOf('@');
        String hostPart = rest;
        if (at >= 0) {
            String userinfo = rest.substring(0, at);
            int pc = userinfo.indexOf(':');
            user = pc < 0 ? userinfo : userinfo.substring(0, pc);
            password = pc < 0 ? null : userinfo.substring(pc + 1);
            hostPart = rest.substring(at + 1);
        }
        String host;
        int port = -1;
        int after;
        if (hostPart.startsWith("[")) {
            // IPv6reference (RFC 3261 §25.1, RFC 5118 §4.10: accept any text in the brackets).
            int close = hostPart.indexOf(']');
            if (close < 0) {
                add(problems, SipProblem.BAD_URI);
                close = firstOf(hostPart, 0, ";?") - 1;
            }
            host = hostPart.substring(0, close + 1);
            after = close + 1;
            if (after < hostPart.length() && hostPart.charAt(after) == ':') {
                int end = firstOf(hostPart, after + 1, ";?");
                port = port(hostPart.substring(after + 1, end), problems);
                after = end;
            }
        } else {
            int end = firstOf(hostPart, 0, ";?");
            String hp = hostPart.substring(0, end);
            int first = hp.indexOf(':');
            if (first >= 0 && hp.indexOf(':', first + 1) >= 0) {
                // RFC 5118 §4.2: an IPv6 address must be bracketed, else its colons read as a port.
                add(problems, SipProblem.UNBRACKETED_IPV6);
                host = hp;
            } else if (first >= 0) {
                host = hp.substring(0, first);
                port = port(hp.substring(first + 1), problems);
            } else {
                host = hp;
            }
            after = end;
        }
        if (host.isEmpty()) {
            add(problems, SipProblem.BAD_URI);
        }
        String tail = hostPart.substring(after);
        int q = tail.indexOf('?');
        String paramText = q < 0 ? tail : tail.substring(0, q);
        if (paramText.startsWith(";")) {
            parseList(paramText.substring(1), ';', params, problems);
        } else if (!paramText.isEmpty()) {
            add(problems, SipProblem.BAD_URI);
        }
        if (q >= 0) {
            parseList(tail.substring(q + 1), '&', headers, problems);
        }
        return new SipUri(text, scheme, schemeText, user, password, host, port, params, headers, problems);
    }

    private static boolean isScheme(String s, int end) {
        // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) (RFC 3986 §3.1)
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            boolean alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!alpha && (i == 0 || !(SipChars.isDigit(c) || c == '+' || c == '-' || c == '.'))) {
                return false;
            }
        }
        return true;
    }

    private static int firstOf(String s, int from, String chars) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    private static int port(String digits, List<SipProblem> problems) {
        long v = SipChars.decimal(digits, MAX_PORT);
        if (v < 0) {
            add(problems, SipProblem.BAD_URI_PORT);
            return -1;
        }
        return (int) v;
    }

    private static void parseList(String s, char sep, Map<String, String> into, List<SipProblem> problems) {
        int start = 0;
        while (start <= s.length()) {
            int end = s.indexOf(sep, start);
            if (end < 0) {
                end = s.length();
            }
            String item = s.substring(start, end);
            if (item.isEmpty()) {
                add(problems, SipProblem.EXTRANEOUS_SEPARATORS);
            } else if (into.size() < MAX_PARAMETERS) {
                int eq = item.indexOf('=');
                String name = (eq < 0 ? item : item.substring(0, eq)).toLowerCase(Locale.ROOT);
                into.putIfAbsent(name, eq < 0 ? null : item.substring(eq + 1));
            }
            start = end + 1;
        }
    }

    static void add(List<SipProblem> problems, SipProblem p) {
        if (!problems.contains(p)) {
            problems.add(p);
        }
    }

    /** The URI as given, trimmed. */
    public String text() {
        return text;
    }

    public Scheme scheme() {
        return scheme;
    }

    /** The scheme as written, e.g. "soap.beep". */
    public String schemeText() {
        return schemeText;
    }

    /** The user part (escapes kept), the number for tel, or null. */
    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Host, IPv6 references with their brackets as in RFC 5118; null for tel and other schemes. */
    public String host() {
        return host;
    }

    /** Port, or -1 when absent or bad. */
    public int port() {
        return port;
    }

    /** URI parameters in order, names lower-cased, null value for a flag parameter such as lr. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** URI headers after '?', names lower-cased. */
    public Map<String, String> headers() {
        return headers;
    }

    /** What is wrong with this URI; empty when it follows the grammar as far as checked. */
    public List<SipProblem> problems() {
        return problems;
    }

    @Override
    public String toString() {
        return text;
    }
}
