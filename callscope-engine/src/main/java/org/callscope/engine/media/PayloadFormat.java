package org.callscope.engine.media;

/**
 * What an SDP said about one payload type: encoding name and clock rate.
 *
 * @param payloadType RTP payload type number
 * @param encoding    encoding name as in rtpmap or the RFC 3551 static table ("PCMU", "telephone-event")
 * @param clockRate   RTP timestamp clock in Hz
 * @param channels    audio channels from rtpmap, 0 when not given (one)
 */
public record PayloadFormat(int payloadType, String encoding, int clockRate, int channels) {
    public PayloadFormat(int payloadType, String encoding, int clockRate) {
        this(payloadType, encoding, clockRate, 0);
    }

    public boolean isTelephoneEvent() {
        return "telephone-event".equalsIgnoreCase(encoding);
    }

    /** The format for {@code payloadType} in {@code formats} (may be null), or null. */
    public static PayloadFormat find(PayloadFormat[] formats, int payloadType) {
        if (formats != null) {
            for (PayloadFormat f : formats) {
                if (f.payloadType() == payloadType) {
                    return f;
                }
            }
        }
        return null;
    }

    /** The telephone-event payload type in {@code formats} (may be null), or -1. */
    public static int telephoneEventType(PayloadFormat[] formats) {
        if (formats != null) {
            for (PayloadFormat f : formats) {
                if (f.isTelephoneEvent()) {
                    return f.payloadType();
                }
            }
        }
        return -1;
    }
}
