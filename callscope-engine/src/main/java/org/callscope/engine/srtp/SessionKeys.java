package org.callscope.engine.srtp;

import java.util.Arrays;

/**
 * The session keys of SRTP or of SRTCP for one master key and one r (RFC 3711 §4.3), held as
 * keyed primitives: AES for AES-CM and GCM (none for NULL), HMAC-SHA1 for the non-AEAD suites,
 * GHASH for GCM, and the session salt. Derived keys are wiped once the primitives hold them.
 */
final class SessionKeys {
    static final int AUTH_KEY_LENGTH = 20;

    private final SrtpSuite suite;
    private final boolean rtcp;
    private final SrtpKdf kdf;
    private long r = -1;
    /** Rises with every re-derivation, so a hash computed under older keys is recognised. */
    int generation;
    final AesCounterMode aes;
    final HmacSha1 hmac;
    final Ghash ghash;
    /** k_s: 14 bytes for AES-CM and NULL, 12 for GCM. */
    final byte[] salt;
    private final byte[] scratch = new byte[SrtpKdf.MAX_OUTPUT];

    private SessionKeys(SrtpSuite suite, boolean rtcp, SrtpKdf kdf, byte[] key, byte[] salt, byte[] authKey) {
        this.suite = suite;
        this.rtcp = rtcp;
        this.kdf = kdf;
        this.salt = salt.clone();
        boolean gcm = suite.cipher() == SrtpSuite.Cipher.AES_GCM;
        this.aes = suite.cipher() == SrtpSuite.Cipher.NULL ? null : new AesCounterMode(key, suite.masterKeyLength());
        this.hmac = gcm ? null : new HmacSha1(authKey, AUTH_KEY_LENGTH);
        this.ghash = gcm ? new Ghash() : null;
        if (gcm) {
            initGhash();
        }
    }

    /** Keys derived from {@code kdf} for r. */
    static SessionKeys derived(SrtpSuite suite, SrtpKdf kdf, boolean rtcp, long r) {
        byte[] key = new byte[suite.masterKeyLength()];
        byte[] salt = new byte[suite.masterSaltLength()];
        byte[] authKey = new byte[AUTH_KEY_LENGTH];
        kdf.derive(rtcp ? SrtpKdf.RTCP_ENCRYPTION : SrtpKdf.RTP_ENCRYPTION, r, key, key.length);
        kdf.derive(rtcp ? SrtpKdf.RTCP_SALT : SrtpKdf.RTP_SALT, r, salt, salt.length);
        kdf.derive(rtcp ? SrtpKdf.RTCP_AUTHENTICATION : SrtpKdf.RTP_AUTHENTICATION, r, authKey, authKey.length);
        SessionKeys keys = new SessionKeys(suite, rtcp, kdf, key, salt, authKey);
        keys.r = r;
        Arrays.fill(key, (byte) 0);
        Arrays.fill(authKey, (byte) 0);
        return keys;
    }

    /** Keys given directly (published session-key vectors); never re-derived. */
    static SessionKeys fixed(SrtpSuite suite, boolean rtcp, byte[] key, byte[] salt, byte[] authKey) {
        if (key.length != suite.masterKeyLength() || salt.length != suite.masterSaltLength()
                || (suite.cipher() != SrtpSuite.Cipher.AES_GCM && authKey.length != AUTH_KEY_LENGTH)) {
            throw new IllegalArgumentException("session key sizes do not fit " + suite);
        }
        return new SessionKeys(suite, rtcp, null, key, salt, authKey);
    }

    /** Re-derives for {@code r} when it differs from the keys' current r (key derivation rate, RFC 3711 §4.3.1). */
    void deriveFor(long r) {
        if (kdf == null || r == this.r) {
            return;
        }
        this.r = r;
        generation++;
        int length = suite.masterKeyLength();
        if (aes != null) {
            kdf.derive(rtcp ? SrtpKdf.RTCP_ENCRYPTION : SrtpKdf.RTP_ENCRYPTION, r, scratch, length);
            aes.rekey(scratch, length);
        }
        kdf.derive(rtcp ? SrtpKdf.RTCP_SALT : SrtpKdf.RTP_SALT, r, salt, salt.length);
        if (hmac != null) {
            kdf.derive(rtcp ? SrtpKdf.RTCP_AUTHENTICATION : SrtpKdf.RTP_AUTHENTICATION, r, scratch, AUTH_KEY_LENGTH);
            hmac.rekey(scratch, AUTH_KEY_LENGTH);
        }
        if (ghash != null) {
            initGhash();
        }
        Arrays.fill(scratch, (byte) 0);
    }

    private void initGhash() {
        byte[] h = new byte[AesCounterMode.BLOCK];
        aes.encryptBlock(h, 0, h, 0);
        ghash.init(h, 0);
        Arrays.fill(h, (byte) 0);
    }
}
