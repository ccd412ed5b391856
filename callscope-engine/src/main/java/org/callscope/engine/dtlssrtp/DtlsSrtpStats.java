package org.callscope.engine.dtlssrtp;

import java.util.Map;

/**
 * Counters of a {@link DtlsSrtpTracker}, a snapshot.
 *
 * @param handshakesSeen        handshakes followed: a first hello on a new address pair, or a ClientHello with a new random
 *                              on a known one
 * @param completed             handshakes whose keys were reported
 * @param waiting               handshakes held now: waiting for a hello, a key or an announcement
 * @param expired               handshakes dropped at expiration without having produced keys
 * @param dropped               handshakes given up for lack of room: the queue was full, or one handshake exceeded its bytes
 * @param notFollowed           DTLS datagrams of handshakes not followed (queue off, no SDP announced either end)
 * @param restarted             new handshakes on an address pair that had one (their keys replace the earlier ones)
 * @param extendedMasterSecret  reported handshakes that negotiated the extended master secret (RFC 7627; the key log
 *                              already holds that secret, and the exporter is the same)
 * @param failures              failures reported, by reason
 */
public record DtlsSrtpStats(long handshakesSeen, long completed, long waiting, long expired, long dropped, long notFollowed,
                            long restarted, long extendedMasterSecret, Map<String, Long> failures) {
    public DtlsSrtpStats {
        failures = Map.copyOf(failures);
    }
}
