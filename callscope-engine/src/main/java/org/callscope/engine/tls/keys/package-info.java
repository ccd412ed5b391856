/**
 * Where TLS secrets come from: NSS key log lines and files, key datagrams from keyloggers, the
 * thread-safe store the TLS connections look secrets up in, and servers' RSA private keys.
 *
 * <h2>Sources</h2>
 * <ul>
 *   <li>{@link org.callscope.engine.tls.keys.KeyLogFiles}: {@code SSLKEYLOGFILE} files (NSS key log
 *       format, RFC 9850), bad lines reported as FILE:LINE and skipped.</li>
 *   <li>{@link org.callscope.engine.tls.keys.UdpKeyReceiver}: key datagrams on a UDP socket; the same
 *       datagrams found inside a capture go through {@link org.callscope.engine.tls.keys.KeyDatagrams}
 *       directly.</li>
 *   <li>{@link org.callscope.engine.tls.keys.transport.TcpKeyReceiver}: key-log lines over the secure
 *       TCP transport (TLS 1.3 with a pre-shared key), package {@code tls.keys.transport}. Receivers
 *       write to a {@link org.callscope.engine.tls.keys.KeySink}, usually the store.</li>
 *   <li>{@link org.callscope.engine.tls.keys.ServerKeys} with
 *       {@link org.callscope.engine.tls.keys.PemPrivateKeys}: RSA private keys by server ip:port, for
 *       RSA key exchange ({@code ssl_ipport}).</li>
 * </ul>
 *
 * <h2>Key datagram variants</h2>
 * A datagram holds one or more items separated by line breaks (or, for JSON, simply following each
 * other), possibly followed by NUL bytes. Each item is one of:
 * <ol>
 *   <li>An NSS key log line, {@code LABEL <hex id> <hex secret>}, for every label of
 *       {@link org.callscope.engine.tls.keys.SecretLabel}. VoIPmonitor's keylogger library
 *       ({@code tools/ssl_keylogger/sslkeylog.cpp} in voipmonitor/sniffer, loaded with
 *       {@code LD_PRELOAD} and pointed at the sniffer by {@code SSLKEYLOG_UDP=ip:port}) sends one
 *       such line per datagram, without a line break: the line OpenSSL's keylog callback gives for
 *       CLIENT_RANDOM, the handshake and traffic secrets and EXPORTER_SECRET, or, with OpenSSL before
 *       1.1.1, a CLIENT_RANDOM line it builds from the session's master secret. Labels are matched
 *       ignoring case, as the sniffer's receiver does.</li>
 *   <li>{@code {"sessionid": "<hex client random>", "mastersecret": "<hex master secret>"}}: a
 *       CLIENT_RANDOM entry. This is the sniffer's original JSON form ({@code ssl_parse_client_random}
 *       in {@code ssl_dssl.cpp}); its documentation shows it pretty-printed, with upper-case hex and
 *       an extra {@code "cipher"} member.</li>
 *   <li>{@code {"type": "<label>", "client_random": "<hex id>", "key": "<hex secret>"}}: any label,
 *       named in any case; the sniffer's later JSON form (same function), which it checks when the
 *       first form's members are absent. We do the same: an object with both forms is read as the
 *       first.</li>
 * </ol>
 * Other JSON members, of any type, are ignored; JSON strings may use every RFC 8259 escape. Sizes
 * are checked as for key log lines (client random 32 bytes, RSA id 8, master and pre-master secret
 * 48, TLS 1.3 secrets 32 or 48). Not accepted, where the sniffer is looser: text before the label
 * (the keylogger strips it before sending), a 32-byte CLIENT_RANDOM secret, and a datagram in
 * which one item is bad — it is rejected whole, so a misconfigured sender is noticed.
 *
 * <h2>Threads</h2>
 * {@link org.callscope.engine.tls.keys.SessionKeys} is written by receivers and file loading on
 * their threads and read by the capture thread; its {@code version()} lets a connection that is
 * still waiting for its secret retry only when something new has arrived.
 */
package org.callscope.engine.tls.keys;
