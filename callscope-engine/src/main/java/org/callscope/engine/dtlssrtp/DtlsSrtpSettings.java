package org.callscope.engine.dtlssrtp;

/**
 * How {@link DtlsSrtpTracker} follows handshakes, in VoIPmonitor's terms (the package
 * documentation tells how each maps onto this model and where the original's meaning was read).
 *
 * @param queue                      {@code ssl_dtls_queue}: follow handshakes before an SDP announced either end, and let
 *                                   handshakes wait for a late key until they expire; off, only handshakes on announced
 *                                   media endpoints are followed and the key must be there when the handshake ends
 * @param queueExpirationNanos       {@code ssl_dtls_queue_expiration}: packet time after a handshake's last DTLS datagram
 *                                   at which it is dropped if it has not produced keys (and forgotten if it has)
 * @param queueKeep                  {@code ssl_dtls_queue_keep}: keep reported keys until expiration, for later streams on
 *                                   the same address pair ({@link DtlsSrtpTracker#keptKeys})
 * @param handshakeSafe              {@code ssl_dtls_handshake_safe}: use hellos seen outside announced media to complete
 *                                   announced handshakes
 * @param localInstances             {@code srtp_rtp_local_instances}: one SRTP context per RTP stream rather than per SDP
 *                                   endpoint; carried for the media path, the tracker itself does not use it
 * @param sessionKeyKeep             {@code ssl_sessionkey_keep}: leave the master secret in the key store once used; off,
 *                                   it is removed after the keys are computed
 * @param maxQueuedHandshakes        handshakes held at once (waiting, or kept after completion); a new one beyond this is
 *                                   dropped and counted
 * @param maxQueuedBytesPerHandshake handshake bytes fed to the reassembly of one handshake before its hellos are complete;
 *                                   beyond this the handshake is given up and counted as dropped
 */
public record DtlsSrtpSettings(boolean queue, long queueExpirationNanos, boolean queueKeep, HandshakeSafe handshakeSafe,
                               boolean localInstances, boolean sessionKeyKeep, int maxQueuedHandshakes,
                               int maxQueuedBytesPerHandshake) {
    /** VoIPmonitor's {@code ssl_dtls_queue_expiration} default: 10 seconds. */
    public static final long DEFAULT_QUEUE_EXPIRATION_NANOS = 10_000_000_000L;
    /** Enough for a few thousand concurrent call setups; a handshake holds well under a kilobyte once its hellos are read. */
    public static final int DEFAULT_MAX_QUEUED_HANDSHAKES = 4_096;
    /** Hellos are a few hundred bytes; a first flight with a certificate chain fits with room. */
    public static final int DEFAULT_MAX_QUEUED_BYTES_PER_HANDSHAKE = 16 * 1024;

    /**
     * {@code ssl_dtls_handshake_safe}. VoIPmonitor keeps a second, call-independent table of the
     * hellos of every DTLS handshake and reads it by level: 1 completes a handshake of which the
     * call saw one hello with the other from that table when the random it saw matches, 2 also
     * takes the table's handshake when the call saw none. {@link #ONLY} is CallScope's: every
     * handshake is reported whether or not SDP announced it.
     */
    public enum HandshakeSafe {
        /** Only handshakes followed as announced (or queued) count. */
        NO,
        /** Level 1: an announced handshake that saw one hello may take the other from before the announcement. */
        YES,
        /** Level 2: an announced address pair may also take a handshake seen wholly before the announcement. */
        EXT,
        /** Every DTLS handshake on any UDP port is followed and reported, announced or not. */
        ONLY
    }

    public DtlsSrtpSettings {
        if (queueExpirationNanos <= 0) {
            throw new IllegalArgumentException("queue expiration must be positive, got " + queueExpirationNanos + " ns");
        }
        if (handshakeSafe == null) {
            throw new IllegalArgumentException("no handshake_safe level");
        }
        if (maxQueuedHandshakes < 1 || maxQueuedBytesPerHandshake < 1) {
            throw new IllegalArgumentException("queue limits must be at least 1, got " + maxQueuedHandshakes + " handshakes, "
                    + maxQueuedBytesPerHandshake + " bytes");
        }
    }

    /** VoIPmonitor's defaults: queue on for 10 s, keys not kept, no handshake-safe table, no local instances, keys kept in the store. */
    public static DtlsSrtpSettings defaults() {
        return new DtlsSrtpSettings(true, DEFAULT_QUEUE_EXPIRATION_NANOS, false, HandshakeSafe.NO, false, true,
                DEFAULT_MAX_QUEUED_HANDSHAKES, DEFAULT_MAX_QUEUED_BYTES_PER_HANDSHAKE);
    }

    /**
     * What {@code ssl_dtls_boost = yes} sets here: every aid on (queue, keys kept for later streams,
     * handshake-safe level 2, local instances). The original's documentation we could read does not
     * list what its switch sets; this is CallScope's reading of its name.
     */
    public static DtlsSrtpSettings boost() {
        return new DtlsSrtpSettings(true, DEFAULT_QUEUE_EXPIRATION_NANOS, true, HandshakeSafe.EXT, true, true,
                DEFAULT_MAX_QUEUED_HANDSHAKES, DEFAULT_MAX_QUEUED_BYTES_PER_HANDSHAKE);
    }
}
