package org.callscope.engine.call;

import java.util.List;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.cdr.TlsSummary;
import org.callscope.engine.sip.SipMessage;

/**
 * A SIP message with where and when it was seen. Made once per SIP message on the signalling path.
 *
 * @param transport udp, tcp, tls, ws or wss
 * @param frames    copies of the frames that carried the message, for the per-call SIP capture
 * @param tls       the TLS connection that carried it (tls and wss), null otherwise
 */
public record SipEvent(SipMessage message, long tsNanos, byte[] srcAddr, int srcPort, byte[] dstAddr, int dstPort,
                       String srcIp, String dstIp, String transport, List<CapturedPacket> frames,
                       TlsSummary tls) {
}
