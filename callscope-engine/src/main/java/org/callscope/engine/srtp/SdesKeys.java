package org.callscope.engine.srtp;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.callscope.engine.sdp.SdpCrypto;

/**
 * SDES (RFC 4568) a=crypto to an {@link SrtpPolicy}. Key params (§9.2):
 * {@code inline:<base64 key||salt>["|"lifetime]["|"MKI:length]}, several separated by ';';
 * lifetime as {@code 2^N} or decimal; MKI value decimal, length 1 to 128 bytes. Session params
 * (§6.3): UNENCRYPTED_SRTP, UNENCRYPTED_SRTCP, UNAUTHENTICATED_SRTP and KDR=N (kdr = 2^N, N 1 to
 * 24; KDR=0 is taken as "derive once"); FEC_ORDER, FEC_KEY, WSH and unknown ones are ignored.
 *
 * <p>Errors name the suite and the key's position, never the key text.
 */
public final class SdesKeys {
    /** RFC 4568 §6.1: the MKI length is 1 to 128 bytes. */
    static final int MAX_MKI_LENGTH = 128;
    /** RFC 4568 §6.3.1: KDR=1 to KDR=24. */
    static final int MAX_KDR_EXPONENT = 24;
    private static final int MAX_LIFETIME_EXPONENT = 62;
    private static final int MAX_NAME_IN_MESSAGE = 32;
    private static final String INLINE = "inline:";

    private SdesKeys() {
    }

    /** The policy of one parsed a=crypto line. */
    public static SrtpPolicy parse(SdpCrypto crypto) throws SrtpKeyException {
        return parse(crypto.suite(), crypto.keyParams(), crypto.sessionParams());
    }

    /**
     * The policy of a suite name, its key params (each {@code inline:...}) and session params.
     *
     * @throws SrtpKeyException when the suite is unknown or a param cannot be used
     */
    public static SrtpPolicy parse(String suiteName, List<String> keyParams, List<String> sessionParams) throws SrtpKeyException {
        SrtpSuite suite = SrtpSuite.bySdesName(suiteName);
        if (suite == null) {
            throw new SrtpKeyException("unknown or unsupported SRTP crypto-suite '" + printable(suiteName) + "'");
        }
        if (keyParams == null || keyParams.isEmpty()) {
            throw new SrtpKeyException(suite + ": no key params");
        }
        List<SrtpMasterKey> keys = new ArrayList<>(keyParams.size());
        for (int i = 0; i < keyParams.size(); i++) {
            keys.add(parseKey(suite, keyParams.get(i), "key " + (i + 1) + " of " + keyParams.size()));
        }
        checkMkis(suite, keys);
        boolean rtpEncrypted = true;
        boolean rtcpEncrypted = true;
        boolean rtpAuthenticated = true;
        long kdr = 0;
        for (String p : sessionParams == null ? List.<String>of() : sessionParams) {
            String param = p.trim().toUpperCase(Locale.ROOT);
            switch (param) {
                case "UNENCRYPTED_SRTP" -> rtpEncrypted = false;
                case "UNENCRYPTED_SRTCP" -> rtcpEncrypted = false;
                case "UNAUTHENTICATED_SRTP" -> rtpAuthenticated = false;
                default -> {
                    if (param.startsWith("KDR=")) {
                        kdr = keyDerivationRate(suite, param.substring(4));
                    }
                }
            }
        }
        return new SrtpPolicy(suite, keys, rtpEncrypted, rtcpEncrypted, rtpAuthenticated, kdr);
    }

