package org.callscope.engine.sip;

/**
 * The SIP methods a monitor cares about: RFC 3261 §27.4 plus the extensions that carry calls,
 * registrations and events (RFC 3262 PRACK, RFC 3311 UPDATE, RFC 6086 INFO, RFC 6665
 * SUBSCRIBE/NOTIFY, RFC 3903 PUBLISH, RFC 3428 MESSAGE, RFC 3515 REFER). Method names are
 * case-sensitive (RFC 3261 §7.1).
 */
public enum SipMethod {
    INVITE, ACK, BYE, CANCEL, REGISTER, OPTIONS, INFO, UPDATE, PRACK, SUBSCRIBE, NOTIFY, PUBLISH,
    MESSAGE, REFER,
    /** Any other extension method token. */
    OTHER;

    private static final SipMethod[] KNOWN = java.util.Arrays.copyOf(values(), values().length - 1);

    /** The method for an exact (case-sensitive) name, {@link #OTHER} for unknown, null for null. */
    public static SipMethod of(String name) {
        if (name == null) {
            return null;
        }
        for (SipMethod m : KNOWN) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        return OTHER;
    }

    /** The known method whose name is at buf[off..off+len), or null; allocation-free. */
    static SipMethod of(byte[] buf, int off, int len) {
        for (SipMethod m : KNOWN) {
            String n = m.name();
            if (n.length() == len && SipChars.regionEquals(buf, off, n, false)) {
                return m;
            }
        }
        return null;
    }
}
