/**
 * DTLS-SRTP key tracking (RFC 5764): follows DTLS 1.0/1.2 handshakes in the UDP datagrams of media
 * ports and, from the two hellos and the master secret a key log holds for the client random,
 * computes the SRTP master keys with the RFC 5705 exporter ("EXTRACTOR-dtls_srtp", the negotiated
 * version's PRF), reporting them by address to a {@link org.callscope.engine.dtlssrtp.DtlsSrtpListener}.
 *
 * <h2>What is followed</h2>
 * <ul>
 *   <li>Demultiplexing is RFC 7983's: a datagram whose first byte is 20..63 and whose first record
 *       header carries a DTLS 1.0 or 1.2 version is DTLS and taken; RTP, RTCP and STUN go on.</li>
 *   <li>One handshake per unordered address pair. Only epoch-0 handshake records are read, through
 *       {@link org.callscope.engine.tls.handshake.DtlsHandshakeReassembler} per direction, so
 *       fragmented, reordered and retransmitted hellos are handled; each direction stops once its
 *       hello is read. Records of later epochs are encrypted and only tell that a side has sent its
 *       Finished.</li>
 *   <li>The DTLS client is the sender of the ClientHello, which may be either SIP party
 *       ({@code a=setup:active/passive/actpass}); keys are reported by address.</li>
 *   <li>A HelloVerifyRequest cookie exchange keeps the ClientHello's random (RFC 6347 §4.2.1
 *       requires the same parameters in the second ClientHello, and the fixture capture shows it).
 *       A ClientHello with another random on the same pair is a new handshake: the pair starts
 *       afresh and its keys are reported again, replacing the earlier ones. A renegotiation inside
 *       an established association is encrypted and cannot be seen.</li>
 *   <li>An extended master secret (RFC 7627) does not change the exporter; the key log already
 *       holds the extended secret. Such handshakes are counted.</li>
 * </ul>
 *
 * <h2>VoIPmonitor's settings in this model</h2>
 * VoIPmonitor's DTLS page (voipmonitor.org/doc/DTLS) describes two ways of getting DTLS-SRTP keys:
 * (1) DTLS packets not yet assigned to a call wait in a queue split by IP/port until an encrypted
 * RTP packet of a call arrives, and (2) all DTLS packets go into a common processing that stores
 * client_random and server_random. Its sniffer source ({@code dtls.cpp}, {@code srtp.cpp} of
 * voipmonitor/sniffer) shows the common processing as a second, call-independent table that is
 * consulted by {@code ssl_dtls_handshake_safe} level. Here, a handshake is "announced" once any
 * datagram of its address pair arrives with {@code mediaEndpoint} true (an SDP named one end);
 * announcement plays the part of the call.
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>key</th><th>VoIPmonitor</th><th>here</th></tr>
 *   <tr><td>{@code ssl_dtls_queue} (yes)</td><td>DTLS packets wait in a per-IP/port queue until
 *       their call's RTP comes</td><td>handshakes are followed before any announcement and report
 *       once their pair is announced, by a DTLS datagram or by an RTP/SRTP one; they may also wait
 *       for a late key. Off: only handshakes on announced pairs are followed, and the key must be in
 *       the store when both sides have sent their Finished ("no key" then)</td></tr>
 *   <tr><td>{@code ssl_dtls_queue_expiration} (10 s)</td><td>a queued DTLS packet is removed after
 *       this</td><td>packet time after a handshake's last DTLS datagram at which it is dropped and
 *       counted as expired; an announced one reports "no key" or "handshake incomplete"</td></tr>
 *   <tr><td>{@code ssl_dtls_queue_keep} (no)</td><td>DTLS packets stay queued after first use,
 *       until expiration, for further decryption instances</td><td>reported keys stay until
 *       expiration, readable with {@link org.callscope.engine.dtlssrtp.DtlsSrtpTracker#keptKeys}
 *       for later streams on the same pair</td></tr>
 *   <tr><td>{@code ssl_dtls_handshake_safe} (no)</td><td>level 1: a call's link that saw one random
 *       takes the other from the common table when its random matches; level 2: also when it saw
 *       none</td><td>{@code YES}: with the queue off, handshakes off announced media are still
 *       followed, and an announced handshake that read at least one hello after its announcement
 *       reports using hellos read before it; {@code EXT} (level 2): also one whose hellos all came
 *       before; {@code ONLY} (CallScope's): every DTLS handshake is reported, announced or not. With
 *       the queue on, YES adds nothing and EXT nothing but the queue already gives.</td></tr>
 *   <tr><td>{@code srtp_rtp_local_instances} (no)</td><td>each RTP stream gets its own decryption
 *       instance rather than one per SDP IP/port</td><td>carried for the media path; not used
 *       here</td></tr>
 *   <tr><td>{@code ssl_sessionkey_keep} (yes)</td><td>the sniffer erases a client random's
 *       secret when its DTLS link goes</td><td>off: the master secret is removed from the store as
 *       soon as the keys are computed</td></tr>
 *   <tr><td>{@code ssl_dtls_boost}</td><td>not described in the documentation or source we could
 *       read</td><td>taken as "every aid on": queue, keep, handshake-safe level 2, local instances
 *       ({@link org.callscope.engine.dtlssrtp.DtlsSrtpSettings#boost()})</td></tr>
 * </table>
 * Where CallScope differs on purpose: the queue holds parsed hellos and reassembly state, not raw
 * packets (bounded by {@code maxQueuedHandshakes} and {@code maxQueuedBytesPerHandshake}, overflow
 * counted as dropped); and DTLS 1.0 uses TLS 1.0's MD5/SHA-1 PRF as RFC 5764 requires, where the
 * sniffer source we read always uses the SHA-256 P_hash.
 *
 * <h2>Bounds</h2>
 * At most {@code maxQueuedHandshakes} address pairs are held (waiting or kept); a handshake feeds
 * at most {@code maxQueuedBytesPerHandshake} bytes to reassembly before its hellos are read; the
 * reassembler's own limits apply within that. Nothing in a datagram makes the tracker throw.
 */
package org.callscope.engine.dtlssrtp;
