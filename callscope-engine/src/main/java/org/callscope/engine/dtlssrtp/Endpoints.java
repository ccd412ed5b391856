package org.callscope.engine.dtlssrtp;

import org.callscope.engine.decode.DecodedPacket;

/** Address text for messages. */
final class Endpoints {
    private Endpoints() {
    }

    /** "192.0.2.1:5004" or "[2001:db8::1]:5004". */
    static String format(byte[] addr, int port) {
        String ip = DecodedPacket.addressString(addr, addr.length);
        return (addr.length == 16 ? "[" + ip + "]" : ip) + ":" + port;
    }
}
