package org.callscope.engine.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.callscope.engine.capture.CapturedPacket;

/**
 * Remembers copies of the frames that carried bytes of a stream since its last complete message,
 * so a SIP message reassembled from TCP can be written to its call's capture as the frames that
 * carried it. Bounded: a message is never spread over more than {@link #MAX_FRAMES} frames kept.
 */
final class FrameTracker {
    static final int MAX_FRAMES = 64;

    private final List<CapturedPacket> pending = new ArrayList<>();
    private CapturedPacket last;

    void add(CapturedPacket frame) {
        if (last != null && last.frameNumber == frame.frameNumber && last.tsNanos == frame.tsNanos) {
            return;
        }
        if (pending.size() >= MAX_FRAMES) {
            pending.remove(0);
        }
        CapturedPacket copy = CapturedPacket.copyOf(frame);
        pending.add(copy);
        last = copy;
    }

    /** The frames of the message just completed. */
    List<CapturedPacket> take() {
        List<CapturedPacket> out = List.copyOf(pending);
        pending.clear();
        return out;
    }

    /** After a feed: if bytes of an unfinished message remain, the latest frame carried some of them. */
    void keepLatestIf(boolean partialMessageBuffered) {
        if (partialMessageBuffered && last != null && (pending.isEmpty() || pending.get(pending.size() - 1) != last)) {
            pending.add(last);
        }
    }
}
