package org.callscope.engine.sip;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The value of From, To, Contact, Refer-To and the like: {@code [display-name] <uri>} or a bare
 * addr-spec, followed by header parameters (RFC 3261 §20.10, §25.1). Parsed leniently: a value
 * always results, and what is wrong is listed in {@link #problems()}. Immutable; allocates on
 * parse, any thread.
 */
public final class NameAddr {
    private final String displayName;
    private final SipUri uri;
    private final Map<String, String> params;
    private final List<SipProblem> problems;

    private NameAddr(String displayName, SipUri uri, Map<String, String> params, List<SipProblem> problems) {
        this.displayName = displayName;
        this.uri = uri;
        this.params = Collections.unmodifiableMap(params);
        this.problems = List.copyOf(problems);
    }

    /** Parses one name-addr or addr-spec with its parameters; never throws, never null. */
    public static NameAddr parse(String value) {
        List<SipProblem> problems = new ArrayList<>();
        String s = value == null ? "" : value;
        int i = 0;
        while (i < s.length() && SipChars.isLws(s.charAt(i))) {
            i++;
        }
        String display = null;
        String uriText;
        int paramStart;
        int lt = findAngle(s, i, problems);
        if (lt >= 0) {
            String dn = SipChars.trim(s.substring(i, lt));
            if (dn.startsWith("\"")) {
                int close = SipChars.closingQuote(dn, 0);
                if (close != dn.length() - 1) {
                    SipUri.add(problems, close < 0 ? SipProblem.UNTERMINATED_QUOTE : SipProblem.NAME_ADDR_MALFORMED);
                }
                display = SipChars.unquote(dn);
            } else if (!dn.isEmpty()) {
                display = dn;
                for (int k = 0; k < dn.length(); k++) {
                    char c = dn.charAt(k);
                    if (!SipChars.isToken(c) && !SipChars.isLws(c)) {
                        // RFC 3261 §25.1: display-name = *(token LWS) / quoted-string.
                        SipUri.add(problems, SipProblem.DISPLAY_NAME_NOT_TOKEN);
                        break;
                    }
                }
            }
            int gt = s.indexOf('>', lt + 1);
            if (gt < 0) {
                SipUri.add(problems, SipProblem.NAME_ADDR_MALFORMED);
                gt = s.length();
            }
            uriText = s.substring(lt + 1, gt);
            if (SipChars.hasWs(uriText)) {
                SipUri.add(problems, SipProblem.ADDR_SPEC_WHITESPACE);
            }
            paramStart = Math.min(gt + 1, s.length());
        } else {
            // addr-spec: the URI ends at whitespace or ';' (after it, ';' starts header params).
            int end = i;
            while (end < s.length() && s.charAt(end) != ';' && !SipChars.isLws(s.charAt(end))) {
                end++;
            }
            uriText = s.substring(i, end);
            if (uriText.indexOf('?') >= 0 || uriText.indexOf(',') >= 0) {
                // RFC 3261 §20.10: a URI with ',', '?' or ';' must be in angle brackets.
                SipUri.add(problems, SipProblem.NAME_ADDR_NEEDS_BRACKETS);
            }
            paramStart = end;
        }
        SipUri uri = SipUri.parse(uriText);
        for (SipProblem p : uri.problems()) {
            SipUri.add(problems, p);
        }
        Map<String, String> params = new LinkedHashMap<>();
        parseParams(s.substring(paramStart), params, problems, lt < 0);
        return new NameAddr(display, uri, params, problems);
    }

    /** The '<' opening the URI, outside quoted strings, or -1 for a bare addr-spec. */
    private static int findAngle(String s, int from, List<SipProblem> problems) {
        for (int k = from; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '"') {
                int close = SipChars.closingQuote(s, k);
                if (close < 0) {
                    SipUri.add(problems, SipProblem.UNTERMINATED_QUOTE);
                    // Recover as the torture case suggests: the URI is what sits in brackets.
                    return s.indexOf('<', k);
                }
                k = close;
            } else if (c == '<') {
                return k;
            }
        }
        return -1;
    }

    /** Parses {@code *( SEMI generic-param )}; the text before the first ';' must be blank. */
    static void parseParams(String s, Map<String, String> into, List<SipProblem> problems, boolean addrSpec) {
        List<String> pieces = SipChars.splitTopLevel(s, ';', SipUri.MAX_PARAMETERS + 1);
        String lead = SipChars.trim(pieces.get(0));
        if (!lead.isEmpty()) {
            SipUri.add(problems, addrSpec ? SipProblem.ADDR_SPEC_WHITESPACE : SipProblem.NAME_ADDR_MALFORMED);
        }
        for (int k = 1; k < pieces.size(); k++) {
            String p = SipChars.trim(pieces.get(k));
            if (p.isEmpty()) {
                SipUri.add(problems, SipProblem.EXTRANEOUS_SEPARATORS);
                continue;
            }
            int eq = p.indexOf('=');
            String name = SipChars.trim(eq < 0 ? p : p.substring(0, eq)).toLowerCase(Locale.ROOT);
            String v = eq < 0 ? null : SipChars.trim(p.substring(eq + 1));
            into.putIfAbsent(name, v);
        }
    }

    /** Display name, unquoted and unescaped, or null when absent. */
    public String displayName() {
        return displayName;
    }

    public SipUri uri() {
        return uri;
    }

    /** The tag parameter (RFC 3261 §19.3), or null. */
    public String tag() {
        return params.get("tag");
    }

    /** Header parameters in order, names lower-cased, null value for a flag parameter. */
    public Map<String, String> params() {
        return params;
    }

    /** What is wrong with this value, including its URI's problems. */
    public List<SipProblem> problems() {
        return problems;
    }
}
