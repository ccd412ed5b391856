package org.callscope.engine.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Collects one call's RTP payloads (decrypted) and renders them as one stereo WAV: the caller
 * (CDR direction "a") on the left, the callee on the right, as VoIPmonitor's and Wireshark's RTP
 * players do.
 *
 * <h2>Decoding</h2>
 * G.711 µ-law and A-law, G.722 (ITU-T fixed point, bit-exact), Opus (Concentus, with packet loss
 * concealment), L16 at any rate and channel count (mixed to mono) and RFC 3389 comfort noise
 * (white noise at the signalled level until the stream's next packet). Telephone events are not
 * audio and are skipped. Other codecs (G.729, GSM, iLBC, AMR, ...) are counted per payload type
 * in {@link AudioReport#unsupportedCodecs()} and their time is silence.
 *
 * <h2>Time</h2>
 * Both channels share one time axis that starts at the call's earliest packet. Each stream
 * (side and SSRC) starts at its first packet's arrival and then follows RTP timestamps, so
 * jitter does not distort the audio; it re-anchors at the arrival time on a marker bit, a
 * timestamp jump or a drift from arrival times (rules in {@code StreamTimeline}). Duplicates are dropped;
 * gaps and losses are silence, except that Opus conceals up to 120 ms of loss. Streams of one side
 * that overlap are summed.
 *
 * <h2>Output</h2>
 * 16-bit PCM stereo at 8000 Hz when every decodable stream is narrowband (G.711, L16 up to
 * 8 kHz), 48000 Hz when Opus or L16 above 16 kHz is present, else 16000 Hz. Streams at a lower
 * rate are up-sampled by linear interpolation ({@code LinearResampler}). The file is written as it
 * is rendered and its sizes filled in at the end; audio longer than a WAV file can hold (about 37
 * hours at 8000 Hz, 6 at 48000 Hz) is refused with an {@link IOException}, and a file that could
 * not be written to the end is deleted.
 *
 * <h2>Memory</h2>
 * Payloads are kept as they arrived, compressed, plus 34 bytes of header fields per packet (no
 * object per packet; arrays grow by doubling). Per minute of one side's audio in 20 ms packets
 * that is about 580 KB for G.711 or G.722 (64 kbit/s), 160 to 350 KB for Opus at 8 to 32 kbit/s,
 * and 2 MB for L16 at 16 kHz. Rendering adds about 45 bytes per packet and a window of a few
 * packets' audio; the WAV file is written as it is rendered, never held. Payload bytes beyond
 * {@code maxPayloadBytes} (default {@link #DEFAULT_MAX_PAYLOAD_BYTES}, some 18 hours of G.711 in
 * both directions) are not kept and count as skipped.
 *
 * <p>Not thread-safe: one thread feeds a call and then writes it. Allocates per packet (a copy of
 * the payload, grown arrays), which is fine off the capture hot path.
 */
public final class CallAudio {
    /** Default cap on the payload bytes one call keeps: 1 GiB. */
    public static final long DEFAULT_MAX_PAYLOAD_BYTES = 1L << 30;

    private final long maxPayloadBytes;
    private final Map<Long, PacketLog> streams = new LinkedHashMap<>();
    private long earliestArrival = Long.MAX_VALUE;
    private long payloadBytes;
    private long packetsOverLimit;

    public CallAudio() {
        this(DEFAULT_MAX_PAYLOAD_BYTES);
    }

    /** A call that keeps at most {@code maxPayloadBytes} of payload; later packets count as skipped. */
    public CallAudio(long maxPayloadBytes) {
        if (maxPayloadBytes < 0) {
            throw new IllegalArgumentException("maxPayloadBytes must not be negative: " + maxPayloadBytes);
        }
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /**
     * One RTP packet's payload.
     *
     * @param callerSide   true when the caller (CDR direction "a") sent it
     * @param ssrc         RTP SSRC; distinguishes streams on the same side (a re-INVITE may change it)
     * @param arrivalNanos capture time of the packet
     * @param sequence     RTP sequence number (16 bits)
     * @param rtpTimestamp RTP timestamp (32 bits)
     * @param payloadType  RTP payload type (7 bits)
     * @param encoding     encoding name from the SDP rtpmap, or null for the RFC 3551 static table
     * @param clockRate    clock rate from the rtpmap, or 0 for the static table's
     * @param channels     channels from the rtpmap; 0 and 1 mean mono
     * @param marker       RTP marker bit
     */
    public void onRtp(boolean callerSide, long ssrc, long arrivalNanos, int sequence, long rtpTimestamp,
                      int payloadType, String encoding, int clockRate, int channels, boolean marker,
                      byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        earliestArrival = Math.min(earliestArrival, arrivalNanos);
        if (payloadBytes + len > maxPayloadBytes) {
            packetsOverLimit++;
            return;
        }
        long key = (callerSide ? 1L << 32 : 0) | (ssrc & 0xFFFF_FFFFL);
        PacketLog log = streams.computeIfAbsent(key, k -> new PacketLog(callerSide, ssrc & 0xFFFF_FFFFL));
        int format = log.formatIndex(payloadType & 0x7F, encoding, clockRate, channels);
        log.add(arrivalNanos, sequence, rtpTimestamp, format, marker, buf, off, len);
        payloadBytes += len;
    }

    /**
     * Writes a 16-bit PCM stereo WAV (RIFF, little-endian) of everything received so far and
     * returns what was written and what could not be decoded. May be called again later.
     *
     * @throws IOException when the file cannot be written or the audio is too long for WAV
     */
    public AudioReport writeWav(Path out) throws IOException {
        int rate = outputRate();
        StreamRenderer.RenderCounts counts = new StreamRenderer.RenderCounts();
        counts.skipped = packetsOverLimit;
        List<StreamTimeline> timelines = new ArrayList<>(streams.size());
        long lastStart = 0;
        for (PacketLog log : streams.values()) {
            StreamTimeline timeline = new StreamTimeline(log, earliestArrival, rate);
            counts.skipped += timeline.duplicates + timeline.telephoneEvents;
            lastStart = Math.max(lastStart, timeline.lastPosition());
            timelines.add(timeline);
        }
        if (lastStart > WavWriter.maxFrames(2)) {
            throw WavWriter.tooLong(out, lastStart, rate, 2);
        }
        WavWriter wav = new WavWriter(out, rate, 2);
        try {
            StereoMixer mixer = new StereoMixer(wav);
            List<StreamRenderer> renderers = new ArrayList<>(timelines.size());
            int s = 0;
            for (PacketLog log : streams.values()) {
                renderers.add(new StreamRenderer(log, timelines.get(s++), rate, mixer, counts));
            }
            render(renderers, mixer);
            mixer.flushBefore(mixer.end());
            wav.close();
        } catch (IOException | RuntimeException e) {
            discard(wav, out, e);
            throw e;
        }
        long frames = wav.frames();
        List<String> unsupported = new ArrayList<>();
        counts.unsupported.forEach((label, packets) ->
                unsupported.add(label + ": " + packets + (packets == 1 ? " packet" : " packets")));
        return new AudioReport(rate, frames, frames / (double) rate, unsupported, counts.decoded, counts.skipped);
    }

    /** Closes and deletes a file that could not be written to the end, keeping the first error. */
    private static void discard(WavWriter wav, Path out, Exception cause) {
        try {
            wav.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
        try {
            Files.deleteIfExists(out);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /** Steps the stream that can write earliest, flushing what no stream can write to any more. */
    private static void render(List<StreamRenderer> renderers, StereoMixer mixer) throws IOException {
        while (true) {
            StreamRenderer earliest = null;
            long bound = Long.MAX_VALUE;
            for (StreamRenderer r : renderers) {
                if (!r.done() && r.writeBound() < bound) {
                    bound = r.writeBound();
                    earliest = r;
                }
            }
            if (earliest == null) {
                return;
            }
            mixer.flushWhole(Math.min(bound, mixer.end()));
            earliest.step();
        }
    }

    /** 8000 Hz if all decodable audio is narrowband, 48000 Hz with Opus or wideband L16, else 16000 Hz. */
    private int outputRate() {
        int rate = 8000;
        for (PacketLog log : streams.values()) {
            for (PayloadFormat f : log.formats()) {
                rate = Math.max(rate, f.codec().neededOutputRate(f.clockRate()));
            }
        }
        return rate;
    }
}
