package org.callscope.engine.config;

import java.util.Locale;
import org.callscope.engine.dtlssrtp.DtlsSrtpSettings;
import org.callscope.engine.dtlssrtp.DtlsSrtpSettings.HandshakeSafe;

/**
 * The DTLS-SRTP part of the configuration, in the original's keys: {@code ssl_dtls_queue},
 * {@code ssl_dtls_queue_expiration} (seconds), {@code ssl_dtls_queue_keep},
 * {@code ssl_dtls_handshake_safe}, {@code ssl_dtls_boost}, {@code srtp_rtp_local_instances};
 * {@code ssl_sessionkey_keep} is read by {@link TlsConfig} and passed in. {@code ssl_dtls_boost = yes}
 * starts from {@link DtlsSrtpSettings#boost()}; the other keys win over it wherever they stand in
 * the file. What each setting means here is told in the {@code dtlssrtp} package documentation.
 */
public final class DtlsConfig {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private boolean boost;
    private Boolean queue;
    private Integer queueExpirationSeconds;
    private Boolean queueKeep;
    private HandshakeSafe handshakeSafe;
    private Boolean localInstances;

    DtlsConfig() {
    }

    /** True when {@code e} was one of the DTLS keys. */
    boolean apply(ConfigEntry e) throws ConfigException {
        switch (e.key()) {
            case "ssl_dtls_queue" -> queue = Values.yesNo(e);
            case "ssl_dtls_queue_expiration" -> queueExpirationSeconds = Values.positiveInt(e);
            case "ssl_dtls_queue_keep" -> queueKeep = Values.yesNo(e);
            case "ssl_dtls_handshake_safe" -> handshakeSafe = handshakeSafe(e);
            case "ssl_dtls_boost" -> boost = Values.yesNo(e);
            case "srtp_rtp_local_instances" -> localInstances = Values.yesNo(e);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** {@code no}/{@code 0}, {@code yes}/{@code 1}, {@code ext}/{@code 2} (the original's levels), {@code only}. */
    private static HandshakeSafe handshakeSafe(ConfigEntry e) throws ConfigException {
        return switch (e.value().trim().toLowerCase(Locale.ROOT)) {
            case "no", "n", "0", "false", "off" -> HandshakeSafe.NO;
            case "yes", "y", "1", "true", "on" -> HandshakeSafe.YES;
            case "ext", "2" -> HandshakeSafe.EXT;
            case "only" -> HandshakeSafe.ONLY;
            default -> throw Values.invalid(e, "'" + e.value() + "' is not no, yes, ext (2) or only");
        };
    }

    /** The tracker's settings; {@code sessionKeyKeep} is {@code ssl_sessionkey_keep}, which the TLS part reads. */
    public DtlsSrtpSettings settings(boolean sessionKeyKeep) {
        DtlsSrtpSettings base = boost ? DtlsSrtpSettings.boost() : DtlsSrtpSettings.defaults();
        return new DtlsSrtpSettings(
                queue != null ? queue : base.queue(),
                queueExpirationSeconds != null ? queueExpirationSeconds * NANOS_PER_SECOND : base.queueExpirationNanos(),
                queueKeep != null ? queueKeep : base.queueKeep(),
                handshakeSafe != null ? handshakeSafe : base.handshakeSafe(),
                localInstances != null ? localInstances : base.localInstances(),
                sessionKeyKeep, base.maxQueuedHandshakes(), base.maxQueuedBytesPerHandshake());
    }

    @Override
    public String toString() {
        return settings(true).toString();
    }
}
