package org.callscope.engine.srtp;

import java.util.Arrays;
import java.util.List;

/**
 * What one sender's SRTP and SRTCP use: the suite, its master keys, the SDES session parameters
 * (RFC 4568 §6.3: UNENCRYPTED_SRTP, UNENCRYPTED_SRTCP, UNAUTHENTICATED_SRTP) and the key
 * derivation rate (RFC 3711 §4.3.1, 0 = derive once).
 *
 * <p>Several keys are told apart by their MKIs, which must then all be present, of one length and
 * distinct. {@code rtpAuthenticated} false applies to SRTP only (SRTCP is always authenticated)
 * and not to the GCM suites, whose tag is part of the cipher.
 *
 * @param keyDerivationRate 0, or a power of two from 1 to 2^24
 */
public record SrtpPolicy(SrtpSuite suite, List<SrtpMasterKey> keys, boolean rtpEncrypted, boolean rtcpEncrypted,
                         boolean rtpAuthenticated, long keyDerivationRate) {
    /** RFC 3711 §4.3.1: kdr is 0 or 2^t for t in 0..24. */
    public static final long MAX_KEY_DERIVATION_RATE = 1L << 24;

    public SrtpPolicy {
        if (suite == null) {
            throw new IllegalArgumentException("no SRTP suite");
        }
        if (keys == null || keys.isEmpty()) {
            throw new IllegalArgumentException("no SRTP master key");
        }
        keys = List.copyOf(keys);
        int mkiLength = keys.get(0).mki().length;
        for (int i = 0; i < keys.size(); i++) {
            SrtpMasterKey k = keys.get(i);
            if (k.suite() != suite) {
                throw new IllegalArgumentException("master key " + (i + 1) + " is for " + k.suite() + ", not " + suite);
            }
            byte[] mki = k.mki();
            if (mki.length != mkiLength) {
                throw new IllegalArgumentException("master keys have MKIs of different lengths");
            }
            if (keys.size() > 1 && mki.length == 0) {
                throw new IllegalArgumentException("several master keys need an MKI each");
            }
            for (int j = 0; j < i; j++) {
                if (Arrays.equals(mki, keys.get(j).mki())) {
                    throw new IllegalArgumentException("master keys " + (j + 1) + " and " + (i + 1) + " have the same MKI");
                }
            }
        }
        if (keyDerivationRate != 0 && (keyDerivationRate < 0 || keyDerivationRate > MAX_KEY_DERIVATION_RATE
                || Long.bitCount(keyDerivationRate) != 1)) {
            throw new IllegalArgumentException("key derivation rate " + keyDerivationRate + " is not 0 or a power of two up to 2^24");
        }
    }

    /** One key, SRTP and SRTCP encrypted and authenticated, keys derived once. */
    public static SrtpPolicy of(SrtpMasterKey key) {
        return new SrtpPolicy(key.suite(), List.of(key), true, true, true, 0);
    }

    /** Bytes of MKI each packet carries (0 when none). */
    public int mkiLength() {
        return keys.get(0).mki().length;
    }

    @Override
    public String toString() {
        return "SrtpPolicy[" + suite + ", " + keys.size() + (keys.size() == 1 ? " key" : " keys")
                + (rtpEncrypted ? "" : ", UNENCRYPTED_SRTP") + (rtcpEncrypted ? "" : ", UNENCRYPTED_SRTCP")
                + (rtpAuthenticated ? "" : ", UNAUTHENTICATED_SRTP") + (keyDerivationRate == 0 ? "" : ", kdr " + keyDerivationRate)
                + "]";
    }
}
