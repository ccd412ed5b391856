package org.callscope.engine.sdp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses an SDP body (RFC 8866 §5) line by line. Lenient: LF or CRLF line ends, unknown lines
 * and attributes kept or skipped, malformed ones listed as problems; never throws and never
 * returns null. Stateless and thread-safe; allocates the result (SDP is per call setup, not
 * per packet).
 *
 * <table>
 * <caption>Limits</caption>
 * <tr><th>limit</th><th>value</th><th>on excess</th></tr>
 * <tr><td>{@link #MAX_SIZE}</td><td>65535</td><td>{@link SdpProblem#TOO_LARGE}, rest ignored</td></tr>
 * <tr><td>{@link #MAX_LINE_LENGTH}</td><td>4096</td><td>{@link SdpProblem#LINE_TOO_LONG}, line skipped</td></tr>
 * <tr><td>{@link #MAX_MEDIA}</td><td>64</td><td>{@link SdpProblem#TOO_MANY_MEDIA}, rest ignored</td></tr>
 * <tr><td>{@link #MAX_ATTRIBUTES}</td><td>512</td><td>{@link SdpProblem#TOO_MANY_ATTRIBUTES}, rest ignored</td></tr>
 * </table>
 */
public final class SdpParser {
    /** An SDP body travels in one SIP message, so it cannot exceed the SIP message limit. */
    public static final int MAX_SIZE = 65_535;
    /**
     * Longest line. RFC 8866 sets none; the longest real lines are fmtp with H.264
     * sprop-parameter-sets and ICE candidates, a few hundred bytes.
     */
    public static final int MAX_LINE_LENGTH = 4096;
    /** m= sections kept. A WebRTC conference offer with bundled simulcast has a few dozen. */
    public static final int MAX_MEDIA = 64;
    /** a= lines kept per level; a rich WebRTC m= section has under a hundred. */
    public static final int MAX_ATTRIBUTES = 512;

    private SdpParser() {
    }

    /** Parses the text form; null gives an empty, invalid description. */
    public static SessionDescription parse(String sdp) {
        byte[] b = sdp == null ? new byte[0] : sdp.getBytes(StandardCharsets.UTF_8);
        return parse(b, 0, b.length);
    }

    public static SessionDescription parse(byte[] buf, int off, int len) {
        SessionDescription sd = new SessionDescription();
        if (buf == null || off < 0 || len < 0 || off > buf.length - len) {
            sd.problems.add(SdpProblem.BAD_VERSION);
            return sd;
        }
        if (len > MAX_SIZE) {
            add(sd, SdpProblem.TOO_LARGE);
            len = MAX_SIZE;
        }
        int end = off + len;
        int p = off;
        boolean first = true;
        MediaDescription current = null;
        boolean ignoringMedia = false;
        while (p < end) {
            int lf = p;
            while (lf < end && buf[lf] != '\n') {
                lf++;
            }
            int le = lf > p && buf[lf - 1] == '\r' ? lf - 1 : lf;
            int next = lf + 1;
            if (le - p > MAX_LINE_LENGTH) {
                add(sd, SdpProblem.LINE_TOO_LONG);
                p = next;
                first = false;
                continue;
            }
            if (le == p) {
                p = next;
                continue;
            }
            if (le - p < 2 || buf[p + 1] != '=' || buf[p] < 'a' || buf[p] > 'z') {
                // e.g. "m =video" in RFC 4475 §3.1.1.8
                add(sd, SdpProblem.MALFORMED_LINE);
                if (first) {
                    add(sd, SdpProblem.BAD_VERSION);
                }
                first = false;
                p = next;
                continue;
            }
            char type = (char) buf[p];
            String value = new String(buf, p + 2, le - p - 2, StandardCharsets.UTF_8);
            if (first && (type != 'v' || !value.trim().equals("0"))) {
                add(sd, SdpProblem.BAD_VERSION);
            }
            first = false;
            switch (type) {
                case 'v' -> sd.version = integer(value.trim());
                case 'o' -> origin(sd, value);
                case 's' -> sd.sessionName = value;
                case 'c' -> {
                    SdpConnection c = connection(value);
                    if (c == null) {
                        add(sd, SdpProblem.BAD_CONNECTION);
                    } else if (current != null) {
                        current.connection = c;
                    } else if (!ignoringMedia) {
                        sd.connection = c;
                    }
                }
                case 'm' -> {
                    if (sd.media.size() >= MAX_MEDIA) {
                        add(sd, SdpProblem.TOO_MANY_MEDIA);
                        current = null;
                        ignoringMedia = true;
                    } else {
                        current = media(sd, value);
                        sd.media.add(current);
                    }
                }
                case 'a' -> {
                    if (ignoringMedia && current == null) {
                        break;
                    }
                    SdpAttributes target = current != null ? current.attributes : sd.attributes;
                    if (target.all.size() >= MAX_ATTRIBUTES) {
                        add(sd, SdpProblem.TOO_MANY_ATTRIBUTES);
                    } else {
                        int colon = value.indexOf(':');
                        String name = colon < 0 ? value : value.substring(0, colon);
                        String v = colon < 0 ? null : value.substring(colon + 1);
                        if (name.isEmpty() || !target.add(name, v)) {
                            add(sd, SdpProblem.BAD_ATTRIBUTE);
                        }
                    }
                }
                default -> {
                    // t=, i=, u=, e=, p=, b=, z=, k=, r=: not needed by a monitor.
                }
            }
            p = next;
        }
        if (first) {
            add(sd, SdpProblem.BAD_VERSION);
        }
        return sd;
    }

    private static void origin(SessionDescription sd, String value) {
        String[] f = fields(value, 6);
        if (f.length < 6) {
            add(sd, SdpProblem.BAD_ORIGIN);
            return;
        }
        sd.origin = new SdpOrigin(f[0], f[1], f[2], f[3], f[4], f[5].trim());
    }

    private static MediaDescription media(SessionDescription sd, String value) {
        String[] f = fields(value, Integer.MAX_VALUE);
        String type = f.length > 0 ? f[0] : "";
        int port = -1;
        int count = 1;
        if (f.length > 1) {
            // port ["/" number of ports] (RFC 8866 §5.14)
            int slash = f[1].indexOf('/');
            port = integer(slash < 0 ? f[1] : f[1].substring(0, slash));
            if (slash >= 0) {
                count = integer(f[1].substring(slash + 1));
            }
        }
        String proto = f.length > 2 ? f[2] : "";
        List<String> formats = new ArrayList<>();
        for (int i = 3; i < f.length; i++) {
            formats.add(f[i]);
        }
        if (f.length < 4 || port < 0 || port > 65535 || count < 1) {
            add(sd, SdpProblem.BAD_MEDIA);
        }
        return new MediaDescription(sd, type, port, Math.max(count, 1), proto, formats);
    }

    /** c=nettype SP addrtype SP connection-address, the "/ttl/n" suffix stripped (RFC 8866 §5.7). */
    static SdpConnection connection(String value) {
        String[] f = fields(value, 3);
        return f.length < 3 ? null : connection(f[0], f[1], f[2]);
    }

    static SdpConnection connection(String netType, String addrType, String address) {
        String a = address.trim();
        int slash = a.indexOf('/');
        return new SdpConnection(netType, addrType, slash < 0 ? a : a.substring(0, slash));
    }

    /** Splits at runs of SP/HTAB into at most {@code max} fields, the last keeping the rest. */
    static String[] fields(String s, int max) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            if (out.size() == max - 1) {
                out.add(s.substring(i));
                break;
            }
            int j = i;
            while (j < n && s.charAt(j) != ' ' && s.charAt(j) != '\t') {
                j++;
            }
            out.add(s.substring(i, j));
            i = j;
        }
        return out.isEmpty() ? new String[] {""} : out.toArray(new String[0]);
    }

    /** Non-negative decimal up to 9 digits, or -1. */
    static int integer(String s) {
        if (s == null || s.isEmpty() || s.length() > 9) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static void add(SessionDescription sd, SdpProblem p) {
        if (!sd.problems.contains(p)) {
            sd.problems.add(p);
        }
    }
}
