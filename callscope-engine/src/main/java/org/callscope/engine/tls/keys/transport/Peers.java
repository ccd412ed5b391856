package org.callscope.engine.tls.keys.transport;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Peer addresses as messages show them: {@code 10.0.0.1:5061}, {@code [2001:db8::1]:5061}. */
final class Peers {
    private Peers() {
    }

    static String describe(SocketAddress address) {
        if (!(address instanceof InetSocketAddress a)) {
            return String.valueOf(address);
        }
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
