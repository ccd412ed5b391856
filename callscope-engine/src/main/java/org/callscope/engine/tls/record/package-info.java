/**
 * The TLS and DTLS record layers, without cryptography. {@link org.callscope.engine.tls.record.TlsRecordReader}
 * cuts one direction of a reassembled TCP stream into records (RFC 5246 §6.2, RFC 8446 §5.1);
 * {@link org.callscope.engine.tls.record.DtlsRecords} splits a UDP datagram into DTLS records
 * (RFC 6347 §4.1); {@link org.callscope.engine.tls.record.TlsDetector} and
 * {@link org.callscope.engine.tls.record.DtlsRecords#looksLikeDtls} recognise TLS and DTLS from
 * first bytes, whatever the port.
 *
 * <p>Record fragments are handed on as they are: decrypting them is the connection's business,
 * and handshake plaintexts go on to {@link org.callscope.engine.tls.handshake}. Bad input is
 * reported (unframeable stream, {@link org.callscope.engine.tls.handshake.TlsParseException}),
 * never thrown as anything else; every buffer is bounded by the largest record, 2^14 + 2048 bytes.
 */
package org.callscope.engine.tls.record;
