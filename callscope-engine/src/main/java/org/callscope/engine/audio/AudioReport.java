package org.callscope.engine.audio;

import java.util.List;

/**
 * What {@link CallAudio#writeWav} wrote.
 *
 * @param sampleRate        output rate, Hz
 * @param frames            stereo frames written (one sample per channel)
 * @param seconds           {@code frames / sampleRate}
 * @param unsupportedCodecs payloads that could not be decoded, one entry per encoding and payload
 *                          type, as {@code "G729 (pt 18): 250 packets"}; their time is silence
 * @param packetsDecoded    packets that became audio (comfort noise included)
 * @param packetsSkipped    packets that did not: duplicates, telephone events, unsupported or
 *                          malformed payloads, packets past the memory limit
 */
public record AudioReport(int sampleRate, long frames, double seconds, List<String> unsupportedCodecs,
                          long packetsDecoded, long packetsSkipped) {
    public AudioReport {
        unsupportedCodecs = List.copyOf(unsupportedCodecs);
    }
}
