/**
 * TLS and DTLS handshake messages, without cryptography: reassembly of messages from record
 * plaintexts ({@link org.callscope.engine.tls.handshake.HandshakeReassembler} for TLS,
 * {@link org.callscope.engine.tls.handshake.DtlsHandshakeReassembler} for DTLS fragments), each
 * delivered with the bytes it contributes to the transcript hash, and parsers for the messages
 * passive decryption needs: {@link org.callscope.engine.tls.handshake.ClientHello},
 * {@link org.callscope.engine.tls.handshake.ServerHello},
 * {@link org.callscope.engine.tls.handshake.NewSessionTicket},
 * {@link org.callscope.engine.tls.handshake.ClientKeyExchange} (RSA),
 * {@link org.callscope.engine.tls.handshake.KeyUpdate}, and the
 * {@link org.callscope.engine.tls.handshake.Alert} protocol.
 *
 * <p>Parsers read bytes in place and check every length against the bytes left; extensions are
 * walked one by one, unknown ones skipped, a duplicate or a malformed one read here rejected. The
 * only exception they throw on input is {@link org.callscope.engine.tls.handshake.TlsParseException},
 * whose message names the structure, the field and the offset. Reassemblers never throw on input
 * and are bounded (256 KiB per message by default).
 */
package org.callscope.engine.tls.handshake;
