package org.callscope.engine.rtp;

import org.callscope.engine.bytes.Bytes;

/**
 * Turns RFC 4733 telephone-event payloads of one stream into DTMF digits. The telephone-event
 * payload type is dynamic, so the caller names it (from SDP {@code a=rtpmap:N telephone-event/8000}).
 * One instance per stream, owned by its worker; allocates nothing (digits are returned as
 * {@code char} or appended to the caller's builder).
 *
 * <pre>
 *  0                   1                   2                   3
 * |     event     |E|R| volume    |          duration             |   RFC 4733 §2.3
 * </pre>
 * All packets of one event share the RTP timestamp of its start (§2.3.1), and the final packet
 * with E set is usually sent three times (§2.5.1.4); so a digit is reported once, at the first
 * packet with a timestamp not seen before. Events 0-9, *, #, A-D are DTMF (§3.2 table 7); 16
 * (flash) and other events are tracked but yield no digit.
 */
public final class DtmfEventDecoder {
    /** RFC 4733 §2.3: event, E/R/volume, 16-bit duration. */
    public static final int PAYLOAD_LENGTH = 4;
    /** No new digit. */
    public static final char NONE = 0;
    private static final String DIGITS = "0123456789*#ABCD";

    private final int payloadType;
    private boolean any;
    private long lastTimestamp;
    private int lastEvent = -1;
    private boolean lastEnd;
    private int lastVolume;
    private int lastDuration;
    private long events;
    private long malformed;

    public DtmfEventDecoder(int payloadType) {
        this.payloadType = payloadType;
    }

    public int payloadType() {
        return payloadType;
    }

    /**
     * One RTP packet of the stream; packets of other payload types are ignored.
     *
     * @return the digit when this packet starts a new DTMF event, {@link #NONE} otherwise
     */
    public char onPacket(RtpView rtp) {
        if (rtp.payloadType() != payloadType) {
            return NONE;
        }
        return onPayload(rtp.timestamp(), rtp.buffer(), rtp.payloadOffset(), rtp.payloadLength());
    }

    /** Like {@link #onPacket(RtpView)}, appending a new digit to {@code digits}; true if one was. */
    public boolean onPacket(RtpView rtp, StringBuilder digits) {
        char c = onPacket(rtp);
        if (c != NONE) {
            digits.append(c);
            return true;
        }
        return false;
    }

    /**
     * One telephone-event payload with its RTP timestamp.
     *
     * @return the digit when this payload starts a new DTMF event, {@link #NONE} otherwise
     */
    public char onPayload(long rtpTimestamp, byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len < PAYLOAD_LENGTH || off > buf.length - len) {
            malformed++;
            return NONE;
        }
        int event = buf[off] & 0xff;
        lastEnd = (buf[off + 1] & 0x80) != 0;
        lastVolume = buf[off + 1] & 0x3f;
        lastDuration = Bytes.u16(buf, off + 2);
        rtpTimestamp &= 0xffff_ffffL;
        if (any && rtpTimestamp == lastTimestamp && event == lastEvent) {
            return NONE;
        }
        any = true;
        lastTimestamp = rtpTimestamp;
        lastEvent = event;
        events++;
        return digit(event);
    }

    /** The DTMF character of an RFC 4733 §3.2 event code, {@link #NONE} for non-DTMF events. */
    public static char digit(int event) {
        return event >= 0 && event < DIGITS.length() ? DIGITS.charAt(event) : NONE;
    }

    /** Distinct events seen (DTMF or not). */
    public long events() {
        return events;
    }

    /** Payloads shorter than {@link #PAYLOAD_LENGTH}. */
    public long malformed() {
        return malformed;
    }

    public int lastEvent() {
        return lastEvent;
    }

    public boolean lastEnd() {
        return lastEnd;
    }

    /** Power level of the last payload, in -dBm0 (0 to 63). */
    public int lastVolume() {
        return lastVolume;
    }

    /** Duration of the last payload in RTP timestamp units. */
    public int lastDuration() {
        return lastDuration;
    }
}
