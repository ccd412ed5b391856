package org.callscope.engine.tls.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Decrypts both directions of a {@link TlsTrace} with the public API, failing loudly on any record that does not open. */
final class TraceDecryption {
    /** The opened records of each direction, in order. */
    record Result(List<TlsPlaintext> fromClient, List<TlsPlaintext> fromServer) {
        String clientData() {
            return data(fromClient);
        }

        String serverData() {
            return data(fromServer);
        }

        private static String data(List<TlsPlaintext> records) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (TlsPlaintext p : records) {
                if (p.contentType() == TlsTrace.APPLICATION_DATA) {
                    out.writeBytes(p.data());
                }
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private TraceDecryption() {
    }

    /** SSL 3.0 to TLS 1.2: everything after each direction's ChangeCipherSpec. */
    static Result tls12(TlsTrace t, byte[] masterSecret) throws RecordDecryptException {
        ConnectionDecryptors d = RecordDecryptors.tls12(t.version, t.suite, masterSecret, t.clientRandom, t.serverRandom, false);
        boolean deflate = t.compressionMethod == RecordDecompressor.DEFLATE;
        return new Result(openAll(d.client(), TlsTrace.afterChangeCipherSpec(t.fromClient), deflate),
                openAll(d.server(), TlsTrace.afterChangeCipherSpec(t.fromServer), deflate));
    }

    private static List<TlsPlaintext> openAll(RecordDecryptor d, List<TlsTrace.Record> records, boolean deflate)
            throws RecordDecryptException {
        RecordDecompressor inflater = deflate ? new RecordDecompressor() : null;
        List<TlsPlaintext> out = new ArrayList<>();
        for (TlsTrace.Record r : records) {
            TlsPlaintext p = d.open(r.type(), r.version(), r.fragment(), 0, r.fragment().length);
            out.add(inflater == null ? p : new TlsPlaintext(p.contentType(), inflater.decompress(p.data())));
        }
        return out;
    }

    /**
     * TLS 1.3: each direction's application_data records, first under its handshake traffic secret,
     * then, after its Finished, under its application traffic secret.
     */
    static Result tls13(TlsTrace t, byte[] clientHandshake, byte[] serverHandshake, byte[] clientApplication,
                        byte[] serverApplication) throws RecordDecryptException {
        return new Result(open13(t.suite, t.fromClient, clientHandshake, clientApplication),
                open13(t.suite, t.fromServer, serverHandshake, serverApplication));
    }

    private static List<TlsPlaintext> open13(CipherSuite s, List<TlsTrace.Record> records, byte[] handshakeSecret,
                                             byte[] applicationSecret) throws RecordDecryptException {
        List<TlsPlaintext> out = new ArrayList<>();
        RecordDecryptor d = RecordDecryptors.tls13(s, handshakeSecret);
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        boolean finished = false;
        for (TlsTrace.Record r : records) {
            if (r.type() != TlsTrace.APPLICATION_DATA) {
                continue;
            }
            TlsPlaintext p = d.open(r.type(), r.version(), r.fragment(), 0, r.fragment().length);
            out.add(p);
            if (!finished && p.contentType() == TlsTrace.HANDSHAKE) {
                handshake.writeBytes(p.data());
                if (containsFinished(handshake.toByteArray())) {
                    finished = true;
                    d = RecordDecryptors.tls13(s, applicationSecret);
                }
            }
        }
        return out;
    }

    private static boolean containsFinished(byte[] m) {
        int pos = 0;
        while (pos + 4 <= m.length) {
            int len = (m[pos + 1] & 0xff) << 16 | (m[pos + 2] & 0xff) << 8 | (m[pos + 3] & 0xff);
            if (pos + 4 + len > m.length) {
                return false;
            }
            if ((m[pos] & 0xff) == 20) {
                return true;
            }
            pos += 4 + len;
        }
        return false;
    }
}
