package org.callscope.engine.audio;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plays one stream's timeline into its channel of the {@link StereoMixer}: decodes each packet
 * in turn with the decoder of its payload type, conceals or leaves silent what was lost, fills
 * comfort noise until the stream's next packet, and resamples to the output rate. Joins a packet
 * to the previous one without a seam when it follows it by timestamp.
 */
final class StreamRenderer {
    /** Comfort noise is written in pieces of this many output frames so the mixer window stays small. */
    private static final int NOISE_PIECE_FRAMES = 4800;
    /** Rounding of non-integer rate ratios may leave a packet this many frames off its predecessor's end. */
    private static final int JOIN_TOLERANCE_FRAMES = 2;

    private final PacketLog log;
    private final StreamTimeline timeline;
    private final int outputRate;
    private final StereoMixer mixer;
    private final RenderCounts counts;
    private final PayloadDecoder[] decoders;
    private final LinearResampler resampler = new LinearResampler();
    private final ComfortNoise noise = new ComfortNoise();
    private short[] decoded = new short[OpusPayloadDecoder.MAX_PACKET_SAMPLES];
    private short[] resampled = new short[OpusPayloadDecoder.MAX_PACKET_SAMPLES];

    private int next;
    private long writtenEnd = Long.MIN_VALUE;
    private PayloadDecoder lastDecoder;
    /** Comfort noise still to write: from {@code noiseFrom} up to {@code noiseTo} at {@code noiseLevel}. */
    private long noiseFrom;
    private long noiseTo;
    private int noiseLevel;

    StreamRenderer(PacketLog log, StreamTimeline timeline, int outputRate, StereoMixer mixer, RenderCounts counts) {
        this.log = log;
        this.timeline = timeline;
        this.outputRate = outputRate;
        this.mixer = mixer;
        this.counts = counts;
        this.decoders = new PayloadDecoder[log.formats().size()];
    }

    boolean done() {
        return next >= timeline.size && noiseFrom >= noiseTo;
    }

    /** No later write of this stream starts before this frame. */
    long writeBound() {
        if (noiseFrom < noiseTo) {
            return noiseFrom;
        }
        if (next >= timeline.size) {
            return Long.MAX_VALUE;
        }
        long bound = Math.max(writtenEnd, timeline.minPositionFrom[next]);
        // Concealing a loss writes from where the stream's audio ended.
        return timeline.lossBefore[next] ? Math.min(bound, writtenEnd) : bound;
    }

    /** Writes the next piece: some comfort noise, or one packet. */
    void step() throws IOException {
        if (noiseFrom < noiseTo) {
            int n = (int) Math.min(NOISE_PIECE_FRAMES, noiseTo - noiseFrom);
            ensureCapacity(n);
            noise.fill(noiseLevel, resampled, n);
            write(noiseFrom, n);
            noiseFrom += n;
            return;
        }
        int k = next++;
        int i = timeline.packets[k];
        long position = timeline.positions[k];
        PayloadFormat format = log.format(i);
        byte[] payload = log.payloadArray();
        int off = log.offset(i);
        int len = log.length(i);
        switch (format.codec()) {
            case COMFORT_NOISE -> comfortNoise(k, position, ComfortNoise.level(payload, off, len));
            case UNSUPPORTED -> {
                // Silence, but the call lasts that long: one packet spacing past the packet's start.
                counts.unsupported(format);
                lastDecoder = null;
                long spacing = timeline.continued[k] ? position - timeline.positions[k - 1] : 0;
                mixer.reach(position + spacing);
            }
            default -> decode(k, position, decoder(format, log.formatIndex(i)), payload, off, len);
        }
    }

    private void comfortNoise(int k, long position, int level) {
        lastDecoder = null;
        if (level < 0) {
            counts.skipped++;
            return;
        }
        counts.decoded++;
        noiseLevel = level;
        noiseFrom = Math.max(position, writtenEnd);
        noiseTo = k + 1 < timeline.size ? timeline.positions[k + 1] : position;
        mixer.reach(position);
    }

    private void decode(int k, long position, PayloadDecoder decoder, byte[] payload, int off, int len) {
        boolean joins = decoder == lastDecoder && timeline.continued[k];
        resampler.configure(decoder.sampleRate(), outputRate);
        if (joins && timeline.lossBefore[k] && position > writtenEnd) {
            conceal(decoder, position - writtenEnd);
        }
        ensureCapacity(Math.max(decoder.maxSamples(len),
                LinearResampler.maxOutput(decoder.maxSamples(len), decoder.sampleRate(), outputRate)));
        int n = decoder.decode(payload, off, len, decoded);
        if (n < 0) {
            counts.skipped++;
            lastDecoder = null;
            return;
        }
        counts.decoded++;
        long start = position;
        if (joins && Math.abs(position - writtenEnd) <= JOIN_TOLERANCE_FRAMES) {
            start = writtenEnd;
        } else {
            resampler.reset();
        }
        int m = resampler.process(decoded, n, resampled);
        write(start, m);
        lastDecoder = decoder;
    }

    /** Packet loss concealment for a gap of {@code frames} output frames, where the codec has it. */
    private void conceal(PayloadDecoder decoder, long frames) {
        int nativeSamples = (int) Math.min(OpusPayloadDecoder.MAX_PACKET_SAMPLES,
                frames * decoder.sampleRate() / outputRate);
        ensureCapacity(LinearResampler.maxOutput(nativeSamples, decoder.sampleRate(), outputRate));
        int n = decoder.conceal(nativeSamples, decoded);
        if (n > 0) {
            write(writtenEnd, resampler.process(decoded, n, resampled));
        }
    }

    private void write(long position, int n) {
        mixer.add(log.callerSide, position, resampled, n);
        writtenEnd = Math.max(writtenEnd, position + n);
    }

    private PayloadDecoder decoder(PayloadFormat format, int index) {
        PayloadDecoder d = decoders[index];
        if (d == null) {
            d = switch (format.codec()) {
                case PCMU -> new G711Decoder(false);
                case PCMA -> new G711Decoder(true);
                case G722 -> new G722Decoder();
                case OPUS -> new OpusPayloadDecoder();
                case L16 -> new L16Decoder(format.clockRate() > 0 ? format.clockRate() : outputRate, format.channels());
                default -> throw new IllegalStateException("not decodable: " + format);
            };
            decoders[index] = d;
        }
        return d;
    }

    private void ensureCapacity(int n) {
        if (decoded.length < n) {
            decoded = new short[n];
        }
        if (resampled.length < n) {
            resampled = new short[n];
        }
    }

    /** What the streams of a call decoded and could not. */
    static final class RenderCounts {
        long decoded;
        long skipped;
        /** Packets by {@link PayloadFormat#label()}, in order of first appearance. */
        final Map<String, Long> unsupported = new LinkedHashMap<>();

        void unsupported(PayloadFormat format) {
            skipped++;
            unsupported.merge(format.label(), 1L, Long::sum);
        }
    }
}
