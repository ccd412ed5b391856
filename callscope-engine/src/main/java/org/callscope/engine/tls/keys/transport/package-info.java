/**
 * The secure key transport (docs/KEY-TRANSPORT.md): session secrets from keyloggers and
 * forwarders to CallScope over TLS 1.3 with an external pre-shared key, across a network.
 *
 * <ul>
 *   <li>{@link org.callscope.engine.tls.keys.transport.KeyTransportPsk}: the 32-byte PSK both ends
 *       derive from the shared secret ({@code HMAC-SHA256(secret, "callscope keylog psk v1")}),
 *       offered as {@code callscope-keylog-v1}.</li>
 *   <li>{@link org.callscope.engine.tls.keys.transport.TcpKeyReceiver}: the server; NSS key-log
 *       lines in, {@code ACK <n>} out once they are in the
 *       {@link org.callscope.engine.tls.keys.KeySink}; bounded connections, bad lines counted.</li>
 *   <li>{@link org.callscope.engine.tls.keys.transport.TcpKeySender}: the client; a bounded buffer
 *       of unacknowledged lines sent again after a reconnect, with backoff.</li>
 *   <li>{@link org.callscope.engine.tls.keys.transport.KeyLogFollower} and
 *       {@link org.callscope.engine.tls.keys.transport.UdpKeySender}: what {@code callscope keys
 *       forward} needs to ship an {@code SSLKEYLOGFILE} over either transport.</li>
 * </ul>
 *
 * <h2>TLS</h2>
 * BouncyCastle's TLS API (the JDK has no external PSKs): TLS 1.3 only, TLS_AES_128_GCM_SHA256,
 * X25519 or P-256, {@code psk_dhe_ke} only, no certificates. A handshake that fails on the key is
 * reported as an authentication failure through
 * {@link org.callscope.engine.tls.keys.transport.KeyTransportEvents}, naming the peer and the TLS
 * alert, never the secret.
 *
 * <h2>Threads</h2>
 * The receiver has an accepting thread and one per connection; the sender a writing thread and,
 * while connected, one reading ACKs. All are daemon threads that end with {@code close()}.
 */
package org.callscope.engine.tls.keys.transport;
