package org.callscope.engine.audio;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a canonical 44-byte-header RIFF/WAVE file of 16-bit little-endian PCM as it comes, and
 * fills in the two sizes on {@link #close()}. RIFF sizes are 32-bit: data past
 * {@link #MAX_DATA_BYTES} is refused with an {@link IOException} that says how long the audio was
 * and what the limit is at this rate.
 */
final class WavWriter implements Closeable {
    static final int HEADER_BYTES = 44;
    /** The RIFF chunk size (data + 36) must fit an unsigned 32-bit field. */
    static final long MAX_DATA_BYTES = 0xFFFF_FFFFL - (HEADER_BYTES - 8);

    private final Path path;
    private final FileChannel channel;
    private final int sampleRate;
    private final int channels;
    private long dataBytes;

    WavWriter(Path path, int sampleRate, int channels) throws IOException {
        this.path = path;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        writeFully(header(sampleRate, channels, 0));
    }

    /** Frames (one sample per channel) that fit a WAV file at this channel count. */
    static long maxFrames(int channels) {
        return MAX_DATA_BYTES / (2L * channels);
    }

    /** Appends whole frames of little-endian 16-bit samples. */
    void write(ByteBuffer pcm) throws IOException {
        long total = dataBytes + pcm.remaining();
        if (total > MAX_DATA_BYTES) {
            throw tooLong(total / (2L * channels));
        }
        writeFully(pcm);
        dataBytes = total;
    }

    IOException tooLong(long frames) {
        return tooLong(path, frames, sampleRate, channels);
    }

    /** The error for audio of {@code frames} frames that a WAV file cannot hold. */
    static IOException tooLong(Path path, long frames, int sampleRate, int channels) {
        return new IOException(String.format(java.util.Locale.ROOT,
                "%s: %.1f hours of audio at %d Hz do not fit a WAV file (RIFF sizes are 32-bit: at most %.1f hours)",
                path, frames / (double) sampleRate / 3600, sampleRate,
                maxFrames(channels) / (double) sampleRate / 3600));
    }

    long frames() {
        return dataBytes / (2L * channels);
    }

    @Override
    public void close() throws IOException {
        try (channel) {
            channel.position(0);
            writeFully(header(sampleRate, channels, dataBytes));
        }
    }

    /** The 44-byte header; sizes are unsigned 32-bit, so data up to 4 GiB is described correctly. */
    static ByteBuffer header(int sampleRate, int channels, long dataSize) {
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        h.putInt((int) (dataSize + HEADER_BYTES - 8));
        h.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        h.putInt(16);                                   // fmt chunk size
        h.putShort((short) 1);                          // WAVE_FORMAT_PCM
        h.putShort((short) channels);
        h.putInt(sampleRate);
        h.putInt(sampleRate * channels * 2);            // byte rate
        h.putShort((short) (channels * 2));             // block align
        h.putShort((short) 16);                         // bits per sample
        h.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        h.putInt((int) dataSize);
        return h.flip();
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }
}
