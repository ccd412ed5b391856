package org.callscope.engine.config;

import java.util.Set;

/**
 * Keys of VoIPmonitor's configuration that CallScope knows by name. A known key that the running
 * command does not use is warned about as "not supported yet" rather than "unknown", so users
 * moving a configuration over can tell a typo from a feature that is coming.
 */
final class VoipmonitorKeys {
    private static final Set<String> KNOWN = Set.of(
            "interface", "sipport", "rtptimeout", "absolute_timeout", "spooldir", "savesip", "savertp",
            "savertcp", "saveaudio", "ssl", "ssl_ipport", "ssl_sessionkey_udp", "ssl_sessionkey_udp_port",
            "ssl_sessionkey_udp_ip", "ssl_sessionkey_udp_maxwait_ms", "ssl_sessionkey_bind",
            "ssl_sessionkey_bind_port", "ssl_sessionkey_keep", "ssl_dtls_queue", "ssl_dtls_queue_expiration",
            "ssl_dtls_queue_keep", "ssl_dtls_handshake_safe", "ssl_dtls_boost", "srtp_rtp",
            "srtp_rtp_local_instances", "srtp_rtcp", "cleandatabase", "maxpoolsize", "maxpooldays",
            "managerport", "managerip", "server_bind", "server_bind_port", "server_password", "id_sensor",
            "sqldriver", "mysqlhost", "mysqlport", "mysqldb", "mysqlusername", "mysqlpassword", "natalias",
            "filter", "promisc", "ringbuffer", "packetbuffer_enable", "max_buffer_mem", "pcapcommand",
            "callslimit", "sipwithoutsdp", "sipwithoutrtptimeout", "sip-register", "sip-options", "sip-message", "dtmf2db",
            "inbanddtmf", "mos_g729", "jitterbuffer_f1", "jitterbuffer_f2", "jitterbuffer_adapt",
            "cdr_sipport", "cdr_rtpport", "sip_heuristic", "pcap_dump_zip", "tcpreassembly");

    private VoipmonitorKeys() {
    }

    static boolean isKnown(String key) {
        return KNOWN.contains(key);
    }
}
