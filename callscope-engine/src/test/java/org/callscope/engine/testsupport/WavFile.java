package org.callscope.engine.testsupport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads 16-bit PCM WAV files back for tests: the format chunk and one channel's samples. Walks
 * the RIFF chunks, so files with extra chunks (LIST, fact) read too; checks the sizes it relies on.
 */
public final class WavFile {
    /**
     * The fmt chunk and where the data is.
     *
     * @param riffSize size field of the RIFF header
     * @param dataSize size field of the data chunk
     */
    public record Format(int audioFormat, int channels, int sampleRate, int bitsPerSample, long riffSize,
                         long dataSize, int dataOffset) {
        public long frames() {
            return dataSize / ((long) channels * bitsPerSample / 8);
        }
    }

    private WavFile() {
    }

    public static Format readFormat(Path path) throws IOException {
        return parse(ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN));
    }

    /** Samples of one channel (0 = left) of a 16-bit PCM file. */
    public static short[] readChannel(Path path, int channel) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
        Format f = parse(b);
        if (f.audioFormat() != 1 || f.bitsPerSample() != 16) {
            throw new IOException(path + ": not 16-bit PCM: " + f);
        }
        if (channel < 0 || channel >= f.channels()) {
            throw new IOException(path + ": no channel " + channel + " in " + f.channels());
        }
        int frames = (int) f.frames();
        short[] out = new short[frames];
        int frameBytes = 2 * f.channels();
        for (int i = 0; i < frames; i++) {
            out[i] = b.getShort(f.dataOffset() + i * frameBytes + 2 * channel);
        }
        return out;
    }

    private static Format parse(ByteBuffer b) throws IOException {
        if (b.limit() < 12 || !tag(b, 0).equals("RIFF") || !tag(b, 8).equals("WAVE")) {
            throw new IOException("not a RIFF/WAVE file");
        }
        long riffSize = Integer.toUnsignedLong(b.getInt(4));
        int at = 12;
        int audioFormat = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        while (at + 8 <= b.limit()) {
            String id = tag(b, at);
            long size = Integer.toUnsignedLong(b.getInt(at + 4));
            int body = at + 8;
            if (id.equals("fmt ")) {
                audioFormat = b.getShort(body) & 0xFFFF;
                channels = b.getShort(body + 2) & 0xFFFF;
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14) & 0xFFFF;
            } else if (id.equals("data")) {
                if (audioFormat < 0) {
                    throw new IOException("data chunk before fmt chunk");
                }
                if (body + size > b.limit()) {
                    throw new IOException("data chunk of " + size + " bytes overruns the file");
                }
                return new Format(audioFormat, channels, rate, bits, riffSize, size, body);
            }
            at = body + (int) size + (int) (size & 1);
        }
        throw new IOException("no data chunk");
    }

    private static String tag(ByteBuffer b, int at) {
        byte[] t = new byte[4];
        b.get(at, t);
        return new String(t, StandardCharsets.US_ASCII);
    }
}
