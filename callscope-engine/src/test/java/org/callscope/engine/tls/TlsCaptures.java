package org.callscope.engine.tls;

import java.util.List;

/** The shared third-party captures that carry TLS over TCP, relative to {@code third_party}. */
public final class TlsCaptures {
    public static final String SCAPY = "scapy/tls_nss_example.pcap";
    public static final String ILLUSTRATED_TLS12 = "illustrated-tls12/capture.pcap";
    public static final String ILLUSTRATED_TLS13 = "illustrated-tls13/capture.pcap";
    public static final String PY_SSL_TEST_GEN = "py-ssl-test-gen/simulation.pcap";
    public static final String SCAPY_SSL_TLS = "scapy-ssl_tls/RSA_WITH_AES_128_CBC_SHA_w_key.pcap";
    public static final String ALL_CIPHERS = "lekensteyn-wireshark-notes/tls12-all-ciphers.pcapng";
    public static final String WEBRTC = "lekensteyn-wireshark-notes/webrtc-freeswitch.pcapng";

    private TlsCaptures() {
    }

    public static List<String> all() {
        return List.of(SCAPY, ILLUSTRATED_TLS12, ILLUSTRATED_TLS13, PY_SSL_TEST_GEN, SCAPY_SSL_TLS, ALL_CIPHERS, WEBRTC);
    }
}
