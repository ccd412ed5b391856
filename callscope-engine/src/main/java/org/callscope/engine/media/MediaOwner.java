package org.callscope.engine.media;

/** Who announced a media endpoint: a call. Lets the media layer hand streams up without knowing calls. */
public interface MediaOwner {
    /** The Call-ID of the call, for naming what is exported from it; null when there is none. */
    default String callId() {
        return null;
    }

    /** A new RTP stream was found on one of this owner's endpoints. */
    void onStream(MediaStream stream);

    /** Packet time of the latest media packet, so the owner's RTP timeout can see activity. */
    void onMediaActivity(long tsNanos);

    /** Frame of a media packet that belongs to this owner, for its per-call RTP capture. */
    void onMediaFrame(org.callscope.engine.capture.CapturedPacket frame);

    /** Whether {@link #onMediaFrame} wants frames at all; asked once per stream. */
    default boolean recordsMedia() {
        return true;
    }

    /** An endpoint learned from the packet flow (symmetric RTP), to be released with the owner's others. */
    void onEndpointLearned(MediaEndpoint endpoint);

    /** This owner's stream with {@code ssrc}, or null; for RTCP reports about it. */
    MediaStream streamBySsrc(long ssrc);

    /**
     * The payload formats {@code side} announced for what it receives (its latest SDP), or null.
     * RTP sent to a side uses that side's payload type numbers (RFC 3264 §5.1).
     */
    PayloadFormat[] formatsReceivedBy(CallSide side);

    /** Whether {@code side} has sent an SDP yet (its keys, if any, are then known). */
    default boolean hasAnnounced(CallSide side) {
        return true;
    }

    /**
     * The SDES keys (a=crypto) {@code sender} announced for what it sends on its {@code
     * mediaIndex}-th m= line, the one the answer accepted first; empty when none.
     */
    default java.util.List<SrtpCandidate> sdesKeysSentBy(CallSide sender, int mediaIndex) {
        return java.util.List.of();
    }
}
