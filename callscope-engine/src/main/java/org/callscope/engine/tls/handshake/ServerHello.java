package org.callscope.engine.tls.handshake;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The parts of a ServerHello (RFC 8446 §4.1.3, RFC 5246 §7.4.1.3) that passive decryption and
 * reporting need. A TLS 1.3 HelloRetryRequest has the same structure and is told apart by its
 * fixed random.
 *
 * @param legacyVersion          server_version (0x0303 in TLS 1.3, 0xfeff/0xfefd in DTLS)
 * @param random                 the 32-byte server random
 * @param sessionId              session id (echo of the client's in TLS 1.3), 0..32 bytes
 * @param cipherSuite            the selected cipher suite
 * @param compression            the selected compression method (0 = none)
 * @param extendedMasterSecret   extended_master_secret accepted (RFC 7627)
 * @param encryptThenMac         encrypt_then_mac accepted (RFC 7366)
 * @param sessionTicketExtension empty session_ticket: a NewSessionTicket will follow (RFC 5077 §3.2)
 * @param selectedVersion        supported_versions value (§4.2.1), or 0 when absent
 * @param keyShareGroup          the key_share group (§4.2.8), or -1 when absent
 * @param selectedPsk            the pre_shared_key selected identity (§4.2.11), or -1 when absent
 * @param useSrtpProfile         the use_srtp profile chosen (RFC 5764 §4.1.1), or -1 when absent
 * @param helloRetryRequest      the random is the HelloRetryRequest value (RFC 8446 §4.1.3)
 */
public record ServerHello(int legacyVersion, byte[] random, byte[] sessionId, int cipherSuite, int compression,
                          boolean extendedMasterSecret, boolean encryptThenMac, boolean sessionTicketExtension,
                          int selectedVersion, int keyShareGroup, int selectedPsk, int useSrtpProfile,
                          boolean helloRetryRequest) {
    /** RFC 8446 §4.1.3: SHA-256 of "HelloRetryRequest", the random of every HelloRetryRequest. */
    private static final byte[] HELLO_RETRY_REQUEST_RANDOM = HexFormat.of().parseHex(
            "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");

    /** The protocol version in force: supported_versions when present (TLS 1.3), else legacy_version. */
    public int negotiatedVersion() {
        return selectedVersion != 0 ? selectedVersion : legacyVersion;
    }

    /**
     * Parses a ServerHello body. As in {@link ClientHello#parse}, the extensions block may be
     * absent (SSL 3.0), must end the body when present, unknown extensions are skipped, duplicates
     * and malformed known extensions are errors.
     *
     * @param dtls true for a DTLS ServerHello (same layout; kept for symmetry with ClientHello)
     * @throws TlsParseException naming the field and its offset in {@code body}
     */
    public static ServerHello parse(byte[] body, boolean dtls) throws TlsParseException {
        WireReader r = new WireReader("ServerHello", body, 0, body.length);
        int legacyVersion = r.u16("legacy_version");
        byte[] random = r.bytes("random", ClientHello.RANDOM_LENGTH);
        byte[] sessionId = r.vector8("legacy_session_id", 0, ClientHello.MAX_SESSION_ID_LENGTH);
        int cipherSuite = r.u16("cipher_suite");
        int compression = r.u8("legacy_compression_method");
        boolean retry = Arrays.equals(random, HELLO_RETRY_REQUEST_RANDOM);

        boolean ems = false;
        boolean etm = false;
        boolean ticket = false;
        int selectedVersion = 0;
        int keyShareGroup = -1;
        int selectedPsk = -1;
        int useSrtpProfile = -1;
        if (r.remaining() > 0) {
            ExtensionWalker walker = new ExtensionWalker(r);
            r.expectEnd("extensions");
            while (walker.next()) {
                WireReader d = walker.data();
                switch (walker.type()) {
                    case ExtensionType.EXTENDED_MASTER_SECRET -> {
                        d.expectEnd("extended_master_secret (must be empty)");
                        ems = true;
                    }
                    case ExtensionType.ENCRYPT_THEN_MAC -> {
                        d.expectEnd("encrypt_then_mac (must be empty)");
                        etm = true;
                    }
                    case ExtensionType.SESSION_TICKET -> {
                        d.expectEnd("session_ticket (must be empty in a ServerHello)");
                        ticket = true;
                    }
                    case ExtensionType.SUPPORTED_VERSIONS -> {
                        selectedVersion = d.u16("selected_version");
                        d.expectEnd("selected_version");
                    }
                    case ExtensionType.KEY_SHARE -> {
                        keyShareGroup = d.u16(retry ? "selected_group" : "key_share group");
                        if (!retry) {
                            d.skip("key_exchange", d.vectorLength("key_exchange", 2, 1, 0xffff));
                        }
                        d.expectEnd(retry ? "selected_group" : "key_exchange");
                    }
                    case ExtensionType.PRE_SHARED_KEY -> {
                        selectedPsk = d.u16("selected_identity");
                        d.expectEnd("selected_identity");
                    }
                    case ExtensionType.USE_SRTP -> useSrtpProfile = UseSrtp.profiles(d, 2)[0];
                    default -> {
                        // unknown or not needed: skipped with its data
                    }
                }
            }
        }
        return new ServerHello(legacyVersion, random, sessionId, cipherSuite, compression, ems, etm, ticket,
                selectedVersion, keyShareGroup, selectedPsk, useSrtpProfile, retry);
    }
}
