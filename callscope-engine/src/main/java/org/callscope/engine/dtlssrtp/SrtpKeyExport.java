package org.callscope.engine.dtlssrtp;

import java.util.Arrays;
import org.callscope.engine.srtp.SrtpMasterKey;
import org.callscope.engine.srtp.SrtpSuite;
import org.callscope.engine.tls.TlsVersion;
import org.callscope.engine.tls.crypto.CipherSuite;
import org.callscope.engine.tls.crypto.RecordDecryptors;

/**
 * RFC 5764 §4.2: the SRTP master keys of a DTLS-SRTP association are the RFC 5705 exporter's output
 * for the label "EXTRACTOR-dtls_srtp" without context, 2 * (key + salt) bytes laid out as
 * client_write_SRTP_master_key | server_write_SRTP_master_key | client_write_SRTP_master_salt |
 * server_write_SRTP_master_salt. The exporter is the negotiated version's PRF over the master
 * secret and client_random + server_random: TLS 1.0's MD5/SHA-1 PRF for DTLS 1.0 (RFC 6347 §4.1.2
 * maps it to TLS 1.1), the suite's SHA-256 or SHA-384 P_hash for DTLS 1.2. An extended master
 * secret (RFC 7627) changes only how the master secret was made, which the key log already holds.
 */
final class SrtpKeyExport {
    static final String LABEL = "EXTRACTOR-dtls_srtp";

    private SrtpKeyExport() {
    }

    /**
     * Client and server write keys, in that order.
     *
     * @param suite the cipher suite, needed for DTLS 1.2 (its PRF hash); may be null for DTLS 1.0
     */
    static SrtpMasterKey[] export(TlsVersion version, CipherSuite suite, SrtpSuite profile, byte[] masterSecret,
                                  byte[] clientRandom, byte[] serverRandom) {
        int keyLength = profile.masterKeyLength();
        int saltLength = profile.masterSaltLength();
        byte[] material = RecordDecryptors.exportKeyingMaterial(version, suite, masterSecret, LABEL, clientRandom,
                serverRandom, 2 * (keyLength + saltLength));
        try {
            SrtpMasterKey client = new SrtpMasterKey(profile, Arrays.copyOfRange(material, 0, keyLength),
                    Arrays.copyOfRange(material, 2 * keyLength, 2 * keyLength + saltLength));
            SrtpMasterKey server = new SrtpMasterKey(profile, Arrays.copyOfRange(material, keyLength, 2 * keyLength),
                    Arrays.copyOfRange(material, 2 * keyLength + saltLength, 2 * (keyLength + saltLength)));
            return new SrtpMasterKey[] {client, server};
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }
}
