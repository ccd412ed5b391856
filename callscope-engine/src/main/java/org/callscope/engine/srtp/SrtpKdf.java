package org.callscope.engine.srtp;

import java.util.Arrays;

/**
 * The SRTP key derivation function (RFC 3711 §4.3.1, §4.3.3): AES in counter mode under the
 * master key, with the IV {@code (master_salt XOR (label || r)) * 2^16} where r is the packet
 * index DIV the key derivation rate (48 bits). AES-192 and AES-256 suites derive with AES of
 * their own key size (RFC 6188 §3); GCM suites pad their 12-byte master salt with two zero bytes
 * on the right and use the first 12 bytes of the derived salt (RFC 7714 §11).
 */
final class SrtpKdf {
    static final int RTP_ENCRYPTION = 0;
    static final int RTP_AUTHENTICATION = 1;
    static final int RTP_SALT = 2;
    static final int RTCP_ENCRYPTION = 3;
    static final int RTCP_AUTHENTICATION = 4;
    static final int RTCP_SALT = 5;
    /** The longest output asked for: an AES-256 key. */
    static final int MAX_OUTPUT = 32;
    private static final int SALT = 14;

    private final AesCounterMode prf;
    private final byte[] masterSalt = new byte[SALT];
    private final byte[] iv = new byte[AesCounterMode.BLOCK];
    private final byte[] zeros = new byte[MAX_OUTPUT];

    SrtpKdf(SrtpMasterKey master) {
        byte[] key = master.key();
        byte[] salt = master.salt();
        prf = new AesCounterMode(key, key.length);
        System.arraycopy(salt, 0, masterSalt, 0, salt.length);
        Arrays.fill(key, (byte) 0);
        Arrays.fill(salt, (byte) 0);
    }

    /** Writes {@code length} bytes (at most {@link #MAX_OUTPUT}) of the key labelled {@code label} for r to {@code out}. */
    void derive(int label, long r, byte[] out, int length) {
        System.arraycopy(masterSalt, 0, iv, 0, SALT);
        iv[7] ^= (byte) label;
        for (int i = 0; i < 6; i++) {
            iv[13 - i] ^= (byte) (r >>> (8 * i));
        }
        iv[14] = 0;
        iv[15] = 0;
        prf.xor(iv, zeros, 0, out, 0, length);
    }
}
