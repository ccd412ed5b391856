package org.callscope.engine.tls.handshake;

/**
 * A NewSessionTicket: RFC 5077 §3.3 for TLS 1.2 and earlier (lifetime hint and ticket), RFC 8446
 * §4.6.1 for TLS 1.3 (which adds ticket_age_add, the ticket_nonce that the resumption PSK is
 * derived with, and extensions).
 *
 * @param lifetimeSeconds ticket_lifetime_hint (TLS 1.2) or ticket_lifetime (TLS 1.3)
 * @param ticket          the opaque ticket (may be empty in TLS 1.2: no ticket issued after all)
 * @param ageAdd          ticket_age_add (TLS 1.3), else 0
 * @param nonce           ticket_nonce (TLS 1.3), else empty
 */
public record NewSessionTicket(long lifetimeSeconds, byte[] ticket, long ageAdd, byte[] nonce) {
    private static final byte[] EMPTY = new byte[0];

    /** A TLS 1.2 ticket: no age_add, no nonce. */
    public NewSessionTicket(long lifetimeSeconds, byte[] ticket) {
        this(lifetimeSeconds, ticket, 0, EMPTY);
    }

    /**
     * @param tls13 true for the TLS 1.3 layout
     * @throws TlsParseException naming the field and its offset in {@code body}
     */
    public static NewSessionTicket parse(byte[] body, boolean tls13) throws TlsParseException {
        WireReader r = new WireReader("NewSessionTicket", body, 0, body.length);
        long lifetime = r.u32(tls13 ? "ticket_lifetime" : "ticket_lifetime_hint");
        if (!tls13) {
            byte[] ticket = r.vector16("ticket", 0, 0xffff);
            r.expectEnd("ticket");
            return new NewSessionTicket(lifetime, ticket);
        }
        long ageAdd = r.u32("ticket_age_add");
        byte[] nonce = r.vector8("ticket_nonce", 0, 255);
        byte[] ticket = r.vector16("ticket", 1, 0xffff);
        ExtensionWalker walker = new ExtensionWalker(r);
        r.expectEnd("extensions");
        while (walker.next()) {
            // early_data (max_early_data_size) is the only one defined; none is needed here
        }
        return new NewSessionTicket(lifetime, ticket, ageAdd, nonce);
    }
}
