/**
 * SRTP and SRTCP (RFC 3711, RFC 6188, RFC 7714) decryption on javax.crypto: suites, master keys
 * from SDES ({@link org.callscope.engine.srtp.SdesKeys}) or DTLS-SRTP, session key derivation,
 * and per-sender contexts ({@link org.callscope.engine.srtp.SrtpContext}) that authenticate and
 * decrypt packets, keeping the rollover counter.
 */
package org.callscope.engine.srtp;
