package org.callscope.engine.tls.handshake;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The parts of a ClientHello (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2, RFC 6347 §4.2.1 for the DTLS
 * cookie) that passive decryption and reporting need. Arrays are the parser's copies; values are
 * as sent, GREASE (RFC 8701) included.
 *
 * @param legacyVersion         client_version (0x0303 in TLS 1.3, 0xfeff/0xfefd in DTLS)
 * @param random                the 32-byte client random
 * @param sessionId             legacy_session_id, 0..32 bytes
 * @param cipherSuites          offered cipher suites in order
 * @param cookie                DTLS only (else null): the HelloVerifyRequest cookie echoed, possibly empty
 * @param serverName            the first host_name of server_name (RFC 6066 §3), or null
 * @param extendedMasterSecret  extended_master_secret offered (RFC 7627)
 * @param encryptThenMac        encrypt_then_mac offered (RFC 7366)
 * @param sessionTicketExtension session_ticket present (RFC 5077), empty or not
 * @param sessionTicket         the ticket offered for resumption in session_ticket, or null when empty or absent
 * @param supportedVersions     supported_versions (RFC 8446 §4.2.1), empty if absent
 * @param keyShareGroups        groups of the key_share entries (§4.2.8), empty if absent
 * @param preSharedKey          pre_shared_key present (§4.2.11)
 * @param pskIdentities         its identities (for TLS 1.3 resumption, tickets), empty if none
 * @param useSrtpProfiles       use_srtp protection profiles (RFC 5764 §4.1.1), empty if none
 * @param earlyData             early_data offered (RFC 8446 §4.2.10): 0-RTT records may follow the ClientHello
 */