    private static SrtpMasterKey parseKey(SrtpSuite suite, String param, String which) throws SrtpKeyException {
        String where = suite + " " + which;
        if (param == null || !param.regionMatches(true, 0, INLINE, 0, INLINE.length())) {
            int colon = param == null ? -1 : param.indexOf(':');
            String method = colon < 0 ? "" : param.substring(0, colon);
            throw new SrtpKeyException(where + ": key method '" + printable(method) + "' is not supported, only inline");
        }
        String[] parts = param.substring(INLINE.length()).split("\\|", -1);
        if (parts.length > 3) {
            throw new SrtpKeyException(where + ": more than key, lifetime and MKI separated by '|'");
        }
        byte[] material;
        try {
            material = Base64.getDecoder().decode(parts[0].trim());
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the offending character: a piece of the key.
            throw new SrtpKeyException(where + ": key is not valid base64");
        }
        int needed = suite.masterKeyLength() + suite.masterSaltLength();
        if (material.length != needed) {
            Arrays.fill(material, (byte) 0);
            throw new SrtpKeyException(where + ": key decodes to " + material.length + " bytes, the suite needs " + needed
                    + " (" + suite.masterKeyLength() + "-byte key and " + suite.masterSaltLength() + "-byte salt)");
        }
        long lifetime = 0;
        byte[] mki = new byte[0];
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].trim();
            if (part.indexOf(':') >= 0) {
                if (i != parts.length - 1 || mki.length > 0) {
                    throw new SrtpKeyException(where + ": the MKI must be the last '|' field");
                }
                mki = mki(part, where);
            } else if (i == 1) {
                lifetime = lifetime(part, where);
            } else {
                throw new SrtpKeyException(where + ": third '|' field is not an MKI (value:length)");
            }
        }
        byte[] key = Arrays.copyOfRange(material, 0, suite.masterKeyLength());
        byte[] salt = Arrays.copyOfRange(material, suite.masterKeyLength(), needed);
        try {
            return new SrtpMasterKey(suite, key, salt, mki, lifetime);
        } finally {
            Arrays.fill(material, (byte) 0);
            Arrays.fill(key, (byte) 0);
            Arrays.fill(salt, (byte) 0);
        }
    }

    private static long lifetime(String text, String where) throws SrtpKeyException {
        try {
            if (text.startsWith("2^")) {
                int exponent = Integer.parseInt(text.substring(2));
                if (exponent >= 0 && exponent <= MAX_LIFETIME_EXPONENT) {
                    return 1L << exponent;
                }
            } else {
                long value = Long.parseLong(text);
                if (value > 0) {
                    return value;
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SrtpKeyException(where + ": lifetime must be 2^N (N up to " + MAX_LIFETIME_EXPONENT + ") or a positive decimal number");
    }

    private static byte[] mki(String text, String where) throws SrtpKeyException {
        int colon = text.indexOf(':');
        String value = text.substring(0, colon).trim();
        String length = text.substring(colon + 1).trim();
        if (!digits(value) || !digits(length) || length.length() > 3) {
            throw new SrtpKeyException(where + ": MKI must be value:length in decimal");
        }
        int bytes = Integer.parseInt(length);
        if (bytes < 1 || bytes > MAX_MKI_LENGTH) {
            throw new SrtpKeyException(where + ": MKI length " + bytes + " is outside 1.." + MAX_MKI_LENGTH);
        }
        BigInteger v = new BigInteger(value);
        if (v.bitLength() > 8 * bytes) {
            throw new SrtpKeyException(where + ": MKI value does not fit in " + bytes + (bytes == 1 ? " byte" : " bytes"));
        }
        byte[] raw = v.toByteArray();
        byte[] mki = new byte[bytes];
        int n = Math.min(raw.length, bytes);
        System.arraycopy(raw, raw.length - n, mki, bytes - n, n);
        return mki;
    }

    private static void checkMkis(SrtpSuite suite, List<SrtpMasterKey> keys) throws SrtpKeyException {
        if (keys.size() < 2) {
            return;
        }
        int length = keys.get(0).mki().length;
        for (int i = 0; i < keys.size(); i++) {
            byte[] mki = keys.get(i).mki();
            if (mki.length == 0) {
                throw new SrtpKeyException(suite + " key " + (i + 1) + " of " + keys.size() + ": several keys need an MKI each");
            }
            if (mki.length != length) {
                throw new SrtpKeyException(suite + " key " + (i + 1) + " of " + keys.size() + ": MKI length " + mki.length
                        + " differs from the first key's " + length);
            }
            for (int j = 0; j < i; j++) {
                if (Arrays.equals(mki, keys.get(j).mki())) {
                    throw new SrtpKeyException(suite + " keys " + (j + 1) + " and " + (i + 1) + " have the same MKI");
                }
            }
        }
    }

    private static long keyDerivationRate(SrtpSuite suite, String exponent) throws SrtpKeyException {
        if (digits(exponent) && exponent.length() <= 2) {
            int n = Integer.parseInt(exponent);
            if (n == 0) {
                return 0;
            }
            if (n <= MAX_KDR_EXPONENT) {
                return 1L << n;
            }
        }
        throw new SrtpKeyException(suite + ": session parameter KDR=" + printable(exponent) + " is not a number from 1 to " + MAX_KDR_EXPONENT);
    }

    private static boolean digits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Names from the wire, shortened to {@value #MAX_NAME_IN_MESSAGE} characters (the longest suite
     * name has 23) and restricted to a safe alphabet before they go into a message.
     */
    private static String printable(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < MAX_NAME_IN_MESSAGE; i++) {
            char c = s.charAt(i);
            b.append(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' ? c : '?');
        }
        return s.length() > MAX_NAME_IN_MESSAGE ? b + "..." : b.toString();
    }
}
