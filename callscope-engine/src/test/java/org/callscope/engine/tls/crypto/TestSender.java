package org.callscope.engine.tls.crypto;

import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.callscope.engine.tls.TlsVersion;

/**
 * One sending direction of a TLS ≤ 1.2 connection for round-trip tests: keeps the RC4 keystream or
 * the chained CBC IV between records like a real sender. AES-CBC, RC4 and the AEAD ciphers only.
 */
final class TestSender {
    static final byte[] MASTER = new byte[48];
    static final byte[] CLIENT_RANDOM = new byte[32];
    static final byte[] SERVER_RANDOM = new byte[32];

    static {
        for (int i = 0; i < 48; i++) {
            MASTER[i] = (byte) (0x40 + i);
        }
        Arrays.fill(CLIENT_RANDOM, (byte) 0x11);
        Arrays.fill(SERVER_RANDOM, (byte) 0x22);
    }

    private final TlsVersion version;
    private final CipherSuite suite;
    private final DirectionKeys keys;
    private final boolean encryptThenMac;
    private final Cipher rc4;
    private byte[] chainedIv;
    private int ivCounter;

    /** The client direction of a connection on {@link #MASTER} and the fixed randoms. */
    TestSender(TlsVersion version, CipherSuite suite, boolean encryptThenMac) throws Exception {
        this.version = version;
        this.suite = suite;
        this.keys = KeyBlock.derive(version, suite, MASTER, CLIENT_RANDOM, SERVER_RANDOM)[0];
        this.encryptThenMac = encryptThenMac;
        this.chainedIv = keys.iv();
        if (suite.cipher() == BulkCipher.RC4_128) {
            rc4 = Cipher.getInstance("ARCFOUR");
            rc4.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.key(), "ARCFOUR"));
        } else {
            rc4 = null;
        }
    }

    /** The client-side decryptor of the same connection. */
    RecordDecryptor receiver() {
        return RecordDecryptors.tls12(version, suite, MASTER, CLIENT_RANDOM, SERVER_RANDOM, encryptThenMac).client();
    }

    byte[] seal(long seq, int type, byte[] content) throws Exception {
        String hmac = suite.mac().hmacName();
        if (rc4 != null) {
            return RecordSealer.rc4(rc4, hmac, keys.macKey(), seq, type, version.code(), content);
        }
        if (suite.cipher().aead()) {
            byte[] explicit = new byte[8];
            SequencedDecryptor.putLong(explicit, 0, seq ^ 0x5a5a);
            return RecordSealer.aead12(suite.cipher(), keys.key(), keys.iv(), seq, type, version.code(), content, explicit);
        }
        boolean explicitIv = version.streamEquivalent().compareTo(TlsVersion.TLS_1_1) >= 0;
        byte[] iv = explicitIv ? freshIv() : chainedIv;
        byte[] record = RecordSealer.aesCbc(keys.key(), iv, explicitIv, encryptThenMac, hmac, keys.macKey(), seq, type,
                version.code(), content, (int) (seq % 3) * 16);
        int cipherEnd = record.length - (encryptThenMac ? suite.mac().length() : 0);
        chainedIv = Arrays.copyOfRange(record, cipherEnd - 16, cipherEnd);
        return record;
    }

    private byte[] freshIv() {
        byte[] iv = new byte[16];
        Arrays.fill(iv, (byte) ++ivCounter);
        return iv;
    }
}
