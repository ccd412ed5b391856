package org.callscope.engine.audio;

/**
 * Turns the payloads of one RTP stream, in sequence order, into mono 16-bit samples at the
 * decoder's own rate. One instance per stream and codec: decoders such as G.722 and Opus carry
 * state from packet to packet.
 */
interface PayloadDecoder {
    /** Rate of the samples this decoder produces, Hz. */
    int sampleRate();

    /** Upper bound of the samples one payload of {@code len} bytes can produce. */
    int maxSamples(int len);

    /**
     * Decodes one payload into {@code out} (at least {@link #maxSamples} long) and returns the
     * number of samples, or -1 when the payload is malformed (nothing is written then).
     */
    int decode(byte[] buf, int off, int len, short[] out);

    /**
     * Fills {@code samples} samples of {@code out} for packets that never arrived and returns how
     * many it wrote; 0 means the codec has no concealment and the gap stays silent.
     */
    default int conceal(int samples, short[] out) {
        return 0;
    }
}
