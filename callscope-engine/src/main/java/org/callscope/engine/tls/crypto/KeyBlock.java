package org.callscope.engine.tls.crypto;

import java.util.Arrays;
import org.callscope.engine.tls.TlsVersion;

/**
 * Splits key_block = PRF(master_secret, "key expansion", server_random + client_random) into
 * client and server MAC keys, write keys and IVs (RFC 5246 §6.3), and derives the final keys and
 * IVs of export ciphers: RFC 2246 §6.3 for TLS, RFC 6101 §6.2.2 (MD5) for SSL 3.0.
 */
final class KeyBlock {
    private KeyBlock() {
    }

    /** Index 0 is the client's keys, index 1 the server's. */
    static DirectionKeys[] derive(TlsVersion v, CipherSuite s, byte[] masterSecret, byte[] clientRandom, byte[] serverRandom) {
        BulkCipher cipher = s.cipher();
        boolean ssl3 = v.streamEquivalent() == TlsVersion.SSL_3_0;
        int macLength = s.mac().length();
        int keyLength = cipher.keyLength();
        // Export ciphers take their IVs from the randoms, not the key block.
        int ivLength = cipher.export() ? 0 : cipher.fixedIvLength();
        int size = 2 * (macLength + keyLength + ivLength);
        byte[] block = Prf.compute(v, s, masterSecret, "key expansion", Crypto.concat(serverRandom, clientRandom), size);
        int pos = 0;
        byte[] clientMac = Arrays.copyOfRange(block, pos, pos += macLength);
        byte[] serverMac = Arrays.copyOfRange(block, pos, pos += macLength);
        byte[] clientKey = Arrays.copyOfRange(block, pos, pos += keyLength);
        byte[] serverKey = Arrays.copyOfRange(block, pos, pos += keyLength);
        byte[] clientIv = Arrays.copyOfRange(block, pos, pos += ivLength);
        byte[] serverIv = Arrays.copyOfRange(block, pos, pos + ivLength);
        if (cipher.export()) {
            int finalKey = cipher.finalKeyLength();
            int exportIv = cipher.fixedIvLength();
            byte[] randoms = Crypto.concat(clientRandom, serverRandom);
            if (ssl3) {
                byte[] swapped = Crypto.concat(serverRandom, clientRandom);
                clientKey = Prf.ssl3Md5(finalKey, clientKey, randoms);
                serverKey = Prf.ssl3Md5(finalKey, serverKey, swapped);
                clientIv = Prf.ssl3Md5(exportIv, randoms);
                serverIv = Prf.ssl3Md5(exportIv, swapped);
            } else {
                clientKey = Prf.compute(v, s, clientKey, "client write key", randoms, finalKey);
                serverKey = Prf.compute(v, s, serverKey, "server write key", randoms, finalKey);
                byte[] ivBlock = Prf.compute(v, s, new byte[0], "IV block", randoms, 2 * exportIv);
                clientIv = Arrays.copyOfRange(ivBlock, 0, exportIv);
                serverIv = Arrays.copyOfRange(ivBlock, exportIv, 2 * exportIv);
            }
        }
        return new DirectionKeys[] {new DirectionKeys(clientMac, clientKey, clientIv), new DirectionKeys(serverMac, serverKey, serverIv)};
    }
}
