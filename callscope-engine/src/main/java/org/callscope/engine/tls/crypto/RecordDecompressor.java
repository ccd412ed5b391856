package org.callscope.engine.tls.crypto;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * TLS DEFLATE compression (RFC 3749, compression method 1) of one direction, applied to the
 * plaintext a {@link RecordDecryptor} returns when the ServerHello chose it (SSL 3.0–TLS 1.2 only).
 * The zlib stream runs across records: each record ends with a sync flush. A record may not
 * inflate beyond 2^14 bytes (RFC 5246 §6.2.2), which bounds what hostile input can make us allocate.
 */
public final class RecordDecompressor {
    /** The ServerHello compression_method of DEFLATE. */
    public static final int DEFLATE = 1;
    static final int MAX_PLAINTEXT = 1 << 14;

    private final Inflater inflater = new Inflater();
    private final byte[] buffer = new byte[MAX_PLAINTEXT + 1];

    /**
     * Inflates one record's compressed fragment.
     *
     * @throws RecordDecryptException "decompression failure" for a broken stream or a record over 2^14 bytes
     */
    public byte[] decompress(byte[] compressed) throws RecordDecryptException {
        inflater.setInput(compressed);
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(MAX_PLAINTEXT, compressed.length * 4 + 16));
        try {
            int total = 0;
            while (true) {
                int n = inflater.inflate(buffer, 0, buffer.length);
                total += n;
                if (total > MAX_PLAINTEXT) {
                    throw new RecordDecryptException(RecordDecryptException.DECOMPRESSION, "record inflates beyond " + MAX_PLAINTEXT + " bytes");
                }
                out.write(buffer, 0, n);
                if (n == 0 && (inflater.needsInput() || inflater.finished() || inflater.needsDictionary())) {
                    break;
                }
            }
        } catch (DataFormatException e) {
            throw new RecordDecryptException(RecordDecryptException.DECOMPRESSION, e.getMessage());
        }
        if (inflater.needsDictionary()) {
            throw new RecordDecryptException(RecordDecryptException.DECOMPRESSION, "zlib stream asks for a preset dictionary");
        }
        return out.toByteArray();
    }
}
