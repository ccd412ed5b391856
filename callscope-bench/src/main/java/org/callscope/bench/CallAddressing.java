package org.callscope.bench;

/**
 * Addresses of call number {@code index}: caller 10.1.x.y, callee 10.2.x.y with x.y unique per call
 * (250 × 250 values, avoiding .0 and .255), both signalling on port 5060 and sending media from an
 * even port (RFC 3550 §11) that differs per call.
 */
record CallAddressing(byte[] callerIp, byte[] calleeIp, int callerRtpPort, int calleeRtpPort) {
    static final int SIP_PORT = 5060;
    private static final int FIRST_RTP_PORT = 10_000;
    private static final int RTP_PORT_SLOTS = 20_000;

    static CallAddressing of(int index) {
        int x = index / 250 + 1;
        int y = index % 250 + 1;
        int port = FIRST_RTP_PORT + 2 * (index % RTP_PORT_SLOTS);
        return new CallAddressing(new byte[] {10, 1, (byte) x, (byte) y}, new byte[] {10, 2, (byte) x, (byte) y},
                port, port + 20_000);
    }

    static String text(byte[] ip) {
        return (ip[0] & 0xff) + "." + (ip[1] & 0xff) + "." + (ip[2] & 0xff) + "." + (ip[3] & 0xff);
    }
}
