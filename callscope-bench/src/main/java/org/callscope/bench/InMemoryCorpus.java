package org.callscope.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.callscope.engine.capture.CapturedPacket;
import org.callscope.engine.capture.LinkType;

/**
 * A generated corpus held as frames in memory, split by what they carry, so a benchmark can set calls
 * up outside its measurement and then time only the media. Each frame's array is exactly its length.
 */
public final class InMemoryCorpus {
    private final CapturedPacket[] setup;
    private final CapturedPacket[] rtp;
    private final CapturedPacket[] teardown;

    private InMemoryCorpus(List<CapturedPacket> setup, List<CapturedPacket> rtp, List<CapturedPacket> teardown) {
        this.setup = setup.toArray(CapturedPacket[]::new);
        this.rtp = rtp.toArray(CapturedPacket[]::new);
        this.teardown = teardown.toArray(CapturedPacket[]::new);
    }

    public static InMemoryCorpus generate(CorpusSpec spec) {
        List<CapturedPacket> setup = new ArrayList<>();
        List<CapturedPacket> rtp = new ArrayList<>();
        List<CapturedPacket> teardown = new ArrayList<>();
        long[] number = {0};
        try {
            CorpusGenerator.generate(spec, (kind, ts, buf, off, len) -> {
                CapturedPacket p = new CapturedPacket();
                p.data = java.util.Arrays.copyOfRange(buf, off, off + len);
                p.tsNanos = ts;
                p.linkType = LinkType.ETHERNET;
                p.capturedLength = len;
                p.originalLength = len;
                p.frameNumber = ++number[0];
                switch (kind) {
                    case SIP_SETUP -> setup.add(p);
                    case RTP -> rtp.add(p);
                    case SIP_TEARDOWN -> teardown.add(p);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the sink above does no I/O
        }
        return new InMemoryCorpus(setup, rtp, teardown);
    }

    /** INVITE to ACK of every call, in time order. */
    public CapturedPacket[] setup() {
        return setup;
    }

    /** All RTP frames, in time order. */
    public CapturedPacket[] rtp() {
        return rtp;
    }

    /** BYE and 200 of every call, in time order. */
    public CapturedPacket[] teardown() {
        return teardown;
    }
}
