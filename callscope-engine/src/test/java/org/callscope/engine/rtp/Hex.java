package org.callscope.engine.rtp;

/** Test helper: wire bytes written as hex with optional spaces. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String hex) {
        String h = hex.replaceAll("\\s+", "");
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
