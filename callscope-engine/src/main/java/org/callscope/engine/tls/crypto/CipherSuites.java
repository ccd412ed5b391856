package org.callscope.engine.tls.crypto;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cipher suites we can decrypt, by code point, with their IANA names (TLS Cipher Suites
 * registry). Each suite's key exchange, cipher, MAC and PRF hash are read from its IANA name, which
 * encodes them: {@code TLS_<kx>_WITH_<cipher>_<mac>} and, for TLS 1.3, {@code TLS_<aead>_<hash>}.
 */
public final class CipherSuites {
    private static final Map<Integer, CipherSuite> BY_ID = new TreeMap<>();
    /** MAC name endings, longest first so that "_SHA" does not take "_SHA256". */
    private static final String[][] MAC_SUFFIXES = {
        {"_SHA384", "SHA384"}, {"_SHA256", "SHA256"}, {"_SHA", "SHA1"}, {"_MD5", "MD5"}, {"_NULL", "NULL"},
    };

    static {
        register(0x0000, "TLS_NULL_WITH_NULL_NULL");
        register(0x0001, "TLS_RSA_WITH_NULL_MD5");
        register(0x0002, "TLS_RSA_WITH_NULL_SHA");
        register(0x0003, "TLS_RSA_EXPORT_WITH_RC4_40_MD5");
        register(0x0004, "TLS_RSA_WITH_RC4_128_MD5");
        register(0x0005, "TLS_RSA_WITH_RC4_128_SHA");
        register(0x0006, "TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5");
        register(0x0007, "TLS_RSA_WITH_IDEA_CBC_SHA");
        register(0x0008, "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA");
        register(0x0009, "TLS_RSA_WITH_DES_CBC_SHA");
        register(0x000a, "TLS_RSA_WITH_3DES_EDE_CBC_SHA");
        register(0x000b, "TLS_DH_DSS_EXPORT_WITH_DES40_CBC_SHA");
        register(0x000c, "TLS_DH_DSS_WITH_DES_CBC_SHA");
        register(0x000d, "TLS_DH_DSS_WITH_3DES_EDE_CBC_SHA");
        register(0x000e, "TLS_DH_RSA_EXPORT_WITH_DES40_CBC_SHA");
        register(0x000f, "TLS_DH_RSA_WITH_DES_CBC_SHA");
        register(0x0010, "TLS_DH_RSA_WITH_3DES_EDE_CBC_SHA");
        register(0x0011, "TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA");
        register(0x0012, "TLS_DHE_DSS_WITH_DES_CBC_SHA");
        register(0x0013, "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA");
        register(0x0014, "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA");
        register(0x0015, "TLS_DHE_RSA_WITH_DES_CBC_SHA");
        register(0x0016, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA");
        register(0x0017, "TLS_DH_anon_EXPORT_WITH_RC4_40_MD5");
        register(0x0018, "TLS_DH_anon_WITH_RC4_128_MD5");
        register(0x0019, "TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA");
        register(0x001a, "TLS_DH_anon_WITH_DES_CBC_SHA");
        register(0x001b, "TLS_DH_anon_WITH_3DES_EDE_CBC_SHA");
        register(0x002c, "TLS_PSK_WITH_NULL_SHA");
        register(0x002d, "TLS_DHE_PSK_WITH_NULL_SHA");
        register(0x002e, "TLS_RSA_PSK_WITH_NULL_SHA");
        register(0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA");
        register(0x0030, "TLS_DH_DSS_WITH_AES_128_CBC_SHA");
        register(0x0031, "TLS_DH_RSA_WITH_AES_128_CBC_SHA");
        register(0x0032, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA");
        register(0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA");
        register(0x0034, "TLS_DH_anon_WITH_AES_128_CBC_SHA");
        register(0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA");
        register(0x0036, "TLS_DH_DSS_WITH_AES_256_CBC_SHA");
        register(0x0037, "TLS_DH_RSA_WITH_AES_256_CBC_SHA");
        register(0x0038, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA");
        register(0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA");
        register(0x003a, "TLS_DH_anon_WITH_AES_256_CBC_SHA");
        register(0x003b, "TLS_RSA_WITH_NULL_SHA256");
        register(0x003c, "TLS_RSA_WITH_AES_128_CBC_SHA256");
        register(0x003d, "TLS_RSA_WITH_AES_256_CBC_SHA256");
        register(0x003e, "TLS_DH_DSS_WITH_AES_128_CBC_SHA256");
        register(0x003f, "TLS_DH_RSA_WITH_AES_128_CBC_SHA256");
        register(0x0040, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256");
        register(0x0041, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA");
        register(0x0042, "TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA");
        register(0x0043, "TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA");
        register(0x0044, "TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA");
        register(0x0045, "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA");
        register(0x0046, "TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA");
        register(0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256");
        register(0x0068, "TLS_DH_DSS_WITH_AES_256_CBC_SHA256");
        register(0x0069, "TLS_DH_RSA_WITH_AES_256_CBC_SHA256");
        register(0x006a, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA256");
        register(0x006b, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256");
        register(0x006c, "TLS_DH_anon_WITH_AES_128_CBC_SHA256");
        register(0x006d, "TLS_DH_anon_WITH_AES_256_CBC_SHA256");
        register(0x0084, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA");
        register(0x0085, "TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA");
        register(0x0086, "TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA");
        register(0x0087, "TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA");
        register(0x0088, "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA");
        register(0x0089, "TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA");
        register(0x008a, "TLS_PSK_WITH_RC4_128_SHA");
        register(0x008b, "TLS_PSK_WITH_3DES_EDE_CBC_SHA");
        register(0x008c, "TLS_PSK_WITH_AES_128_CBC_SHA");
        register(0x008d, "TLS_PSK_WITH_AES_256_CBC_SHA");
        register(0x008e, "TLS_DHE_PSK_WITH_RC4_128_SHA");
        register(0x008f, "TLS_DHE_PSK_WITH_3DES_EDE_CBC_SHA");
        register(0x0090, "TLS_DHE_PSK_WITH_AES_128_CBC_SHA");
        register(0x0091, "TLS_DHE_PSK_WITH_AES_256_CBC_SHA");
        register(0x0092, "TLS_RSA_PSK_WITH_RC4_128_SHA");
        register(0x0093, "TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA");
        register(0x0094, "TLS_RSA_PSK_WITH_AES_128_CBC_SHA");
        register(0x0095, "TLS_RSA_PSK_WITH_AES_256_CBC_SHA");
        register(0x0096, "TLS_RSA_WITH_SEED_CBC_SHA");
        register(0x0097, "TLS_DH_DSS_WITH_SEED_CBC_SHA");
        register(0x0098, "TLS_DH_RSA_WITH_SEED_CBC_SHA");
        register(0x0099, "TLS_DHE_DSS_WITH_SEED_CBC_SHA");
        register(0x009a, "TLS_DHE_RSA_WITH_SEED_CBC_SHA");
        register(0x009b, "TLS_DH_anon_WITH_SEED_CBC_SHA");
        register(0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256");
        register(0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384");
        register(0x009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256");
        register(0x009f, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384");
        register(0x00a0, "TLS_DH_RSA_WITH_AES_128_GCM_SHA256");
        register(0x00a1, "TLS_DH_RSA_WITH_AES_256_GCM_SHA384");
        register(0x00a2, "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256");
        register(0x00a3, "TLS_DHE_DSS_WITH_AES_256_GCM_SHA384");
        register(0x00a4, "TLS_DH_DSS_WITH_AES_128_GCM_SHA256");
        register(0x00a5, "TLS_DH_DSS_WITH_AES_256_GCM_SHA384");
        register(0x00a6, "TLS_DH_anon_WITH_AES_128_GCM_SHA256");
        register(0x00a7, "TLS_DH_anon_WITH_AES_256_GCM_SHA384");
        register(0x00a8, "TLS_PSK_WITH_AES_128_GCM_SHA256");
        register(0x00a9, "TLS_PSK_WITH_AES_256_GCM_SHA384");
        register(0x00aa, "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256");
        register(0x00ab, "TLS_DHE_PSK_WITH_AES_256_GCM_SHA384");
        register(0x00ac, "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256");
        register(0x00ad, "TLS_RSA_PSK_WITH_AES_256_GCM_SHA384");
        register(0x00ae, "TLS_PSK_WITH_AES_128_CBC_SHA256");
        register(0x00af, "TLS_PSK_WITH_AES_256_CBC_SHA384");
        register(0x00b0, "TLS_PSK_WITH_NULL_SHA256");
        register(0x00b1, "TLS_PSK_WITH_NULL_SHA384");
        register(0x00b2, "TLS_DHE_PSK_WITH_AES_128_CBC_SHA256");
        register(0x00b3, "TLS_DHE_PSK_WITH_AES_256_CBC_SHA384");
        register(0x00b4, "TLS_DHE_PSK_WITH_NULL_SHA256");
        register(0x00b5, "TLS_DHE_PSK_WITH_NULL_SHA384");
        register(0x00b6, "TLS_RSA_PSK_WITH_AES_128_CBC_SHA256");
        register(0x00b7, "TLS_RSA_PSK_WITH_AES_256_CBC_SHA384");
        register(0x00b8, "TLS_RSA_PSK_WITH_NULL_SHA256");
        register(0x00b9, "TLS_RSA_PSK_WITH_NULL_SHA384");
        register(0x00ba, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256");
        register(0x00bb, "TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA256");
        register(0x00bc, "TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA256");
        register(0x00bd, "TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA256");
        register(0x00be, "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256");
        register(0x00bf, "TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA256");
        register(0x00c0, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256");
        register(0x00c1, "TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA256");
        register(0x00c2, "TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA256");
        register(0x00c3, "TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA256");
        register(0x00c4, "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256");
        register(0x00c5, "TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA256");
        register(0x1301, "TLS_AES_128_GCM_SHA256");
        register(0x1302, "TLS_AES_256_GCM_SHA384");
        register(0x1303, "TLS_CHACHA20_POLY1305_SHA256");
        register(0x1304, "TLS_AES_128_CCM_SHA256");
        register(0x1305, "TLS_AES_128_CCM_8_SHA256");
        register(0xc001, "TLS_ECDH_ECDSA_WITH_NULL_SHA");
        register(0xc002, "TLS_ECDH_ECDSA_WITH_RC4_128_SHA");
        register(0xc003, "TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA");
        register(0xc004, "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA");
        register(0xc005, "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA");
        register(0xc006, "TLS_ECDHE_ECDSA_WITH_NULL_SHA");
        register(0xc007, "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA");
        register(0xc008, "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA");
        register(0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA");
        register(0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA");
        register(0xc00b, "TLS_ECDH_RSA_WITH_NULL_SHA");
        register(0xc00c, "TLS_ECDH_RSA_WITH_RC4_128_SHA");
        register(0xc00d, "TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA");
        register(0xc00e, "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA");
        register(0xc00f, "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA");
        register(0xc010, "TLS_ECDHE_RSA_WITH_NULL_SHA");
        register(0xc011, "TLS_ECDHE_RSA_WITH_RC4_128_SHA");
        register(0xc012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA");
        register(0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
        register(0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA");
        register(0xc015, "TLS_ECDH_anon_WITH_NULL_SHA");
        register(0xc016, "TLS_ECDH_anon_WITH_RC4_128_SHA");
        register(0xc017, "TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA");
        register(0xc018, "TLS_ECDH_anon_WITH_AES_128_CBC_SHA");
        register(0xc019, "TLS_ECDH_anon_WITH_AES_256_CBC_SHA");
        register(0xc023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256");
        register(0xc024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384");
        register(0xc025, "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256");
        register(0xc026, "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384");
        register(0xc027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256");
        register(0xc028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384");
        register(0xc029, "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256");
        register(0xc02a, "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384");
        register(0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        register(0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
        register(0xc02d, "TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256");
        register(0xc02e, "TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384");
        register(0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        register(0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        register(0xc031, "TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256");
        register(0xc032, "TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384");
        register(0xc033, "TLS_ECDHE_PSK_WITH_RC4_128_SHA");
        register(0xc034, "TLS_ECDHE_PSK_WITH_3DES_EDE_CBC_SHA");
        register(0xc035, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA");
        register(0xc036, "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA");
        register(0xc037, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256");
        register(0xc038, "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384");
        register(0xc039, "TLS_ECDHE_PSK_WITH_NULL_SHA");
        register(0xc03a, "TLS_ECDHE_PSK_WITH_NULL_SHA256");
        register(0xc03b, "TLS_ECDHE_PSK_WITH_NULL_SHA384");
        register(0xc072, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256");
        register(0xc073, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384");
        register(0xc074, "TLS_ECDH_ECDSA_WITH_CAMELLIA_128_CBC_SHA256");
        register(0xc075, "TLS_ECDH_ECDSA_WITH_CAMELLIA_256_CBC_SHA384");
        register(0xc076, "TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256");
        register(0xc077, "TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384");
        register(0xc078, "TLS_ECDH_RSA_WITH_CAMELLIA_128_CBC_SHA256");
        register(0xc079, "TLS_ECDH_RSA_WITH_CAMELLIA_256_CBC_SHA384");
        register(0xc094, "TLS_PSK_WITH_CAMELLIA_128_CBC_SHA256");
        register(0xc095, "TLS_PSK_WITH_CAMELLIA_256_CBC_SHA384");
        register(0xc096, "TLS_DHE_PSK_WITH_CAMELLIA_128_CBC_SHA256");
        register(0xc097, "TLS_DHE_PSK_WITH_CAMELLIA_256_CBC_SHA384");
        register(0xc098, "TLS_RSA_PSK_WITH_CAMELLIA_128_CBC_SHA256");
        register(0xc099, "TLS_RSA_PSK_WITH_CAMELLIA_256_CBC_SHA384");
        register(0xc09a, "TLS_ECDHE_PSK_WITH_CAMELLIA_128_CBC_SHA256");
        register(0xc09b, "TLS_ECDHE_PSK_WITH_CAMELLIA_256_CBC_SHA384");
        register(0xc09c, "TLS_RSA_WITH_AES_128_CCM");
        register(0xc09d, "TLS_RSA_WITH_AES_256_CCM");
        register(0xc09e, "TLS_DHE_RSA_WITH_AES_128_CCM");
        register(0xc09f, "TLS_DHE_RSA_WITH_AES_256_CCM");
        register(0xc0a0, "TLS_RSA_WITH_AES_128_CCM_8");
        register(0xc0a1, "TLS_RSA_WITH_AES_256_CCM_8");
        register(0xc0a2, "TLS_DHE_RSA_WITH_AES_128_CCM_8");
        register(0xc0a3, "TLS_DHE_RSA_WITH_AES_256_CCM_8");
        register(0xc0a4, "TLS_PSK_WITH_AES_128_CCM");
        register(0xc0a5, "TLS_PSK_WITH_AES_256_CCM");
        register(0xc0a6, "TLS_DHE_PSK_WITH_AES_128_CCM");
        register(0xc0a7, "TLS_DHE_PSK_WITH_AES_256_CCM");
        register(0xc0a8, "TLS_PSK_WITH_AES_128_CCM_8");
        register(0xc0a9, "TLS_PSK_WITH_AES_256_CCM_8");
        register(0xc0aa, "TLS_PSK_DHE_WITH_AES_128_CCM_8");
        register(0xc0ab, "TLS_PSK_DHE_WITH_AES_256_CCM_8");
        register(0xc0ac, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM");
        register(0xc0ad, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM");
        register(0xc0ae, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8");
        register(0xc0af, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8");
        register(0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
        register(0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
        register(0xccaa, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
        register(0xccab, "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256");
        register(0xccac, "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256");
        register(0xccad, "TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256");
        register(0xccae, "TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256");
        register(0xd001, "TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256");
        register(0xd002, "TLS_ECDHE_PSK_WITH_AES_256_GCM_SHA384");
        register(0xd003, "TLS_ECDHE_PSK_WITH_AES_128_CCM_8_SHA256");
        register(0xd005, "TLS_ECDHE_PSK_WITH_AES_128_CCM_SHA256");
    }

    private CipherSuites() {
    }

    /** The registered suite with this code point, or null when we do not know it. */
    public static CipherSuite byId(int id) {
        return BY_ID.get(id);
    }

    /** The IANA name of a registered suite, otherwise the code point as {@code 0x%04x}. */
    public static String nameOf(int id) {
        CipherSuite s = BY_ID.get(id);
        return s != null ? s.name() : String.format("0x%04x", id);
    }

    /** Every registered suite, in code point order. */
    public static Collection<CipherSuite> all() {
        return Collections.unmodifiableCollection(BY_ID.values());
    }

    private static void register(int id, String name) {
        if (BY_ID.put(id, parse(id, name)) != null) {
            throw new IllegalStateException(String.format("cipher suite 0x%04x registered twice", id));
        }
    }

    /** Reads a suite's algorithms from its IANA name. */
    static CipherSuite parse(int id, String name) {
        if (!name.startsWith("TLS_")) {
            throw new IllegalArgumentException("not an IANA TLS cipher suite name: " + name);
        }
        int with = name.indexOf("_WITH_");
        String prfHash = name.endsWith("_SHA384") ? "SHA-384" : "SHA-256";
        if (with < 0) {
            String body = name.substring(4);
            String aead = body.substring(0, body.lastIndexOf('_'));
            return new CipherSuite(id, name, KeyExchange.TLS13, cipher(aead, name), MacAlgorithm.AEAD, prfHash);
        }
        KeyExchange kx = keyExchange(name.substring(4, with), name);
        String right = name.substring(with + "_WITH_".length());
        MacAlgorithm mac = MacAlgorithm.AEAD;
        String cipherName = right;
        for (String[] suffix : MAC_SUFFIXES) {
            if (right.endsWith(suffix[0])) {
                cipherName = right.substring(0, right.length() - suffix[0].length());
                mac = MacAlgorithm.valueOf(suffix[1]);
                break;
            }
        }
        BulkCipher cipher = cipher(cipherName, name);
        if (cipher.aead()) {
            mac = MacAlgorithm.AEAD;
        } else if (mac == MacAlgorithm.AEAD && cipher != BulkCipher.NULL) {
            throw new IllegalArgumentException("no MAC in the name of non-AEAD suite " + name);
        } else if (mac == MacAlgorithm.AEAD) {
            mac = MacAlgorithm.NULL;
        }
        return new CipherSuite(id, name, kx, cipher, mac, prfHash);
    }

    private static KeyExchange keyExchange(String kx, String name) {
        String base = kx.endsWith("_EXPORT") ? kx.substring(0, kx.length() - "_EXPORT".length()) : kx;
        return switch (base) {
            case "NULL" -> KeyExchange.NULL;
            case "RSA" -> kx.equals(base) ? KeyExchange.RSA : KeyExchange.RSA_EXPORT;
            case "DH_DSS", "DH_RSA" -> KeyExchange.DH;
            case "DHE_DSS", "DHE_RSA", "DH_anon" -> KeyExchange.DHE;
            case "ECDH_ECDSA", "ECDH_RSA" -> KeyExchange.ECDH;
            case "ECDHE_ECDSA", "ECDHE_RSA", "ECDH_anon" -> KeyExchange.ECDHE;
            case "PSK" -> KeyExchange.PSK;
            case "DHE_PSK", "PSK_DHE" -> KeyExchange.DHE_PSK;
            case "ECDHE_PSK" -> KeyExchange.ECDHE_PSK;
            case "RSA_PSK" -> KeyExchange.RSA_PSK;
            default -> throw new IllegalArgumentException("unknown key exchange " + kx + " in " + name);
        };
    }

    private static BulkCipher cipher(String cipher, String name) {
        if (cipher.equals("3DES_EDE_CBC")) {
            return BulkCipher.TRIPLE_DES_EDE_CBC;
        }
        try {
            return BulkCipher.valueOf(cipher);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown cipher " + cipher + " in " + name, e);
        }
    }
}
