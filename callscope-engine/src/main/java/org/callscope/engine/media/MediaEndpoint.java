package org.callscope.engine.media;

import java.util.Arrays;

/**
 * An address and port where one side of a call said (in SDP) it receives media.
 * Created on the signalling path; read by media processing. Immutable except for {@link #owner},
 * which is cleared when the call ends, and {@link #superseded}, set when a newer announcement of
 * the same address+port takes its place.
 */
public final class MediaEndpoint {
    final long key;
    final byte[] address;
    final int port;
    final CallSide receiver;
    final boolean rtcp;
    final PayloadFormat[] formats;
    /** The SDP profile was RTP/SAVP(F): the payload is SRTP. */
    final boolean srtp;
    /** Which m= line of its SDP announced it (0 for the first): SDES keys are per m= line. */
    final int mediaIndex;
    volatile MediaOwner owner;
    /** A later announcement of the same address+port replaced this one in the table. */
    volatile boolean superseded;

    MediaEndpoint(long key, byte[] address, int port, CallSide receiver, boolean rtcp, PayloadFormat[] formats, MediaOwner owner, boolean srtp,
                  int mediaIndex) {
        this.key = key;
        this.address = address;
        this.port = port;
        this.receiver = receiver;
        this.rtcp = rtcp;
        this.formats = formats;
        this.owner = owner;
        this.srtp = srtp;
        this.mediaIndex = mediaIndex;
    }

    public CallSide receiver() {
        return receiver;
    }

    public boolean isRtcp() {
        return rtcp;
    }

    public MediaOwner owner() {
        return owner;
    }

    /**
     * Still what a lookup of its address+port returns: not replaced by a newer announcement and
     * not released. Lets the media path reuse an earlier lookup's result without a hash lookup.
     */
    boolean live() {
        return owner != null && !superseded;
    }

    boolean sameAddress(byte[] addr, int length) {
        return address.length == length && Arrays.equals(address, 0, length, addr, 0, length);
    }

    /** The format announced for {@code payloadType}, or null. */
    public PayloadFormat format(int payloadType) {
        return PayloadFormat.find(formats, payloadType);
    }

}
