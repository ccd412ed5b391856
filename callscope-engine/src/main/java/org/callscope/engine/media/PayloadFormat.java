package org.callscope.engine.media;

/**
 * What an SDP said about one payload type: encoding name and clock rate.
 *
 * @param payloadType RTP payload type number
 * @param encoding    encoding name as in rtpmap or the RFC 3551 static table ("PCMU", "telephone-event")
 * @param clockRate   RTP timestamp clock in Hz
 */
public record PayloadFormat(int payloadType, String encoding, int clockRate) {
    public boolean isTelephoneEvent() {
        return "telephone-event".equalsIgnoreCase(encoding);
    }
}
