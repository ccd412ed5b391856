package org.callscope.engine.tls.crypto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.callscope.engine.tls.TlsVersion;

/**
 * One captured TLS connection cut into records, with what minimal parsing of the plaintext
 * handshake finds: the randoms, the negotiated version and suite, and the RSA-encrypted pre-master
 * secret. Test scaffolding only: trusts its input.
 */
final class TlsTrace {
    static final int CHANGE_CIPHER_SPEC = 20;
    static final int ALERT = 21;
    static final int HANDSHAKE = 22;
    static final int APPLICATION_DATA = 23;

    record Record(int type, int version, byte[] fragment) {
    }

    final List<Record> fromClient;
    final List<Record> fromServer;
    byte[] clientRandom;
    byte[] serverRandom;
    TlsVersion version;
    CipherSuite suite;
    int suiteId = -1;
    int compressionMethod;
    byte[] encryptedPreMaster;

    TlsTrace(byte[] clientBytes, byte[] serverBytes) {
        fromClient = records(clientBytes);
        fromServer = records(serverBytes);
        // The server's first: the version decides how the client's key exchange is framed.
        readHandshake(fromServer, false);
        readHandshake(fromClient, true);
    }

    static TlsTrace of(TcpStreams.Connection c) {
        return new TlsTrace(c.fromClient.toByteArray(), c.fromServer.toByteArray());
    }

    private static List<Record> records(byte[] b) {
        List<Record> out = new ArrayList<>();
        int pos = 0;
        while (pos + 5 <= b.length) {
            int len = (b[pos + 3] & 0xff) << 8 | (b[pos + 4] & 0xff);
            if (pos + 5 + len > b.length) {
                break;
            }
            out.add(new Record(b[pos] & 0xff, (b[pos + 1] & 0xff) << 8 | (b[pos + 2] & 0xff),
                    Arrays.copyOfRange(b, pos + 5, pos + 5 + len)));
            pos += 5 + len;
        }
        return out;
    }

    /** Plaintext handshake records, before the ChangeCipherSpec of that direction. */
    private void readHandshake(List<Record> records, boolean client) {
        for (Record r : records) {
            if (r.type == CHANGE_CIPHER_SPEC) {
                return;
            }
            if (r.type != HANDSHAKE) {
                continue;
            }
            byte[] m = r.fragment;
            int pos = 0;
            while (pos + 4 <= m.length) {
                int type = m[pos] & 0xff;
                int len = (m[pos + 1] & 0xff) << 16 | (m[pos + 2] & 0xff) << 8 | (m[pos + 3] & 0xff);
                int body = pos + 4;
                if (body + len > m.length) {
                    break;
                }
                if (type == 1 && client) {
                    clientRandom = Arrays.copyOfRange(m, body + 2, body + 34);
                } else if (type == 2 && !client) {
                    serverHello(m, body, len);
                } else if (type == 16 && client) {
                    // SSL 3.0 sends the RSA ciphertext bare; TLS prefixes it with a 2-byte length.
                    int off = version == TlsVersion.SSL_3_0 ? body : body + 2;
                    encryptedPreMaster = Arrays.copyOfRange(m, off, body + len);
                }
                pos = body + len;
            }
            if (version == TlsVersion.TLS_1_3 && !client) {
                return;
            }
        }
    }

    private void serverHello(byte[] m, int body, int len) {
        int legacyVersion = (m[body] & 0xff) << 8 | (m[body + 1] & 0xff);
        serverRandom = Arrays.copyOfRange(m, body + 2, body + 34);
        int sessionIdLength = m[body + 34] & 0xff;
        int pos = body + 35 + sessionIdLength;
        suiteId = (m[pos] & 0xff) << 8 | (m[pos + 1] & 0xff);
        suite = CipherSuites.byId(suiteId);
        version = TlsVersion.fromCode(legacyVersion);
        compressionMethod = m[pos + 2] & 0xff;
        pos += 3;
        int end = body + len;
        if (pos + 2 <= end) {
            int extEnd = pos + 2 + ((m[pos] & 0xff) << 8 | (m[pos + 1] & 0xff));
            pos += 2;
            while (pos + 4 <= extEnd) {
                int type = (m[pos] & 0xff) << 8 | (m[pos + 1] & 0xff);
                int extLen = (m[pos + 2] & 0xff) << 8 | (m[pos + 3] & 0xff);
                if (type == 0x002b && extLen == 2) {
                    version = TlsVersion.fromCode((m[pos + 4] & 0xff) << 8 | (m[pos + 5] & 0xff));
                }
                pos += 4 + extLen;
            }
        }
    }

    /** The records of a direction after its ChangeCipherSpec: the protected ones of TLS ≤ 1.2. */
    static List<Record> afterChangeCipherSpec(List<Record> records) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).type == CHANGE_CIPHER_SPEC) {
                return records.subList(i + 1, records.size());
            }
        }
        return List.of();
    }
}
