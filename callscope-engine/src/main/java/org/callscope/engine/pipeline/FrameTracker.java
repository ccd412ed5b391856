package org.callscope.engine.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.callscope.engine.capture.CapturedPacket;

/**
 * Remembers copies of the frames that carried bytes of one stream direction, with the stream
 * range each delivered, so a SIP message reassembled from TCP is written to its call's capture as
 * exactly the frames that carried it. Bounded: at most {@link #MAX_FRAMES} frames are held.
 */
final class FrameTracker {
    static final int MAX_FRAMES = 64;

    private final Deque<Carried> frames = new ArrayDeque<>();
    private long streamPosition;

    /** {@code frame} delivered the next {@code length} bytes of the stream. */
    void delivered(CapturedPacket frame, int length) {
        long start = streamPosition;
        streamPosition += length;
        Carried last = frames.peekLast();
        if (last != null && last.frame.frameNumber == frame.frameNumber && last.frame.tsNanos == frame.tsNanos) {
            last.end = streamPosition;
            return;
        }
        if (frames.size() >= MAX_FRAMES) {
            frames.removeFirst();
        }
        frames.addLast(new Carried(CapturedPacket.copyOf(frame), start, streamPosition));
    }

    /** Bytes the stream lost before the capture saw them. */
    void gap(long missing) {
        streamPosition += missing;
    }

    /** The frames that carried stream bytes {@code [from, to)}; frames wholly before {@code to} are forgotten. */
    List<CapturedPacket> take(long from, long to) {
        List<CapturedPacket> out = new ArrayList<>(2);
        for (Carried c : frames) {
            if (c.start < to && c.end > from) {
                out.add(c.frame);
            }
        }
        while (!frames.isEmpty() && frames.peekFirst().end <= to) {
            frames.removeFirst();
        }
        return out;
    }

    /** Every frame held: for framings that do not report stream offsets. */
    List<CapturedPacket> takeAll() {
        List<CapturedPacket> out = new ArrayList<>(frames.size());
        for (Carried c : frames) {
            out.add(c.frame);
        }
        frames.clear();
        return out;
    }

    private static final class Carried {
        final CapturedPacket frame;
        final long start;
        long end;

        Carried(CapturedPacket frame, long start, long end) {
            this.frame = frame;
            this.start = start;
            this.end = end;
        }
    }
}
