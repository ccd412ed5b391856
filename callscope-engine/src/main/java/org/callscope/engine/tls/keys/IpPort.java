package org.callscope.engine.tls.keys;

import java.net.InetAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server endpoint whose RSA key we hold. The address is kept in the JDK's canonical text
 * ({@link InetAddress#getHostAddress()}, as decoded packets report it) so two spellings of one
 * address are one endpoint. Port 0 stands for every port of that address.
 *
 * @throws IllegalArgumentException when {@code ip} is no IP literal or {@code port} is out of range
 */
public record IpPort(String ip, int port) {
    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]*)\\]\\s*:\\s*(\\d{1,5})");
    private static final Pattern SEPARATED = Pattern.compile("(\\S.*?)(\\s*:\\s*|\\s+)(\\d{1,5})");
    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public IpPort {
        ip = canonical(ip);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range 0-65535");
        }
    }

    /**
     * Reads {@code 10.0.0.1:5061}, {@code 10.0.0.1 : 5061}, {@code 10.0.0.1 5061} (the spellings
     * VoIPmonitor's {@code ssl_ipport} takes) and {@code [2001:db8::1]:5061}. An IPv6 address needs
     * brackets or white space before its port, since {@code ::1:5061} is itself an address.
     */
    public static IpPort parse(String text) {
        String t = text.strip();
        Matcher m = BRACKETED.matcher(t);
        if (m.matches()) {
            return new IpPort(m.group(1), Integer.parseInt(m.group(2)));
        }
        m = SEPARATED.matcher(t);
        if (m.matches() && !m.group(1).startsWith("[")) {
            String ip = m.group(1);
            if (ip.indexOf(':') >= 0 && m.group(2).strip().equals(m.group(2))) {
                throw new IllegalArgumentException(KeyText.quote(text)
                        + ": write an IPv6 address with its port as [ADDRESS]:PORT");
            }
            return new IpPort(ip, Integer.parseInt(m.group(3)));
        }
        throw new IllegalArgumentException(KeyText.quote(text)
                + ": expected IP:PORT, e.g. 10.0.0.1:5061 or [2001:db8::1]:5061");
    }

    /**
     * The JDK's canonical text for an IPv4 (dotted quad) or IPv6 literal; never a DNS lookup.
     *
     * @throws IllegalArgumentException when {@code ip} is no IP literal
     */
    public static String canonicalIp(String ip) {
        return canonical(ip);
    }

    static String canonical(String ip) {
        String t = ip.strip();
        if (t.indexOf(':') < 0 && !DOTTED_QUAD.matcher(t).matches()) {
            throw new IllegalArgumentException(KeyText.quote(ip) + " is not an IP address");
        }
        try {
            return InetAddress.ofLiteral(t).getHostAddress();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KeyText.quote(ip) + " is not an IP address", e);
        }
    }

    @Override
    public String toString() {
        return ip.indexOf(':') >= 0 ? "[" + ip + "]:" + port : ip + ":" + port;
    }
}
