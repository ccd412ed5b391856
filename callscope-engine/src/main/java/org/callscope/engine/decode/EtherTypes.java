package org.callscope.engine.decode;

/** EtherType values we follow (IEEE Registration Authority assignments) and where each leads. */
final class EtherTypes {
    static final int IPV4 = 0x0800;
    static final int IPV6 = 0x86dd;
    /** IEEE 802.1Q customer VLAN tag. */
    static final int VLAN = 0x8100;
    /** IEEE 802.1ad service tag (QinQ). */
    static final int QINQ = 0x88a8;
    /** Pre-standard QinQ tag used by older switches. */
    static final int QINQ_LEGACY = 0x9100;
    /** RFC 3032 §5: MPLS unicast. */
    static final int MPLS_UNICAST = 0x8847;
    /** RFC 2516 §4: PPPoE session stage. */
    static final int PPPOE_SESSION = 0x8864;
    /** IEEE 802.3 §3.2.6: a value of 1500 or less is a frame length (LLC follows), 0x0600 and up a type. */
    static final int MIN_ETHERTYPE = 0x0600;

    private EtherTypes() {
    }

    static NextLayer next(int etherType) {
        return switch (etherType) {
            case IPV4 -> NextLayer.IPV4;
            case IPV6 -> NextLayer.IPV6;
            case VLAN, QINQ, QINQ_LEGACY -> NextLayer.VLAN;
            case MPLS_UNICAST -> NextLayer.MPLS;
            case PPPOE_SESSION -> NextLayer.PPPOE;
            default -> NextLayer.OTHER;
        };
    }
}