public record ClientHello(int legacyVersion, byte[] random, byte[] sessionId, int[] cipherSuites, byte[] cookie,
                          String serverName, boolean extendedMasterSecret, boolean encryptThenMac,
                          boolean sessionTicketExtension, byte[] sessionTicket, int[] supportedVersions,
                          int[] keyShareGroups, boolean preSharedKey, byte[][] pskIdentities, int[] useSrtpProfiles,
                          boolean earlyData) {
    static final int RANDOM_LENGTH = 32;
    static final int MAX_SESSION_ID_LENGTH = 32;
    /** RFC 6066 §3: NameType host_name. */
    private static final int HOST_NAME = 0;

    /**
     * Parses a ClientHello body (the handshake message without its header). The extensions block
     * may be absent altogether, as in SSL 3.0 and extension-less TLS clients (RFC 5246 §7.4.1.2);
     * when present it must end the body exactly. Unknown extensions are skipped; a duplicate
     * extension, or a malformed one among those read here, is an error.
     *
     * @param dtls true for a DTLS ClientHello, which has a cookie after the session id
     * @throws TlsParseException naming the field and its offset in {@code body}
     */
    public static ClientHello parse(byte[] body, boolean dtls) throws TlsParseException {
        WireReader r = new WireReader("ClientHello", body, 0, body.length);
        int legacyVersion = r.u16("legacy_version");
        byte[] random = r.bytes("random", RANDOM_LENGTH);
        byte[] sessionId = r.vector8("legacy_session_id", 0, MAX_SESSION_ID_LENGTH);
        byte[] cookie = dtls ? r.vector8("cookie", 0, 255) : null;
        int suitesAt = r.offset();
        int suitesLength = r.vectorLength("cipher_suites", 2, 2, 0xfffe);
        if (suitesLength % 2 != 0) {
            throw r.errorAt(suitesAt, "cipher_suites length " + suitesLength + " is odd");
        }
        int[] cipherSuites = new int[suitesLength / 2];
        for (int i = 0; i < cipherSuites.length; i++) {
            cipherSuites[i] = r.u16("cipher_suite");
        }
        r.skip("legacy_compression_methods", r.vectorLength("legacy_compression_methods", 1, 1, 255));

        Extensions x = new Extensions();
        if (r.remaining() > 0) {
            ExtensionWalker walker = new ExtensionWalker(r);
            r.expectEnd("extensions");
            while (walker.next()) {
                x.read(walker.type(), walker.data());
            }
        }
        return new ClientHello(legacyVersion, random, sessionId, cipherSuites, cookie, x.serverName,
                x.extendedMasterSecret, x.encryptThenMac, x.sessionTicketExtension, x.sessionTicket,
                x.supportedVersions, x.keyShareGroups, x.preSharedKey, x.pskIdentities, x.useSrtpProfiles, x.earlyData);
    }

    /** The extension values as they are read. */
    private static final class Extensions {
        String serverName;
        boolean extendedMasterSecret;
        boolean encryptThenMac;
        boolean sessionTicketExtension;
        byte[] sessionTicket;
        int[] supportedVersions = new int[0];
        int[] keyShareGroups = new int[0];
        boolean preSharedKey;
        byte[][] pskIdentities = new byte[0][];
        int[] useSrtpProfiles = new int[0];
        boolean earlyData;

        void read(int type, WireReader d) throws TlsParseException {
            switch (type) {
                case ExtensionType.SERVER_NAME -> serverName = serverName(d);
                case ExtensionType.EXTENDED_MASTER_SECRET -> {
                    d.expectEnd("extended_master_secret (must be empty)");
                    extendedMasterSecret = true;
                }
                case ExtensionType.ENCRYPT_THEN_MAC -> {
                    d.expectEnd("encrypt_then_mac (must be empty)");
                    encryptThenMac = true;
                }
                case ExtensionType.SESSION_TICKET -> {
                    sessionTicketExtension = true;
                    sessionTicket = d.remaining() > 0 ? d.bytes("session_ticket", d.remaining()) : null;
                }
                case ExtensionType.SUPPORTED_VERSIONS -> supportedVersions = u16List(d, "supported_versions", 1, 2, 254);
                case ExtensionType.KEY_SHARE -> keyShareGroups = keyShareGroups(d);
                case ExtensionType.PRE_SHARED_KEY -> {
                    pskIdentities = pskIdentities(d);
                    preSharedKey = true;
                }
                case ExtensionType.USE_SRTP -> useSrtpProfiles = UseSrtp.profiles(d, 0xfffe);
                case ExtensionType.EARLY_DATA -> {
                    d.expectEnd("early_data (must be empty in a ClientHello)");
                    earlyData = true;
                }
                default -> {
                    // unknown or not needed: skipped with its data
                }
            }
        }

        /** RFC 6066 §3: ServerNameList of (name_type, opaque name<1..2^16-1>). */
        private static String serverName(WireReader d) throws TlsParseException {
            WireReader list = d.sub("server_name_list", d.vectorLength("server_name_list", 2, 1, 0xffff));
            d.expectEnd("server_name_list");
            String hostName = null;
            while (list.remaining() > 0) {
                int at = list.offset();
                int nameType = list.u8("name_type");
                byte[] name = list.vector16("host_name", 1, 0xffff);
                if (nameType == HOST_NAME) {
                    if (hostName != null) {
                        throw list.errorAt(at, "second host_name in server_name_list");
                    }
                    hostName = new String(name, StandardCharsets.ISO_8859_1);
                }
            }
            return hostName;
        }

        /** RFC 8446 §4.2.8: KeyShareClientHello of (NamedGroup group, key_exchange<1..2^16-1>). */
        private static int[] keyShareGroups(WireReader d) throws TlsParseException {
            WireReader shares = d.sub("client_shares", d.vectorLength("client_shares", 2, 0, 0xffff));
            d.expectEnd("client_shares");
            int[] groups = new int[shares.remaining() / 5];
            int n = 0;
            while (shares.remaining() > 0) {
                int group = shares.u16("key_share group");
                shares.skip("key_exchange", shares.vectorLength("key_exchange", 2, 1, 0xffff));
                groups[n++] = group;
            }
            return Arrays.copyOf(groups, n);
        }

        /** RFC 8446 §4.2.11: OfferedPsks of identities<7..2^16-1> and binders<33..2^16-1>. */
        private static byte[][] pskIdentities(WireReader d) throws TlsParseException {
            WireReader list = d.sub("identities", d.vectorLength("identities", 2, 7, 0xffff));
            byte[][] identities = new byte[list.remaining() / 7][];
            int n = 0;
            while (list.remaining() > 0) {
                identities[n++] = list.vector16("identity", 1, 0xffff);
                list.u32("obfuscated_ticket_age");
            }
            WireReader binders = d.sub("binders", d.vectorLength("binders", 2, 33, 0xffff));
            d.expectEnd("binders");
            while (binders.remaining() > 0) {
                binders.skip("binder", binders.vectorLength("binder", 1, 32, 255));
            }
            return Arrays.copyOf(identities, n);
        }
    }

    /** A list of 16-bit values with a {@code prefixBytes} length, which must be even. */
    static int[] u16List(WireReader d, String field, int prefixBytes, int min, int max) throws TlsParseException {
        int at = d.offset();
        int length = d.vectorLength(field, prefixBytes, min, max);
        if (length % 2 != 0) {
            throw d.errorAt(at, field + " length " + length + " is odd");
        }
        int[] values = new int[length / 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = d.u16(field);
        }
        d.expectEnd(field);
        return values;
    }
}
