package org.callscope.engine.audio;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusPacketInfo;

/**
 * Opus (RFC 6716, RTP payload RFC 7587) through Concentus, decoded to mono at 48 kHz: stereo
 * packets are down-mixed by the decoder. Lost packets are concealed by Opus's own packet loss
 * concealment. Concentus allocates per packet; audio export is not the capture hot path.
 */
final class OpusPayloadDecoder implements PayloadDecoder {
    static final int SAMPLE_RATE = 48000;
    /** RFC 6716 §3.2.5: a packet holds at most 120 ms of audio. */
    static final int MAX_PACKET_SAMPLES = SAMPLE_RATE * 120 / 1000;
    /** RFC 6716 §2: concealment works in multiples of 2.5 ms. */
    private static final int CONCEALMENT_GRANULE = SAMPLE_RATE / 400;

    private final OpusDecoder decoder;

    OpusPayloadDecoder() {
        try {
            decoder = new OpusDecoder(SAMPLE_RATE, 1);
        } catch (OpusException e) {
            throw new IllegalStateException("Opus decoder refused 48000 Hz mono", e);
        }
    }

    /** Samples at 48 kHz that an Opus packet holds (RFC 6716 §3.1 TOC byte and frame count), or -1. */
    static int packetSamples(byte[] buf, int off, int len) {
        if (len <= 0) {
            return -1;
        }
        int n = OpusPacketInfo.getNumSamples(buf, off, len, SAMPLE_RATE);
        return n > 0 && n <= MAX_PACKET_SAMPLES ? n : -1;
    }

    @Override
    public int sampleRate() {
        return SAMPLE_RATE;
    }

    @Override
    public int maxSamples(int len) {
        return MAX_PACKET_SAMPLES;
    }

    @Override
    public int decode(byte[] buf, int off, int len, short[] out) {
        if (packetSamples(buf, off, len) < 0) {
            return -1;
        }
        try {
            return Math.max(-1, decoder.decode(buf, off, len, out, 0, MAX_PACKET_SAMPLES, false));
        } catch (OpusException | RuntimeException | AssertionError e) {
            // Concentus checks its invariants with AssertionErrors that it throws whether or not
            // assertions are enabled; from a corrupt packet that is one packet lost.
            decoder.resetState();
            return -1;
        }
    }

    @Override
    public int conceal(int samples, short[] out) {
        int todo = Math.min(samples, MAX_PACKET_SAMPLES) / CONCEALMENT_GRANULE * CONCEALMENT_GRANULE;
        if (todo == 0) {
            return 0;
        }
        try {
            return Math.max(0, decoder.decode(null, 0, 0, out, 0, todo, false));
        } catch (OpusException | RuntimeException | AssertionError e) {
            decoder.resetState();
            return 0;
        }
    }
}
