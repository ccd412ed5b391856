package org.callscope.engine.srtp;

import java.util.Locale;

/**
 * SRTP protection suites: their SDES names (RFC 4568 §6.2, RFC 6188, RFC 7714 §12), DTLS-SRTP
 * protection profile numbers (RFC 5764 §4.1.2, RFC 7714 §14.2) and key sizes.
 *
 * @param masterKeyLength  bytes of master key (also the session cipher key)
 * @param masterSaltLength bytes of master salt (14 for AES-CM and NULL, 12 for GCM)
 * @param rtpTagLength     bytes of SRTP authentication tag (the _32 suites shorten only RTP's)
 * @param rtcpTagLength    bytes of SRTCP authentication tag
 * @param dtlsProfile      the use_srtp profile number, or -1 where none is registered
 */
public enum SrtpSuite {
    AES_CM_128_HMAC_SHA1_80(Cipher.AES_CM, 16, 14, 10, 10, 0x0001),
    AES_CM_128_HMAC_SHA1_32(Cipher.AES_CM, 16, 14, 4, 10, 0x0002),
    AES_192_CM_HMAC_SHA1_80(Cipher.AES_CM, 24, 14, 10, 10, -1),
    AES_192_CM_HMAC_SHA1_32(Cipher.AES_CM, 24, 14, 4, 10, -1),
    AES_256_CM_HMAC_SHA1_80(Cipher.AES_CM, 32, 14, 10, 10, -1),
    AES_256_CM_HMAC_SHA1_32(Cipher.AES_CM, 32, 14, 4, 10, -1),
    NULL_HMAC_SHA1_80(Cipher.NULL, 16, 14, 10, 10, 0x0005),
    NULL_HMAC_SHA1_32(Cipher.NULL, 16, 14, 4, 10, 0x0006),
    AEAD_AES_128_GCM(Cipher.AES_GCM, 16, 12, 16, 16, 0x0007),
    AEAD_AES_256_GCM(Cipher.AES_GCM, 32, 12, 16, 16, 0x0008);

    /** How payloads are encrypted; AES_GCM also authenticates, the others use HMAC-SHA1. */
    public enum Cipher { AES_CM, NULL, AES_GCM }

    private final Cipher cipher;
    private final int masterKeyLength;
    private final int masterSaltLength;
    private final int rtpTagLength;
    private final int rtcpTagLength;
    private final int dtlsProfile;

    SrtpSuite(Cipher cipher, int masterKeyLength, int masterSaltLength, int rtpTagLength, int rtcpTagLength, int dtlsProfile) {
        this.cipher = cipher;
        this.masterKeyLength = masterKeyLength;
        this.masterSaltLength = masterSaltLength;
        this.rtpTagLength = rtpTagLength;
        this.rtcpTagLength = rtcpTagLength;
        this.dtlsProfile = dtlsProfile;
    }

    public Cipher cipher() {
        return cipher;
    }

    public int masterKeyLength() {
        return masterKeyLength;
    }

    public int masterSaltLength() {
        return masterSaltLength;
    }

    public int rtpTagLength() {
        return rtpTagLength;
    }

    public int rtcpTagLength() {
        return rtcpTagLength;
    }

    public int dtlsProfile() {
        return dtlsProfile;
    }

    /** The suite an SDES a=crypto line names (case-insensitive), or null when unknown or unsupported. */
    public static SrtpSuite bySdesName(String name) {
        if (name == null) {
            return null;
        }
        String upper = name.trim().toUpperCase(Locale.ROOT);
        for (SrtpSuite s : values()) {
            if (s.name().equals(upper)) {
                return s;
            }
        }
        return null;
    }

    /** The suite of a DTLS-SRTP protection profile, or null when unknown or unsupported. */
    public static SrtpSuite byDtlsProfile(int profile) {
        for (SrtpSuite s : values()) {
            if (s.dtlsProfile == profile) {
                return s;
            }
        }
        return null;
    }
}
