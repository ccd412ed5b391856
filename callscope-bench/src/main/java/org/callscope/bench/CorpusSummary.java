package org.callscope.bench;

/** What a generation run wrote: frame counts by kind and the bytes of frame data. */
public record CorpusSummary(long frames, long sipFrames, long rtpFrames, long frameBytes) {
}
