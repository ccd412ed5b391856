package org.callscope.engine.scenario;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IP address literal and a port, as a scenario names the ends of a flow. */
public record HostPort(String ip, int port) {

    public static HostPort of(String ip, int port) {
        return new HostPort(ip, port);
    }

    /** The 4 or 16 address bytes. Literals only: no name is ever looked up. */
    public byte[] address() {
        if (!ip.matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException("not an IP literal: " + ip);
        }
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }

    public boolean isIpv6() {
        return ip.indexOf(':') >= 0;
    }

    /** "ip:port", with brackets around IPv6 (RFC 3261 §19.1.1 hostport). */
    public String hostPort() {
        return (isIpv6() ? "[" + ip + "]" : ip) + ":" + port;
    }

    /** The host as written in SIP URIs and Via. */
    public String host() {
        return isIpv6() ? "[" + ip + "]" : ip;
    }

    /** The same host on another port (RTCP on RTP + 1, RFC 3550 §11). */
    public HostPort withPort(int newPort) {
        return new HostPort(ip, newPort);
    }
}
