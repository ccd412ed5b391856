package org.callscope.engine.decode;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;

/** Counts tunnel encapsulations as they are removed and enforces the depth limit. */
final class Tunnels {
    /**
     * Encapsulations removed from one frame before we give up. Zeek's {@code Tunnel::max_depth}
     * defaults to 2; mirrored traffic stacks a little deeper (VXLAN carrying ERSPAN over GRE carrying
     * IP-in-IP is three), so 4 keeps real captures while bounding crafted nests.
     */
    static final int MAX_TUNNEL_DEPTH = 4;

    private Tunnels() {
    }

    /** Records one more encapsulation; false (and {@code TUNNEL_TOO_DEEP} counted) past the limit. */
    static boolean enter(DecodedPacket out, AnomalyCounters anomalies) {
        if (out.tunnelDepth >= MAX_TUNNEL_DEPTH) {
            anomalies.count(Anomaly.TUNNEL_TOO_DEEP);
            return false;
        }
        out.tunnelDepth++;
        return true;
    }
}
