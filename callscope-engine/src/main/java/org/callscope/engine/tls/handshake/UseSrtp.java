package org.callscope.engine.tls.handshake;

/** The use_srtp extension (RFC 5764 §4.1.1): SRTPProtectionProfiles<2..2^16-1>, then srtp_mki<0..255>. */
final class UseSrtp {
    private UseSrtp() {
    }

    /** The profiles, after checking the whole extension; {@code maxListBytes} is 2 where only one profile is allowed. */
    static int[] profiles(WireReader d, int maxListBytes) throws TlsParseException {
        int at = d.offset();
        int length = d.vectorLength("SRTPProtectionProfiles", 2, 2, maxListBytes);
        if (length % 2 != 0) {
            throw d.errorAt(at, "SRTPProtectionProfiles length " + length + " is odd");
        }
        int[] profiles = new int[length / 2];
        for (int i = 0; i < profiles.length; i++) {
            profiles[i] = d.u16("SRTPProtectionProfile");
        }
        d.skip("srtp_mki", d.vectorLength("srtp_mki", 1, 0, 255));
        d.expectEnd("srtp_mki");
        return profiles;
    }
}
