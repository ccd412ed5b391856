package org.callscope.engine.pipeline;

import java.util.Arrays;
import org.callscope.engine.decode.DecodedPacket;
import org.callscope.engine.tcp.TcpDirection;

/**
 * Where a SIP message went: source and destination as bytes and as text. Made once per TCP
 * direction, or per UDP datagram that carried SIP.
 */
record SipAddressing(byte[] srcAddr, int srcPort, byte[] dstAddr, int dstPort, String srcIp, String dstIp) {

    static SipAddressing of(DecodedPacket p) {
        return new SipAddressing(Arrays.copyOf(p.srcAddr, p.addrLength()), p.srcPort,
                Arrays.copyOf(p.dstAddr, p.addrLength()), p.dstPort, p.srcAddrString(), p.dstAddrString());
    }

    static SipAddressing of(TcpDirection d) {
        return new SipAddressing(d.srcAddr(), d.srcPort(), d.dstAddr(), d.dstPort(), d.srcAddress(), d.dstAddress());
    }
}
